using System.Runtime.InteropServices;

namespace ReviewBot.Discord.Gateway;

internal static class GatewayUrls
{
    public static string OperatingSystemName { get; } =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "windows"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macos"
        : "linux";

    /// <summary>Every connection, fresh or resumed, names the version and encoding (docs: Events, Gateway, "Connecting" and "Resuming").</summary>
    public static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (builder.Path.Length == 0)
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }
}
