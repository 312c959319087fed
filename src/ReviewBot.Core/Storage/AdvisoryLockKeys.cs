namespace ReviewBot.Core.Storage;

/// <summary>
/// PostgreSQL advisory locks are keyed by two 32-bit integers; the first names this application so
/// its locks never collide with another application's on a shared server, the second the purpose.
/// Every key the bot takes is listed here.
/// </summary>
public static class AdvisoryLockKeys
{
    /// <summary>"RBot" in ASCII.</summary>
    public const int Application = 0x52426F74;

    /// <summary>Writers that check-then-insert (imports, new subscriptions) take it per transaction, as SQLite's single writer does.</summary>
    public const int Writes = 1;

    /// <summary>One process migrates at a time; the others wait and then find nothing to apply.</summary>
    public const int Migrations = 2;

    /// <summary>One process at a time runs a one-at-a-time duty: base + the duty's number.</summary>
    public const int DutyBase = 100;

    /// <summary>One Identify per bucket per five seconds across processes: base + bucket.</summary>
    public const int IdentifyBucketBase = 10_000;
}
