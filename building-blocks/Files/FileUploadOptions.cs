using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Files;

/// <summary>Upload limits and where file contents are kept; bound from the <c>Files</c> configuration section.</summary>
public sealed class FileUploadOptions
{
    public const string SectionName = "Files";

    public const string DatabaseStore = "database";

    public const string FolderStore = "folder";

    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Largest accepted file. Kestrel refuses request bodies above 30,000,000 bytes by default, so a
    /// larger value also needs <c>Kestrel:Limits:MaxRequestBodySize</c> raised.
    /// </summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary><c>database</c> (the service's own PostgreSQL database) or <c>folder</c>.</summary>
    public string Store { get; set; } = DatabaseStore;

    /// <summary>Root folder of the folder store; required when <see cref="Store"/> is <c>folder</c>.</summary>
    public string? Folder { get; set; }

    internal bool UsesFolder => string.Equals(Store?.Trim(), FolderStore, StringComparison.OrdinalIgnoreCase);

    internal bool UsesDatabase => string.Equals(Store?.Trim(), DatabaseStore, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Refuses a configuration the service cannot run with; messages are for operators, so English.</summary>
internal sealed class FileUploadOptionsValidator : IValidateOptions<FileUploadOptions>
{
    // The database store holds one whole file in memory while writing it (see DatabaseFileStore).
    internal const long MaxBytesForDatabase = 256L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, FileUploadOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBytes <= 0)
        {
            failures.Add($"{FileUploadOptions.SectionName}:MaxBytes must be a positive number of bytes (was {options.MaxBytes}).");
        }

        if (options.UsesFolder)
        {
            if (string.IsNullOrWhiteSpace(options.Folder))
            {
                failures.Add($"{FileUploadOptions.SectionName}:Folder is required when {FileUploadOptions.SectionName}:Store is 'folder': " +
                    "set it to a writable directory on a persistent volume.");
            }
        }
        else if (options.UsesDatabase)
        {
            if (options.MaxBytes > MaxBytesForDatabase)
            {
                failures.Add($"{FileUploadOptions.SectionName}:MaxBytes is {options.MaxBytes} but the database store accepts at most " +
                    $"{MaxBytesForDatabase} bytes per file; lower it or set {FileUploadOptions.SectionName}:Store to 'folder'.");
            }
        }
        else
        {
            failures.Add($"{FileUploadOptions.SectionName}:Store must be 'database' or 'folder' (was '{options.Store}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
