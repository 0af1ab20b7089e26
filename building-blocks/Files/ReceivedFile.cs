namespace DoanKetSangTao.Files;

/// <summary>
/// An upload that passed the intake checks, held in a temporary file until it is disposed (which deletes it).
/// Save it with <see cref="IFileStore.SaveAsync"/> before disposing.
/// </summary>
public sealed class ReceivedFile : IAsyncDisposable
{
    private int disposed;

    internal ReceivedFile(string tempPath, string fileName, long size, string sha256, AcceptedFileType type)
    {
        TempPath = tempPath;
        FileName = fileName;
        Size = size;
        Sha256 = sha256;
        Type = type;
    }

    public string TempPath { get; }

    /// <summary>The declared name made safe: no folders, NFC, at most 255 characters, with an extension that matches <see cref="Type"/>.</summary>
    public string FileName { get; }

    public long Size { get; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; }

    public AcceptedFileType Type { get; }

    /// <summary>The canonical media type of <see cref="Type"/> (never the one the sender declared).</summary>
    public string MediaType => Type.MediaType();

    public Stream OpenRead()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return OpenTemp(TempPath);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            FileIntake.TryDelete(TempPath);
        }

        return ValueTask.CompletedTask;
    }

    internal static FileStream OpenTemp(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
