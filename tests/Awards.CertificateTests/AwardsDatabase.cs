using System.Text;
using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Data;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>A database of its own for a test class, migrated with the platform's and awards' scripts as the service applies them.</summary>
public sealed class AwardsDatabase : IAsyncLifetime
{
    private PostgresDatabase database = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("certs");
        DataSource = database.CreateDataSource();
        await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(
            [MigrationCatalog.Load(typeof(MigrationRunner).Assembly, "platform"), AwardsScripts()], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>
    /// Awards' scripts in version order, read without the catalogue's no-gap rule: this branch has 0004 before the
    /// decisions' 0003 is merged, and the certificate tables depend on nothing before them.
    /// </summary>
    private static List<MigrationScript> AwardsScripts()
    {
        var assembly = typeof(CertificatePdf).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!, Encoding.UTF8);
                return MigrationCatalog.Parse("awards", n, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }
}
