namespace LearningCatalogue.Catalogue.Storage;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>Which relational store holds the catalogue. Bound from the "Catalogue:Database" section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Catalogue:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string. For SQLite, empty means "catalogue.db" in the data folder.</summary>
    public string ConnectionString { get; set; } = "";
}
