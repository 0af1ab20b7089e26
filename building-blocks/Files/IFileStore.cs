using System.Diagnostics.CodeAnalysis;

namespace DoanKetSangTao.Files;

/// <summary>
/// Where file contents live, addressed by their SHA-256. Saving is idempotent: the same bytes saved
/// twice (by one person or two) are stored once and get the same key.
/// </summary>
/// <remarks>
/// Save the content first, then write the metadata row (owner, file name, media type, storage key) in
/// the service's own transaction. If that transaction fails, the content stays behind unreferenced,
/// which is harmless: it is addressed by its hash, so the retry or anyone uploading the same bytes
/// reuses it, and it never shows up anywhere without a metadata row pointing at it.
/// </remarks>
public interface IFileStore
{
    /// <summary>Stores the content of <paramref name="file"/> and returns its storage key, <c>sha256:&lt;hex&gt;</c>.</summary>
    Task<string> SaveAsync(ReceivedFile file, CancellationToken cancellationToken);

    /// <summary>The content stored under <paramref name="storageKey"/>, or null if there is none. The caller disposes the stream.</summary>
    Task<Stream?> OpenReadAsync(string storageKey, CancellationToken cancellationToken);
}

/// <summary>The storage key format shared by every store: <c>sha256:</c> and 64 lower-case hex digits.</summary>
public static class FileStorageKey
{
    public const string Prefix = "sha256:";

    public static string FromSha256(string sha256) =>
        IsSha256Hex(sha256) ? Prefix + sha256 : throw new ArgumentException("Expected 64 lower-case hex digits.", nameof(sha256));

    /// <summary>The hex digest of a well-formed key. Strict, because the folder store turns it into a path.</summary>
    public static bool TryGetSha256(string? storageKey, [NotNullWhen(true)] out string? sha256)
    {
        sha256 = null;
        if (storageKey is null || !storageKey.StartsWith(Prefix, StringComparison.Ordinal) || !IsSha256Hex(storageKey.AsSpan(Prefix.Length)))
        {
            return false;
        }

        sha256 = storageKey[Prefix.Length..];
        return true;
    }

    internal static string Sha256Of(string storageKey) => TryGetSha256(storageKey, out var sha256)
        ? sha256
        : throw new ArgumentException($"'{storageKey}' is not a storage key (expected {Prefix} and 64 lower-case hex digits).", nameof(storageKey));

    private static bool IsSha256Hex(ReadOnlySpan<char> value)
    {
        if (value.Length != 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
