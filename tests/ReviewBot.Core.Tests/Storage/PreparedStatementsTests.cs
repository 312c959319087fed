using Microsoft.Extensions.Options;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>
/// PostgreSQL connections from the pool prepare the statements they run again and again, so the
/// interaction path's short reads are not parsed and planned on every run, unless the operator's
/// connection string says otherwise.
/// </summary>
public sealed class PreparedStatementsTests
{
    [Fact]
    public async Task StatementRunRepeatedly_IsPreparedOnItsConnection()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);

        Assert.True(await PreparedAfterRepeatsAsync(db.Get<ReviewDatabase>()) > 0);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0")]
    [InlineData("MaxAutoPrepare=0")]
    public async Task OperatorTurnsItOff_NothingIsPrepared(string setting)
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        var options = Options.Create(new StorageOptions { ConnectionString = db.ConnectionString + ";" + setting });
        await using var database = new ReviewDatabase(options, new SqliteConnectionFactory(options));

        Assert.Equal(0, await PreparedAfterRepeatsAsync(database));
    }

    [Theory]
    [InlineData("Host=db.example;Database=reviews", ReviewDatabase.AutoPreparedStatements)]
    [InlineData("Host=db.example;Database=reviews;Max Auto Prepare=8", 8)]
    [InlineData("Host=db.example;Database=reviews;maxautoprepare=0", 0)]
    public void ConnectionString_KeepsTheOperatorsSettingOrAddsOurs(string configured, int expected)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ReviewDatabase.WithPreparedStatements(configured));

        Assert.Equal((expected, "db.example", "reviews"), (builder.MaxAutoPrepare, builder.Host, builder.Database));
    }

    /// <summary>Runs one parameterised read a few times on one pooled connection; how many statements that connection then has prepared.</summary>
    private static async Task<long> PreparedAfterRepeatsAsync(ReviewDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        for (var i = 0; i < 8; i++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM reviews WHERE show_id = @showId";
            command.AddParameter("@showId", System.Data.DbType.Int64, (long)i);
            await command.ExecuteScalarAsync();
        }

        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM pg_prepared_statements";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
