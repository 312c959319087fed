using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>Bound from <c>ConnectionStrings:Reviews</c>.</summary>
public sealed class StorageOptions
{
    public const string DefaultConnectionString = "Data Source=data/reviewbot.db";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Set ConnectionStrings:Reviews (environment: ConnectionStrings__Reviews), e.g. \"Data Source=data/reviewbot.db\".")]
    public string ConnectionString { get; set; } = DefaultConnectionString;
}

/// <summary>
/// Reads the connection string the way SQLite will, so a misspelt keyword or value is a
/// configuration error naming the setting at start, not a failure at the first query.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Skip; // the Required attribute says what to set
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (builder.DataSource.Length == 0 && builder.Mode != SqliteOpenMode.Memory)
            {
                return ValidateOptionsResult.Fail(
                    "ConnectionStrings:Reviews has no Data Source; set it to the database file, e.g. \"Data Source=data/reviewbot.db\".");
            }

            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(
                $"ConnectionStrings:Reviews is not a valid SQLite connection string ({ex.Message}); expected e.g. \"Data Source=data/reviewbot.db\".");
        }
    }
}
