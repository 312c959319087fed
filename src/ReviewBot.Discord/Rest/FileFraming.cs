using System.Net.Http.Headers;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// The multipart/form-data framing for a message with files of given names and types (docs:
/// Reference, Uploading Files), made once: every body whose files have the same names and types,
/// in the same order, is framed by the same bytes whatever the files hold (the parts carry no
/// length). Its boundary is random per framing, not per body. Immutable and safe to share.
/// </summary>
public sealed class FileFraming
{
    private readonly (string FileName, string ContentType)[] _shape;

    private FileFraming(IReadOnlyList<FileUpload> files)
    {
        _shape = new (string, string)[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            _shape[i] = (files[i].FileName, files[i].ContentType);
        }

        (Frames, ContentType) = MultipartBody.Frame(files);
    }

    internal ReadOnlyMemory<byte>[] Frames { get; }

    internal MediaTypeHeaderValue ContentType { get; }

    /// <summary>The framing for files named and typed as <paramref name="files"/> are (their bytes do not matter).</summary>
    public static FileFraming For(IReadOnlyList<FileUpload> files) =>
        files.Count > 0 ? new FileFraming(files) : throw new ArgumentException("A framing frames at least one file.", nameof(files));

    /// <summary>Whether these are the files this framing was made for, by name and type in order.</summary>
    public bool Fits(IReadOnlyList<FileUpload> files)
    {
        if (files.Count != _shape.Length)
        {
            return false;
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].FileName != _shape[i].FileName || files[i].ContentType != _shape[i].ContentType)
            {
                return false;
            }
        }

        return true;
    }
}
