using DoanKetSangTao.Files;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests.Files;

public sealed class FolderFileStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dkst-folder-store-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Saved_content_reads_back_identical_from_a_content_addressed_path()
    {
        var content = Uploads.Pdf(300_000);
        await using var file = await Uploads.ReceiveAsync(content);
        var store = new FolderFileStore(root);

        var key = await store.SaveAsync(file, CancellationToken.None);

        Assert.Equal("sha256:" + file.Sha256, key);
        var path = Path.Combine(root, file.Sha256[..2], file.Sha256[2..4], file.Sha256);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        var stream = await store.OpenReadAsync(key, CancellationToken.None);
        Assert.IsType<FileStream>(stream);
        Assert.Equal(content, await Uploads.ReadAllAsync(stream!));
    }

    [Fact]
    public async Task Content_survives_a_new_store_instance_and_the_upload_temp_file()
    {
        var content = Uploads.Pdf(40_000);
        string key;
        await using (var file = await Uploads.ReceiveAsync(content))
        {
            key = await new FolderFileStore(root).SaveAsync(file, CancellationToken.None);
        }

        var reopened = new FolderFileStore(root);
        Assert.Equal(content, await Uploads.ReadAllAsync((await reopened.OpenReadAsync(key, CancellationToken.None))!));
    }

    [Fact]
    public async Task Concurrent_saves_of_the_same_content_end_with_one_intact_file()
    {
        var content = Uploads.Pdf(2_000_000);
        var files = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Uploads.ReceiveAsync(content)));
        try
        {
            var stores = files.Select(_ => new FolderFileStore(root)).ToArray();
            var keys = await Task.WhenAll(files.Select((f, i) => Task.Run(() => stores[i].SaveAsync(f, CancellationToken.None))));

            Assert.Single(keys.Distinct());
            var stored = Assert.Single(Directory.GetFiles(root, "*", SearchOption.AllDirectories));
            Assert.Equal(files[0].Sha256, Path.GetFileName(stored));
            Assert.Equal(content, await File.ReadAllBytesAsync(stored));
        }
        finally
        {
            foreach (var file in files)
            {
                await file.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Saving_content_that_is_already_stored_keeps_the_stored_file()
    {
        var content = Uploads.Pdf(10_000);
        await using var first = await Uploads.ReceiveAsync(content);
        var store = new FolderFileStore(root);
        var key = await store.SaveAsync(first, CancellationToken.None);
        var path = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Single();
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddDays(-1));

        await using var again = await Uploads.ReceiveAsync(content);
        Assert.Equal(key, await store.SaveAsync(again, CancellationToken.None));
        Assert.Equal(written.AddDays(-1), File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task A_damaged_stored_copy_is_replaced_by_the_next_save()
    {
        var content = Uploads.Pdf(10_000);
        await using var file = await Uploads.ReceiveAsync(content);
        var store = new FolderFileStore(root);
        var key = await store.SaveAsync(file, CancellationToken.None);
        var path = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Single();
        await File.WriteAllBytesAsync(path, content[..100]);

        await store.SaveAsync(file, CancellationToken.None);

        Assert.Equal(content, await Uploads.ReadAllAsync((await store.OpenReadAsync(key, CancellationToken.None))!));
    }

    [Fact]
    public async Task Unknown_content_reads_as_nothing() =>
        Assert.Null(await new FolderFileStore(root).OpenReadAsync("sha256:" + new string('0', 64), CancellationToken.None));
}
