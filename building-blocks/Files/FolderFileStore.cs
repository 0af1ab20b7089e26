namespace DoanKetSangTao.Files;

/// <summary>
/// File contents as files under a root folder: <c>root/aa/bb/&lt;sha256&gt;</c> (two levels keep any one
/// folder small). Each file is written under a temporary name, flushed to disk and then renamed, so a
/// reader or a crash never sees a half-written file under its final name.
/// </summary>
public sealed class FolderFileStore : IFileStore
{
    public FolderFileStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public async Task<string> SaveAsync(ReceivedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var key = FileStorageKey.FromSha256(file.Sha256);
        var target = PathOf(file.Sha256);
        if (HasIntactCopy(target, file.Size))
        {
            return key;
        }

        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        // Same folder as the target, so the rename below stays on one file system and is atomic.
        var temp = Path.Combine(folder, $".{file.Sha256}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            await using (var input = file.OpenRead())
            {
                await input.CopyToAsync(output, cancellationToken);
                // fsync before the rename: otherwise a power cut can leave the final name pointing at nothing.
                output.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, target, overwrite: false);
            }
            catch (IOException) when (HasIntactCopy(target, file.Size))
            {
                // Someone saved the same content meanwhile. Same hash, same bytes: theirs is as good as ours.
            }
            catch (IOException) when (File.Exists(target))
            {
                // A damaged copy (wrong length) is replaced; the content is identical by construction.
                File.Move(temp, target, overwrite: true);
            }
        }
        finally
        {
            FileIntake.TryDelete(temp);
        }

        return key;
    }

    public Task<Stream?> OpenReadAsync(string storageKey, CancellationToken cancellationToken)
    {
        var path = PathOf(FileStorageKey.Sha256Of(storageKey));
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920,
                FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    internal string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    private static bool HasIntactCopy(string path, long size)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == size;
    }
}
