using System.Buffers.Text;
using System.Text;

namespace DoanKetSangTao.Contracts.Paging;

/// <summary>
/// Con trỏ trang: the opaque cursor of a <see cref="Page{T}"/>, the last row's sort key written as URL-safe base64 so
/// that callers pass it back untouched and cannot build one by hand. A cursor that does not decode is bad input
/// (the API answers 400), never a silent first page.
/// </summary>
public static class Cursor
{
    /// <summary>The cursor of a key that is one identifier.</summary>
    public static string From(Guid id) => Base64Url.EncodeToString(id.ToByteArray());

    /// <summary>The cursor of a composite key (for example a date and an arrival number), its parts in sort order.</summary>
    public static string From(params string[] parts) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    public static bool TryRead(string? cursor, out Guid id)
    {
        id = Guid.Empty;
        Span<byte> bytes = stackalloc byte[16];
        if (cursor is not { Length: 22 } || !Base64Url.IsValid(cursor) || Base64Url.DecodeFromChars(cursor, bytes) != 16)
        {
            return false;
        }

        id = new Guid(bytes);
        return true;
    }

    /// <summary>The parts of a composite cursor, or null when it does not decode into <paramref name="count"/> parts.</summary>
    public static string[]? TryRead(string? cursor, int count)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 512 || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var parts = text.Split('\n');
        return parts.Length == count ? parts : null;
    }
}
