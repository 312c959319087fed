using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ReviewBot.Charts;
using ReviewBot.Reviews.Stored;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Benchmarks.Data;

/// <summary>How big a generated store is. <see cref="Standard"/> is the store the README's Performance figures are measured on.</summary>
public sealed record StoreSize(int Shows, int Reviews, int EpisodesPerReview)
{
    public static StoreSize Standard { get; } = new(50_000, 10_000, 10);

    public int Episodes => Reviews * EpisodesPerReview;
}

/// <summary>
/// Builds a store of the given size in a temp SQLite file through the real migrations, then bulk
/// inserts rows with prepared commands in ONE transaction (a few seconds for the standard size; the
/// importer would parse and hash 10,000 texts for nothing). The sample review is then imported
/// through the real importer so "metallic-rouge" has a real article behind it (and its chart drawn as
/// the importer draws it). Every generated review gets its chart stored as well, as a store the bot
/// filled would have them, so answers measure reading a stored chart: the generated scores repeat
/// with a period of 7 reviews, so each distinct set of scores is drawn once and its PNG stored for
/// every review that has it (drawing 10,000 would take minutes). Then every review's answers are
/// rendered and stored (StoredAnswerBackfill), as the importer stores them, so a first ask measures
/// reading them.
/// </summary>
public static class StoreGenerator
{
    public static async Task<GeneratedStore> CreateAsync(StoreSize size, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-bench", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "reviews.db");
        var clock = Stopwatch.StartNew();

        await using (var core = new CoreServices(path, services => services.AddStoredAnswers()))
        {
            await core.Get<DatabaseMigrator>().MigrateAsync(cancellationToken);
            await InsertAsync(core.Get<SqliteConnectionFactory>(), size, core.Get<EpisodeChart>(), cancellationToken);
            var imported = await core.Get<IReviewImporter>().ImportAsync(
                new ReviewDocument("bench:sample", "sample", SampleReview.Text, ReviewOrigin.File, Announce: false), cancellationToken);
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException($"The sample review did not import: {imported.Error}");
            }

            // Every review's answers, as the importer stores them with each review it stores.
            await core.Get<StoredAnswerBackfill>().RunPassAsync(cancellationToken);

            // A store the importer filled answers an exact name through the shows table's indexes, without
            // the show index; the figures (a cold ask above all) are meant for such a store.
            var named = ShowTitles.At(size.Shows - 1);
            if (await core.Get<ExactShowLookup>().FindAsync(new ShowQuery(named), cancellationToken) is null)
            {
                throw new InvalidOperationException($"The generated store does not answer \"{named}\" by exact lookup: its shows are not as the importer writes them.");
            }
        }

        // Every connection of the generator is closed; drop pooled handles so the file is quiescent.
        SqliteConnection.ClearAllPools();
        return new GeneratedStore(folder, path, size, clock.Elapsed);
    }

    private static async Task InsertAsync(SqliteConnectionFactory connections, StoreSize size, EpisodeChart chart, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var now = DateTimeOffset.UnixEpoch.AddYears(56).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var paragraphs = SampleParagraphs();

        using var show = Prepare(connection, transaction,
            "INSERT INTO shows (id, title, slug, title_key, created_at, updated_at) VALUES ($id, $title, $slug, $key, $now, $now)",
            "$id", "$title", "$slug", "$key", "$now");
        for (var i = 0; i < size.Shows; i++)
        {
            // With the title key the importer writes (ShowStore.UpsertAsync): shows without one are
            // what a store from before migrations/0005 holds, which the exact lookup leaves to the index.
            var title = ShowTitles.At(i);
            Run(show, i + 1, title, Slug.From(title), ShowTitleKey.From(title), now);
        }

        using var review = Prepare(connection, transaction,
            """
            INSERT INTO reviews (id, show_id, season, title, headline, verdict_score, verdict_scale, summary, body, source_url,
                                 author, published_at, source_key, content_hash, created_at, updated_at)
            VALUES ($id, $id, 1, $title, $headline, $verdict, 10, $summary, $body, $url, 'Bench Author', $published, $key, 'bench', $now, $now)
            """,
            "$id", "$title", "$headline", "$verdict", "$summary", "$body", "$url", "$published", "$key", "$now");
        using var episode = Prepare(connection, transaction,
            "INSERT INTO episodes (review_id, number, title, score, scale) VALUES ($review, $number, $title, $score, 5)",
            "$review", "$number", "$title", "$score");
        using var storedChart = Prepare(connection, transaction,
            "INSERT INTO review_charts (review_id, scores_key, png, drawn_at, drawn_from) VALUES ($review, $key, $png, $now, 'bench')",
            "$review", "$key", "$png", "$now");
        var drawn = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        for (var i = 0; i < size.Reviews; i++)
        {
            var id = i + 1;
            var title = ShowTitles.At(i);
            var body = paragraphs[i % paragraphs.Count] + "\n\n" + paragraphs[(i + 7) % paragraphs.Count];
            var published = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i)
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            Run(review, id, $"{title} Season 1 Review – A generated review", "A generated review", 3 + (i % 8),
                paragraphs[(i + 3) % paragraphs.Count], body, $"https://reviews.example/{id}/", published, $"bench:{id}", now);
            var episodes = new List<EpisodeEntry>(size.EpisodesPerReview);
            for (var e = 1; e <= size.EpisodesPerReview; e++)
            {
                var score = 2 + ((i + e) % 7 * 0.5);
                Run(episode, id, e, $"Episode title {e} of {title}", score);
                episodes.Add(new EpisodeEntry(e, "", new Score(score, 5)));
            }

            if (episodes.Count > 0)
            {
                var key = ChartKey.Of(episodes);
                if (!drawn.TryGetValue(key, out var png))
                {
                    drawn[key] = png = chart.Draw(episodes);
                }

                Run(storedChart, id, key, (object?)png ?? DBNull.Value, now);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static List<string> SampleParagraphs() =>
        SampleReview.Text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length > 200 && !p.Contains("Episode", StringComparison.Ordinal))
            .ToList();

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}

/// <summary>A generated store on disk; disposing deletes its folder.</summary>
public sealed record GeneratedStore(string Folder, string DatabasePath, StoreSize Size, TimeSpan GenerationTime) : IDisposable
{
    /// <summary>What the bot is given as ConnectionStrings:Reviews: the file, unless the load mode moved the data elsewhere.</summary>
    public string ConnectionString { get; init; } = $"Data Source={DatabasePath}";

    /// <summary>Where copies of this store (and of files derived from it) are served from; the file itself unless the load mode chose otherwise.</summary>
    public Load.StoreBackend Backend { get; init; } = Load.StoreBackend.File;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds the file (a crashed host) must not turn cleanup into a failure.
        }
    }
}
