namespace ReviewBot.Benchmarks.Load;

public enum StoreKind
{
    Sqlite,
    PostgreSql,
}

public enum InteractionTransport
{
    /// <summary>INTERACTION_CREATE on the gateway, answered by a callback request to FakeDiscord.</summary>
    Gateway,

    /// <summary>Signed POST /interactions to the bot's own listener, answered in the HTTP response.</summary>
    Http,
}

/// <summary>
/// How the bot under load is laid out: its store (the generated SQLite file, or the same data moved
/// into a throwaway PostgreSQL), one process or two on that store (two shards, one each, every duty
/// on in both, as "Running more than one process" in the README describes), and the way interactions
/// reach it.
/// </summary>
public sealed record Topology(StoreKind Store, int Processes, InteractionTransport Transport)
{
    public static Topology Default { get; } = new(StoreKind.Sqlite, 1, InteractionTransport.Gateway);

    /// <summary>"sqlite×1 gateway", for report rows and notes.</summary>
    public string Label => $"{(Store == StoreKind.Sqlite ? "sqlite" : "postgresql")}×{Processes} {(Transport == InteractionTransport.Gateway ? "gateway" : "http")}";

    public static StoreKind ParseStore(string value) => value switch
    {
        "sqlite" => StoreKind.Sqlite,
        "postgresql" or "postgres" => StoreKind.PostgreSql,
        _ => throw new ArgumentException($"--store '{value}' is not known; expected sqlite or postgresql."),
    };

    public static int ParseProcesses(string value) => value switch
    {
        "1" => 1,
        "2" => 2,
        _ => throw new ArgumentException($"--processes '{value}' is not supported; expected 1 or 2."),
    };

    public static InteractionTransport ParseTransport(string value) => value switch
    {
        "gateway" => InteractionTransport.Gateway,
        "http" => InteractionTransport.Http,
        _ => throw new ArgumentException($"--transport '{value}' is not known; expected gateway or http."),
    };

    /// <summary>Two processes on one SQLite file is not a layout the product supports (its duties are granted at once to each).</summary>
    public string? Problem => Processes > 1 && Store == StoreKind.Sqlite
        ? "--processes 2 needs --store postgresql: on SQLite every process would hold every duty and both would deliver."
        : null;
}
