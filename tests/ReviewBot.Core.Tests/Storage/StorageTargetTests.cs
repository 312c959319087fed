using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>What a refused connection string is told: which setting is wrong, and never a piece of the password.</summary>
public sealed class StorageTargetTests
{
    /// <summary>
    /// A password with an unquoted ';' in it is split by the parser: what follows reads as a key of its
    /// own ("ss" here), and the provider's refusal names it. The error goes to the log and the console,
    /// so it says how to write such a password instead of repeating any of it.
    /// </summary>
    [Theory]
    [InlineData("Host=db;Username=rb;Password=pa;ss=word9")]
    [InlineData("Data Source=reviews.db;Password=pa;ss=word9")]
    public void Detect_PasswordWithAnUnquotedSemicolon_RefusedWithoutRepeatingAnyOfIt(string connectionString)
    {
        Assert.Null(StorageTarget.Detect(connectionString, out var error));

        Assert.DoesNotMatch(@"\bss\b", error);
        Assert.DoesNotContain("word9", error, StringComparison.Ordinal);
        Assert.Contains("a key it does not know", error, StringComparison.Ordinal);
        Assert.Contains("double quotes", error, StringComparison.Ordinal);
    }

    /// <summary>A key the provider knows, with a value it refuses, is named (it is no secret); the value is not repeated.</summary>
    [Theory]
    [InlineData("Host=db;Password=hunter2;Port=hunter2", "PostgreSQL", "port")]
    [InlineData("Data Source=reviews.db;Mode=hunter2", "SQLite", "mode")]
    public void Detect_KnownKeyWithAValueItRefuses_NamesTheKeyNotTheValue(string connectionString, string provider, string key)
    {
        Assert.Null(StorageTarget.Detect(connectionString, out var error));

        Assert.Contains($"ConnectionStrings:Reviews is a {provider} connection string", error, StringComparison.Ordinal);
        Assert.Contains(key, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }
}
