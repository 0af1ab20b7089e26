using DoanKetSangTao.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Files;

public sealed class FileStorageConfigurationTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"dkst-store-config-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IHost Build(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)));
        builder.AddPlatformFileStorage();
        return builder.Build();
    }

    [Fact]
    public void Without_settings_files_go_to_the_database_up_to_20_MiB()
    {
        using var host = Build();
        var options = host.Services.GetRequiredService<IOptions<FileUploadOptions>>().Value;
        Assert.Equal(20 * 1024 * 1024, options.MaxBytes);
        Assert.Equal("database", options.Store);
    }

    [Fact]
    public async Task The_folder_store_is_used_when_configured_and_its_folder_is_created_at_start()
    {
        using var host = Build(("Files:Store", "Folder"), ("Files:Folder", root), ("Files:MaxBytes", "1048576"));
        await host.StartAsync();

        var store = Assert.IsType<FolderFileStore>(host.Services.GetRequiredService<IFileStore>());
        Assert.Equal(root, store.Root);
        Assert.True(Directory.Exists(root));
        Assert.Equal(1048576, host.Services.GetRequiredService<IOptions<FileUploadOptions>>().Value.MaxBytes);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_folder_store_without_a_folder_stops_the_service_at_start()
    {
        using var host = Build(("Files:Store", "folder"));
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Files:Folder is required", ex.Message);
    }

    [Fact]
    public async Task An_unknown_store_stops_the_service_at_start()
    {
        using var host = Build(("Files:Store", "s3"));
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("'database' or 'folder' (was 's3')", ex.Message);
    }

    [Fact]
    public async Task A_limit_that_is_not_positive_stops_the_service_at_start()
    {
        using var host = Build(("Files:MaxBytes", "0"));
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Files:MaxBytes must be a positive number", ex.Message);
    }

    [Fact]
    public async Task The_database_store_without_a_database_stops_the_service_at_start()
    {
        using var host = Build();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("AddPlatformDatabase", ex.Message);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_written_stops_the_service_at_start()
    {
        // A regular file where the folder should be.
        Directory.CreateDirectory(root);
        var blocked = Path.Combine(root, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "x");

        using var host = Build(("Files:Store", "folder"), ("Files:Folder", blocked));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("is not a writable directory", ex.Message);
    }
}
