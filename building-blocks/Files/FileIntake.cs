using System.Buffers;
using System.Security.Cryptography;

namespace DoanKetSangTao.Files;

/// <summary>
/// Receives an upload: streams it to a temporary file while hashing it, enforces the size limit without
/// reading past it, and admits it only if its content is an accepted type.
/// </summary>
public static class FileIntake
{
    private const int BufferSize = 81920;

    /// <summary>
    /// Receives <paramref name="source"/> (e.g. <c>IFormFile.OpenReadStream()</c> or the request body).
    /// Fails with a <see cref="DoanKetSangTao.ServiceDefaults.Http.ProblemException"/> a person can act on: 400 <c>file_name_invalid</c>,
    /// 413 <c>file_too_large</c>, 400 <c>file_empty</c>, 415 <c>file_type_not_allowed</c>,
    /// <c>file_extension_mismatch</c> or <c>file_corrupt</c>; nothing is left on disk when it fails.
    /// </summary>
    public static Task<ReceivedFile> ReceiveAsync(Stream source, string? declaredFileName, long maxBytes, CancellationToken cancellationToken) =>
        ReceiveAsync(source, declaredFileName, maxBytes, Path.GetTempPath(), cancellationToken);

    internal static async Task<ReceivedFile> ReceiveAsync(
        Stream source, string? declaredFileName, long maxBytes, string tempDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        // The name is checked first: a refused name costs the person no upload time.
        var fileName = FileNames.Sanitize(declaredFileName);
        if (source.CanSeek && source.Length - source.Position > maxBytes)
        {
            throw FileProblems.TooLarge(fileName, maxBytes);
        }

        var tempPath = Path.Combine(tempDirectory, $"dkst-upload-{Guid.NewGuid():N}.tmp");
        try
        {
            var (size, sha256) = await CopyAsync(source, tempPath, fileName, maxBytes, cancellationToken);
            if (size == 0)
            {
                throw FileProblems.Empty(fileName);
            }

            AcceptedFileType type;
            await using (var content = ReceivedFile.OpenTemp(tempPath))
            {
                type = FileContentInspector.Inspect(content, fileName);
            }

            if (!IsExtensionOf(type, FileNames.ExtensionOf(fileName)))
            {
                fileName = FileNames.WithExtension(fileName, type.Extension());
            }

            return new ReceivedFile(tempPath, fileName, size, sha256, type);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private static async Task<(long Size, string Sha256)> CopyAsync(Stream source, string tempPath, string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // The temp folder is shared with other users of the machine; uploads are personal documents.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var target = new FileStream(tempPath, options);
            long size = 0;
            while (true)
            {
                // Never ask for more than one byte beyond the limit: an oversized upload is refused
                // as soon as it is known to be too large, not after it has all arrived.
                var wanted = (int)Math.Min(buffer.Length, maxBytes + 1 - size);
                var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                size += read;
                if (size > maxBytes)
                {
                    throw FileProblems.TooLarge(fileName, maxBytes);
                }

                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsExtensionOf(AcceptedFileType type, string extension) => type switch
    {
        AcceptedFileType.Jpeg => extension is ".jpg" or ".jpeg",
        // A .docx saved as "x.doc" (or the reverse) opens fine: Word looks at the content.
        AcceptedFileType.Docx or AcceptedFileType.Doc => extension is ".docx" or ".doc",
        AcceptedFileType.Xlsx or AcceptedFileType.Xls => extension is ".xlsx" or ".xls",
        _ => extension == type.Extension(),
    };

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the OS's temp cleaning; failing the request over it would help nobody.
        }
    }
}
