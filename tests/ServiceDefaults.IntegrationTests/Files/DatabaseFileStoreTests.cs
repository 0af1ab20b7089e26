using Dapper;
using DoanKetSangTao.Data;
using DoanKetSangTao.Files;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests.Files;

public sealed class DatabaseFileStoreTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("files");
        dataSource = database.CreateDataSource();
        // The platform's own migrations, as every service applies them at start.
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance)
            .ApplyAsync([MigrationCatalog.Load(typeof(DatabaseExtensions).Assembly, "platform")], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Saved_content_reads_back_identical()
    {
        // Larger than one read slice, so reading back crosses slice boundaries.
        var content = Uploads.Pdf(DatabaseContentStream.SliceSize * 2 + 12345);
        await using var file = await Uploads.ReceiveAsync(content);
        var store = new DatabaseFileStore(dataSource);

        var key = await store.SaveAsync(file, CancellationToken.None);

        Assert.Equal("sha256:" + file.Sha256, key);
        var stream = await store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        Assert.Equal(content.Length, stream.Length);
        Assert.Equal(content, await Uploads.ReadAllAsync(stream));
    }

    [Fact]
    public async Task A_download_can_start_in_the_middle_of_the_file()
    {
        var content = Uploads.Pdf(DatabaseContentStream.SliceSize + 5000);
        await using var file = await Uploads.ReceiveAsync(content);
        var store = new DatabaseFileStore(dataSource);
        var key = await store.SaveAsync(file, CancellationToken.None);

        await using var stream = (await store.OpenReadAsync(key, CancellationToken.None))!;
        var from = DatabaseContentStream.SliceSize - 100;
        stream.Seek(from, SeekOrigin.Begin);
        var part = new byte[300];
        await stream.ReadExactlyAsync(part);
        Assert.Equal(content[from..(from + 300)], part);
    }

    [Fact]
    public async Task Saving_the_same_content_twice_keeps_one_row_and_one_key()
    {
        var content = Uploads.Pdf(50_000);
        await using var first = await Uploads.ReceiveAsync(content, "Bản gốc.pdf");
        await using var second = await Uploads.ReceiveAsync(content, "Bản sao.pdf");
        var store = new DatabaseFileStore(dataSource);

        var keys = new[] { await store.SaveAsync(first, CancellationToken.None), await store.SaveAsync(second, CancellationToken.None) };

        Assert.Equal(keys[0], keys[1]);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM file_contents"));
        Assert.Equal(content.Length, await connection.ExecuteScalarAsync<long>("SELECT size FROM file_contents"));
    }

    [Fact]
    public async Task Concurrent_saves_of_the_same_content_all_succeed_with_one_row()
    {
        var content = Uploads.Pdf(200_000);
        var files = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Uploads.ReceiveAsync(content)));
        try
        {
            var store = new DatabaseFileStore(dataSource);
            var keys = await Task.WhenAll(files.Select(f => store.SaveAsync(f, CancellationToken.None)));

            Assert.Single(keys.Distinct());
            await using var connection = await dataSource.OpenConnectionAsync();
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM file_contents"));
            Assert.Equal(content, await Uploads.ReadAllAsync((await store.OpenReadAsync(keys[0], CancellationToken.None))!));
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
    public async Task Unknown_content_reads_as_nothing()
    {
        var store = new DatabaseFileStore(dataSource);
        Assert.Null(await store.OpenReadAsync("sha256:" + new string('0', 64), CancellationToken.None));
    }

    [Fact]
    public async Task The_table_refuses_a_row_whose_size_does_not_match_its_content()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO file_contents (sha256, size, content) VALUES (@sha, 10, '\\x01'::bytea)", new { sha = new string('a', 64) }));
    }
}
