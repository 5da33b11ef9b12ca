namespace LearningCatalogue.Search;

/// <summary>The facets of the search API, by the name of their query parameter.</summary>
public static class Facets
{
    /// <summary>Linked ESCO skill URIs with all their broader skills and skill groups: filtering by a group finds its narrower skills.</summary>
    public const string Skill = "skill";
    /// <summary>ESCO collections of the linked skills (digital, green, transversal, language).</summary>
    public const string Collection = "collection";
    public const string Eqf = "eqf";
    /// <summary>Language of instruction, a code of the Publications Office language table.</summary>
    public const string Language = "language";
    /// <summary>Country of a provider, a code of the Publications Office country table.</summary>
    public const string Country = "country";
    public const string Provider = "provider";
    /// <summary>Form of participation, a code of the learning-assessment (mode) vocabulary.</summary>
    public const string Mode = "mode";
    public const string Schedule = "schedule";
    public const string Assessment = "assessment";
    /// <summary>ISCED-F field of education.</summary>
    public const string Field = "field";
    public const string Credential = "credential";
    /// <summary>"free" when taking part costs nothing, "paid" otherwise; entries with unknown fees have no value.</summary>
    public const string Fee = "fee";

    public static IReadOnlyList<string> All { get; } =
        [Skill, Collection, Eqf, Language, Country, Provider, Mode, Schedule, Assessment, Field, Credential, Fee];

    public const string Free = "free";
    public const string Paid = "paid";
}

/// <summary>The numeric ranges of the search API, by the name of their query parameter.</summary>
public static class Ranges
{
    public const string Ects = "ects";
    public const string Hours = "hours";
    /// <summary>The lowest fee of the entry (what taking part costs), compared as it is whatever its currency.</summary>
    public const string Price = "price";
    /// <summary>Start date, written yyyy-MM-dd.</summary>
    public const string Start = "start";

    public static IReadOnlyList<string> All { get; } = [Ects, Hours, Price, Start];
}
