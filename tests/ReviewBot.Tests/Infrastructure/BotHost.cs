using FakeDiscord;
using Microsoft.Data.Sqlite;
using ReviewBot.Cli;
using ReviewBot.Core.Import;
using Microsoft.Extensions.DependencyInjection;

namespace ReviewBot.Tests.Infrastructure;

/// <summary>
/// The real bot (the process's generic host, composed for the run verb) in-process against FakeDiscord: a temp SQLite file with
/// the samples imported, FakeDiscord's URLs and token. Send interactions through the fake gateway and
/// await the callback request the bot writes. Dispose stops the bot and the fake.
/// </summary>
public sealed partial class BotHost : IAsyncDisposable
{
    public const ulong GuildId = 1_300_000_000_000_000_001;
    public const ulong ChannelId = 1_300_000_000_000_000_002;
    public const ulong UserId = 1_500_000_000_000_000_001;
    public const ulong DmChannelId = 1_300_000_000_000_000_009;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>How long Discord waits for an interaction's initial response (docs: Interactions, Receiving and Responding).</summary>
    public static readonly TimeSpan AnswerWindow = TimeSpan.FromSeconds(3);

    private static long _nextId = 1_200_000_000_000_000_000;
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    private BotHost(FakeDiscordServer discord, string folder)
    {
        Discord = discord;
        Folder = folder;
    }

    public FakeDiscordServer Discord { get; }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "reviewbot.db");

    /// <summary>The bot's services (while it runs).</summary>
    public IServiceProvider Services { get; private set; } = null!;

    /// <summary>The run verb's exit code; completes when the bot stops.</summary>
    public Task<int> Exit { get; private set; } = null!;

    /// <summary>What the run verb printed to stderr (its messages; logs go to the console logger).</summary>
    public string ErrorOutput => _error.ToString();

    public static async Task<BotHost> StartAsync(BotHostOptions? options = null)
    {
        options ??= new BotHostOptions();
        var discord = await FakeDiscordServer.StartAsync(options.Fake);
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var bot = new BotHost(discord, folder);
        try
        {
            await bot.RunAsync(options);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    private async Task RunAsync(BotHostOptions options)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Discord:Token"] = options.Token ?? Discord.Options.Token,
            ["Discord:ApiBaseUrl"] = Discord.ApiBaseUrl.AbsoluteUri,
            ["Discord:GatewayUrl"] = Discord.GatewayUrl.AbsoluteUri,
            ["Discord:ShardCount"] = "1",
            ["ConnectionStrings:Reviews"] = $"Data Source={DatabasePath}",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var command = CliArguments.Parse([.. settings.Select(s => $"--{s.Key}={s.Value}")]);
        var builder = Program.CreateHostBuilder(command, new CliConsole(_out, _error));
        options.ConfigureServices?.Invoke(builder.Services);
        var host = Program.Build(builder);
        Services = host.Services;
        Exit = Task.Run(async () =>
        {
            await using var disposing = (IAsyncDisposable)host;
            return await host.Services.GetRequiredService<CliDispatcher>().RunAsync(command, _stop.Token);
        });
        if (options.WaitUntilConnected)
        {
            var identified = Discord.WaitForIdentifyAsync(timeout: Timeout);
            if (await Task.WhenAny(identified, Exit) == Exit)
            {
                throw new InvalidOperationException($"The bot stopped with exit code {await Exit} before connecting: {ErrorOutput}");
            }

            await identified;
        }
    }

    /// <summary>Stops the bot as Ctrl+C would and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Exit.WaitAsync(Timeout);
    }

    /// <summary>Imports a review text (plain or Markdown) into the bot's database.</summary>
    public async Task ImportAsync(string text, string? key = null)
    {
        var result = await Services.GetRequiredService<IReviewImporter>().ImportAsync(
            new ReviewDocument(key ?? Guid.NewGuid().ToString("n"), "test", text, ReviewOrigin.File, Announce: false), CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Test review was rejected: " + result);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Exit is not null)
        {
            try
            {
                await Exit.WaitAsync(Timeout);
            }
            catch (Exception)
            {
                // A test that expected a failure already looked at it.
            }
        }

        await Discord.DisposeAsync();
        _stop.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger; the temp folder is the OS's to clean.
        }
    }
}
