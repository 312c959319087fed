using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewBot.Cli;
using ReviewBot.Core;

namespace ReviewBot;

/// <summary>The composition root: configuration, one Add per layer, then the verb.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // The console logger writes to Console.Error itself; it gets the same guard as the verbs'
        // output (CliConsole), so a file name or feed title in a log line cannot steer the terminal.
        Console.SetError(TextWriter.Synchronized(TerminalSafeWriter.Guard(Console.Error)));
        return await RunAsync(args, Console.Out, Console.Error, stop.Token);
    }

    /// <summary>Main with its console passed in, so tests run the real program and read what it prints.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var command = CliArguments.Parse(args);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = command.ConfigurationArgs,
            // appsettings.json is copied next to the binary; `dotnet run` starts in the repository root.
            ContentRootPath = AppContext.BaseDirectory,
        });
        CliLogging.Configure(builder.Logging, command.Verb);
        builder.Services.AddReviewBotCore(builder.Configuration);
        builder.Services.AddReviewBotCli(new CliConsole(stdout, stderr));
        builder.Services.AddSingleton(command); // the run verb builds the bot's host from the same arguments

        using var host = builder.Build();
        return await host.Services.GetRequiredService<CliDispatcher>().RunAsync(command, cancellationToken);
    }
}
