using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DoanKetSangTao.Files;

public static class FileStorageExtensions
{
    /// <summary>
    /// Binds <see cref="FileUploadOptions"/> from the <c>Files</c> section and registers the configured
    /// <see cref="IFileStore"/>. The database store needs <c>AddPlatformDatabase</c>. A configuration the
    /// service cannot run with stops it at start with a message saying what to change.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformFileStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FileUploadOptions>().Bind(builder.Configuration.GetSection(FileUploadOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FileUploadOptions>, FileUploadOptionsValidator>();
        builder.Services.AddSingleton<IFileStore>(CreateStore);
        // Resolving the store at start surfaces a missing database or an unusable folder now, not at the first upload.
        builder.Services.AddHostedService<FileStoreStartupCheck>();
        return builder;
    }

    private static IFileStore CreateStore(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FileUploadOptions>>().Value;
        if (options.UsesFolder)
        {
            return new FolderFileStore(options.Folder!);
        }

        var dataSource = services.GetService<NpgsqlDataSource>() ?? throw new InvalidOperationException(
            $"{FileUploadOptions.SectionName}:Store is 'database' but this service has no database: call builder.AddPlatformDatabase(...) " +
            $"or set {FileUploadOptions.SectionName}:Store to 'folder' with {FileUploadOptions.SectionName}:Folder.");
        return new DatabaseFileStore(dataSource);
    }

    private sealed class FileStoreStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (services.GetRequiredService<IFileStore>() is FolderFileStore folder)
            {
                ProbeWritable(folder.Root);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private static void ProbeWritable(string root)
        {
            var probe = Path.Combine(root, $".write-probe-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(root);
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"{FileUploadOptions.SectionName}:Folder '{root}' is not a writable directory for this service ({ex.Message}). " +
                    "Mount a persistent volume there or point the setting at one.", ex);
            }
        }
    }
}
