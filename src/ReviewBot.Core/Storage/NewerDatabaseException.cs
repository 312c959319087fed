namespace ReviewBot.Core.Storage;

/// <summary>
/// The database's migration journal lists scripts this build does not ship: a newer ReviewBot has
/// migrated it. This build refuses it rather than reading or writing tables whose shape it does not
/// know; <see cref="DatabaseFailure"/> turns it into one line and exit code 2.
/// </summary>
public sealed class NewerDatabaseException : Exception
{
    public NewerDatabaseException(IReadOnlyList<string> unknownScripts)
        : base($"The database was migrated by a newer ReviewBot: its journal lists {string.Join(", ", unknownScripts)}, which this build does not have.")
    {
        UnknownScripts = unknownScripts;
    }

    /// <param name="target">The other database a command writes to (migrate --to's), described without its password.</param>
    public NewerDatabaseException(IReadOnlyList<string> unknownScripts, string target)
        : this(unknownScripts)
    {
        Target = target;
    }

    public NewerDatabaseException()
        : this([])
    {
    }

    public NewerDatabaseException(string message)
        : base(message)
    {
        UnknownScripts = [];
    }

    public NewerDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
        UnknownScripts = [];
    }

    /// <summary>The scripts the journal lists and this build does not have, as NNNN_name.sql.</summary>
    public IReadOnlyList<string> UnknownScripts { get; }

    /// <summary>
    /// Null when the refused database is the configured one (ConnectionStrings:Reviews); else the
    /// target it is (migrate --to's), so the line names the database to deal with, not the source.
    /// </summary>
    public string? Target { get; }
}
