namespace LearningCatalogue.Rdf;

/// <summary>The Virtuoso the product starts and stops itself (section <c>Catalogue:Virtuoso</c>).</summary>
public sealed class VirtuosoOptions
{
    public const string SectionName = "Catalogue:Virtuoso";

    /// <summary>False when the store is run by someone else (then only <see cref="RdfStoreOptions"/> matters).</summary>
    public bool Managed { get; set; } = true;

    /// <summary>The folder of the database files and of the generated virtuoso.ini; default <c>virtuoso</c> under the data folder.</summary>
    public string? Folder { get; set; }

    /// <summary>The HTTP (SPARQL) port, bound to 127.0.0.1.</summary>
    public int HttpPort { get; set; } = 8891;

    /// <summary>The SQL (isql) port, bound to 127.0.0.1.</summary>
    public int SqlPort { get; set; } = 1112;

    /// <summary>The password of the dba account; set on the database the first time it is created.</summary>
    public string DbaPassword { get; set; } = "dba";

    public string Binary { get; set; } = "virtuoso-t";

    /// <summary>Virtuoso's SQL command line (Debian's name), used to set the password and to shut down with a checkpoint.</summary>
    public string IsqlBinary { get; set; } = "isql-vt";

    /// <summary>8 KB pages of cache: 170,000 is about 1.3 GB, enough to keep ESCO in memory without crowding the machine.</summary>
    public int NumberOfBuffers { get; set; } = 170_000;

    public int MaxDirtyBuffers { get; set; } = 130_000;

    /// <summary>How long to wait for the SPARQL endpoint to answer after starting (a first start creates the database).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a clean shutdown may take before the process is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="Folder"/> as an absolute path, defaulting to <c>virtuoso</c> under <paramref name="dataFolder"/>.</summary>
    public string ResolveFolder(string dataFolder) => Path.GetFullPath(Folder ?? Path.Combine(dataFolder, "virtuoso"));

    public Uri HttpBase => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>The store options for this Virtuoso's endpoints, signing in as dba.</summary>
    public RdfStoreOptions ToStoreOptions() => RdfStoreOptions.ForVirtuoso(HttpBase, "dba", DbaPassword);
}
