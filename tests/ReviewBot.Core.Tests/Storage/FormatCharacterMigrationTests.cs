using System.Text;
using Dapper;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>
/// The migration that clears the keys of titles holding a character the title key leaves out must
/// name exactly those characters: one it missed would keep a key no import computes any more (the
/// show duplicated by its next import), one too many only costs a key filled in again.
/// </summary>
public abstract class FormatCharacterMigrationTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task MigrateAsync_TitleWithEachCodePoint_ClearsTheKeyExactlyWhenTheKeyLeavesTheCodePointOut()
    {
        await using var db = await TestDatabase.CreateAsync(Provider, migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(Provider, db.ConnectionString, "0014");
        await using (var connection = await db.OpenAsync())
        {
            // One show per Unicode scalar value but NUL (which no title holds), "a", the character,
            // "b": made by the database itself, since a million parameters would take minutes.
            await connection.ExecuteAsync(Provider == StorageProvider.Sqlite
                ? """
                  WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 1114111)
                  INSERT INTO shows (id, title, slug, title_key, created_at, updated_at)
                  SELECT v, 'a' || char(v) || 'b', 'cp-' || v, 'k' || v, '2025-01-01', '2025-01-01' FROM n WHERE v NOT BETWEEN 55296 AND 57343
                  """
                : """
                  INSERT INTO shows (id, title, slug, title_key, created_at, updated_at)
                  SELECT v, 'a' || chr(v) || 'b', 'cp-' || v, 'k' || v, '2025-01-01', '2025-01-01'
                  FROM generate_series(1, 1114111) AS v WHERE v NOT BETWEEN 55296 AND 57343
                  """);
        }

        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        await using var read = await db.OpenAsync();
        var cleared = (await read.QueryAsync<long>("SELECT id FROM shows WHERE title_key IS NULL ORDER BY id")).Select(v => (int)v).ToList();
        var leftOut = Enumerable.Range(1, 0x10FFFF).Where(v => Rune.IsValid(v) && KeyOrNull("a" + new Rune(v) + "b") == "ab").ToList();
        Assert.NotEmpty(leftOut);
        Assert.Equal(Hex(leftOut), Hex(cleared));
    }

    private static string Hex(IEnumerable<int> values) => string.Join(' ', values.Select(v => $"U+{v:X4}"));

    private static string? KeyOrNull(string text)
    {
        try
        {
            return ShowTitleKey.From(text);
        }
        catch (ArgumentException)
        {
            return null; // not text the key can normalise (a noncharacter), so never a stored title
        }
    }
}

public sealed class FormatCharacterMigrationTestsOnSqlite : FormatCharacterMigrationTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class FormatCharacterMigrationTestsOnPostgreSql : FormatCharacterMigrationTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
