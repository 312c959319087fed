using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Core.Import;

/// <summary>
/// The one rule for how long a source key may be, for every source alike (a file's full path, a feed
/// item's guid or link). Keys are stored in indexed columns (the review's source key, a feed item's
/// row), and PostgreSQL refuses an index entry over about 2.7 KB: a longer key would make its save
/// fail every time it was tried. A key up to <see cref="MaxBytes"/> is kept as it is, so every key
/// stored before this rule still matches; a longer one becomes its SHA-256, as stable from one import
/// to the next and short enough for any index.
/// </summary>
public static class SourceKeys
{
    /// <summary>The longest key kept as it is, in bytes of UTF-8. Real paths and guids are far shorter.</summary>
    public const int MaxBytes = 1024;

    /// <summary>What <paramref name="key"/> is stored as: itself, or when longer than <see cref="MaxBytes"/> its SHA-256.</summary>
    public static string Bounded(string key) =>
        Encoding.UTF8.GetByteCount(key) <= MaxBytes ? key : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
