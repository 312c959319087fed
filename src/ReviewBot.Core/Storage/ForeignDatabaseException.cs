namespace ReviewBot.Core.Storage;

/// <summary>
/// The SQLite file holds tables but no ReviewBot migration journal: another program's database, which
/// ConnectionStrings:Reviews names by mistake. It is refused rather than migrated, which would add
/// ReviewBot's tables to that program's data (or fail half-way on a table of the same name);
/// <see cref="DatabaseFailure"/> turns it into one line and exit code 2.
/// </summary>
public sealed class ForeignDatabaseException : Exception
{
    public ForeignDatabaseException(IReadOnlyList<string> tables)
        : base($"The database holds tables ({string.Join(", ", tables)}) but no ReviewBot migration journal.")
    {
        Tables = tables;
    }

    public ForeignDatabaseException()
        : this([])
    {
    }

    public ForeignDatabaseException(string message)
        : base(message)
    {
        Tables = [];
    }

    public ForeignDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Tables = [];
    }

    /// <summary>Some of the tables found, to tell the operator which program the file belongs to.</summary>
    public IReadOnlyList<string> Tables { get; }
}
