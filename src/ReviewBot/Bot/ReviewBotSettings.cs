using ReviewBot.Core;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;
using ReviewBot.Discord;
using ReviewBot.Duties;
using ReviewBot.Http;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Bot;

/// <summary>
/// The sections of configuration that are ReviewBot's, with every setting in them: each options class
/// bound from configuration and each key read by hand. All of them for every verb, though a verb reads
/// only some: a key that is no setting is a mistake whichever verb meets it, and a verb must not refuse a
/// setting only another verb reads. Other sections (Logging, the host's own keys, other programs'
/// environment variables) are not listed, so they are never judged.
/// </summary>
public static class ReviewBotSettings
{
    public static SettingKeys Keys() => new SettingKeys()
        .Value("ConnectionStrings:Reviews")
        // What the environment provider writes beside a connection string given as SQLCONNSTR_Reviews,
        // MYSQLCONNSTR_Reviews or SQLAZURECONNSTR_Reviews; not read, but part of that setting.
        .Value("ConnectionStrings:Reviews_ProviderName")
        .Value(StorageOptions.SqliteCacheSizeKey)
        .Value(StorageOptions.SqliteMapSizeKey)
        .Value(DutiesOptions.Key)
        .Section<DiscordOptions>(DiscordOptions.SectionName)
        .Section<InteractionEndpointOptions>(DiscordOptions.SectionName)
        .Section<HttpEndpointOptions>(HttpEndpointOptions.SectionName)
        .Section<InteractionDispatchOptions>(InteractionDispatchOptions.SectionName)
        .Section<IdleMemoryTrimOptions>(IdleMemoryTrimOptions.SectionName)
        .Section<AnnouncementOptions>(AnnouncementOptions.SectionName)
        .Section<ReviewsOptions>(ReviewsOptions.SectionName)
        .Section<InboxOptions>(InboxOptions.SectionName)
        .Section<FeedsOptions>(FeedsOptions.SectionName)
        .ListOf<FeedSourceOptions>($"{FeedsOptions.SectionName}:{nameof(FeedsOptions.Sources)}");
}
