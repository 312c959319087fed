using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ReviewBot.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temp folder, pg_ctl start on a free
/// port on 127.0.0.1 (socket in the same folder), one fresh database per caller, and stop plus delete
/// once the test process has ended. Started on first use and shared by every test of the assembly, since
/// xunit 2 has no assembly fixture. Run as root (as CI does), the server runs as the postgres user,
/// because PostgreSQL refuses to run as root. Clusters left by a test process that was killed are
/// removed by the next run. If no PostgreSQL is installed (<c>.ci/run</c> installs it) or it cannot
/// start, every test that needs it fails with the reason: a missing server is a broken set-up, not a
/// reason to skip.
/// </summary>
internal sealed class PostgresCluster
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "reviewbot-pg");
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private readonly string _binaries;
    private readonly string _folder;
    private readonly string? _runAs;

    private PostgresCluster(string binaries, string folder, string? runAs, int port)
    {
        _binaries = binaries;
        _folder = folder;
        _runAs = runAs;
        Port = port;
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";
    }

    public int Port { get; }

    public string AdminConnectionString { get; }

    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>A new, empty database; its connection string. Drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "rb_" + Guid.NewGuid().ToString("n");
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return $"Host=127.0.0.1;Port={Port};Database={name};Username=postgres";
    }

    /// <summary>A new, empty database, dropped when the result is disposed.</summary>
    public async Task<ScratchDatabase> CreateScratchDatabaseAsync() => new(this, await CreateDatabaseAsync());

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        // FORCE ends sessions a test left open (pools, a killed child process's connections).
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Stops the server and deletes its folder now rather than when this process has ended (the
    /// reaper still covers a process that dies first). For a caller that holds the cluster for less
    /// than its whole process, such as one load-mode run.
    /// </summary>
    public async Task StopAsync()
    {
        try
        {
            await RunToolAsync("pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "-t", "60", "stop"]);
        }
        finally
        {
            DeleteQuietly(_folder);
            DeleteQuietly(_folder + ".owner");
        }
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin or on PATH. "
            + "Install it (apt-get install -y postgresql; .ci/run does) to run the PostgreSQL half of the tests.");
        RemoveOrphans(binaries);

        var folder = Path.Combine(Root, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(Root, Path.GetFileName(folder) + ".owner"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var data = Path.Combine(folder, "data");
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            Directory.CreateDirectory(data);
            await RunAsync("chown", ["-R", runAs + ":", folder], null);
            // The temp root must be passable for the postgres user.
            await RunAsync("chmod", ["a+x", Root], null);
        }

        var port = FreePort();
        var cluster = new PostgresCluster(binaries, folder, runAs, port);
        await cluster.RunToolAsync("initdb", ["-D", data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-sync"]);
        var serverOptions = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await cluster.RunToolAsync("pg_ctl", ["-D", data, "-o", serverOptions, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"]);
        await StartReaperAsync(Path.Combine(binaries, "pg_ctl"), folder, runAs);
        return cluster;
    }

    /// <summary>
    /// The test host can end without running exit handlers (the runner ends it, or it is killed), so a
    /// detached shell watches it and, once it is gone, stops the server and deletes the folder.
    /// </summary>
    private static Task StartReaperAsync(string pgCtl, string folder, string? runAs)
    {
        var stop = runAs is null ? $"'{pgCtl}'" : $"runuser -u {runAs} -- '{pgCtl}'";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"{stop} -D '{folder}/data' -m immediate -w stop >/dev/null 2>&1; rm -rf '{folder}' '{folder}.owner'";
        return RunAsync("setsid", ["-f", "sh", "-c", script], null);
    }

    private Task RunToolAsync(string tool, string[] arguments) => RunAsync(Path.Combine(_binaries, tool), arguments, _runAs);

    private static async Task RunAsync(string program, string[] arguments, string? runAs)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var argument in new[] { "-u", runAs, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string? FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    /// <summary>Clusters whose test process is gone (killed before its exit handler ran).</summary>
    private static void RemoveOrphans(string binaries)
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var owner in Directory.GetFiles(Root, "*.owner"))
        {
            if (int.TryParse(File.ReadAllText(owner), out var pid) && IsAlive(pid))
            {
                continue;
            }

            var folder = owner[..^".owner".Length];
            var runAs = Environment.UserName == "root" ? "postgres" : null;
            try
            {
                RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"], runAs).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Not running.
            }

            DeleteQuietly(folder);
            DeleteQuietly(owner);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's orphan sweep or the OS's temp cleaner.
        }
    }
}

/// <summary>A database of the test cluster for one test: its connection string, dropped on dispose.</summary>
internal sealed class ScratchDatabase(PostgresCluster cluster, string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public ValueTask DisposeAsync() => new(cluster.DropDatabaseAsync(ConnectionString));
}
