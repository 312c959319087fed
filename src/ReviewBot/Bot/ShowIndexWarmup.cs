using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Duties;

namespace ReviewBot.Bot;

/// <summary>
/// Builds the show index in the background once a bot that answers interactions has started, so
/// autocomplete and every /review are answered from memory from the start. Until the index exists,
/// <see cref="ShowResolver"/> asks the database for each exact name, which suits a one-shot verb
/// (ask starts no hosted services) but not a bot asked many times. Processes without the gateway
/// duty (delivery and sources workers) do not build it; one answering over HTTP builds it on first use.
/// </summary>
public sealed class ShowIndexWarmup(ShowTitleIndex index, IOptions<DutiesOptions> duties, ILogger<ShowIndexWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!duties.Value.Gateway)
        {
            return;
        }

        // The host's start goes on (the hosted services after this one, READY) while the index builds.
        await Task.Yield();
        try
        {
            await index.GetAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the build finished: nothing to keep.
        }
        catch (Exception exception)
        {
            // Not fatal: the first lookup builds the index and reports what goes wrong there.
            logger.LogWarning("The show index was not built at start ({Reason}); the first lookup builds it", exception.Message);
        }
    }
}
