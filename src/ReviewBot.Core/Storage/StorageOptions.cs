using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>Bound from <c>ConnectionStrings:Reviews</c>.</summary>
public sealed class StorageOptions
{
    public const string DefaultConnectionString = "Data Source=data/reviewbot.db";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Set ConnectionStrings:Reviews (environment: ConnectionStrings__Reviews), e.g. \"Data Source=data/reviewbot.db\".")]
    public string ConnectionString { get; set; } = DefaultConnectionString;
}

/// <summary>Checks <see cref="StorageOptions"/>' attributes at start, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsAttributeValidator : IValidateOptions<StorageOptions>;
