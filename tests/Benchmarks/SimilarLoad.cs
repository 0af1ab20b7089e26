using System.Diagnostics;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.Data;
using DoanKetSangTao.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace DoanKetSangTao.Benchmarks;

internal sealed record SimilarLoadReport(
    int Rows,
    int Provinces,
    DateTime FirstRegisteredAt,
    DateTime LastRegisteredAt,
    TimeSpan Copy,
    TimeSpan Rebuild,
    TimeSpan Vacuum,
    long TableBytes,
    IReadOnlyList<(string Name, long Bytes)> Indexes,
    string Server,
    IReadOnlyList<GeneratedInitiative> Samples);

/// <summary>
/// Writes a million (or <c>rows</c>) generated initiatives into the similarity corpus of an appraisal database of
/// its own (<c>bench_similar</c>), migrated with the service's own scripts: the same generator as registration's
/// search benchmark, keyed with <see cref="VietnameseText.SearchKey"/> as the consumer keys them. Secondary indexes
/// are dropped for the binary COPY and created again from their migrated definitions, then the table is vacuumed
/// and analyzed. Every <see cref="SampleEvery"/>th initiative is kept as the original of a near-duplicate query.
/// </summary>
internal static class SimilarLoad
{
    public const string Database = "bench_similar";

    private const int Seed = 20261121;

    private const int SampleEvery = 2_500;

    public static async Task<SimilarLoadReport> LoadAsync(string serverConnection, int rows, DateTime first, DateTime last, Action<string> progress)
    {
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE {Database} ENCODING 'UTF8' TEMPLATE template0");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = Database, CommandTimeout = 0 }.ConnectionString;
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(
                [MigrationCatalog.Load(typeof(MigrationRunner).Assembly, "platform"), MigrationCatalog.Load(typeof(SimilarInitiatives).Assembly, "appraisal")],
                CancellationToken.None);
        }

        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var indexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT quote_ident(i.relname), pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = 'similarity_corpus'::regclass AND NOT x.indisprimary ORDER BY 1
            """, db))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(db, $"DROP INDEX {name}");
        }

        var communes = Communes();
        var organizations = SearchCorpus.Organizations(communes, Seed);
        var campaigns = SearchCorpus.Campaigns(Enumerable.Range(first.Year, last.Year - first.Year + 1));
        var corpus = new SearchCorpus(Seed, communes, organizations, campaigns, authorPool: Math.Max(1000, rows / 4));
        var samples = new List<GeneratedInitiative>();
        progress($"similar: copying {rows:N0} initiatives into {Database}.similarity_corpus…");
        var clock = Stopwatch.StartNew();
        await using (var copy = await db.BeginBinaryImportAsync(
            "COPY similarity_corpus (initiative_id, campaign_id, title, summary, title_key, summary_key, kind, province_code, commune_code, registered_at, stage) FROM STDIN (FORMAT BINARY)"))
        {
            var step = (last - first).Ticks / rows;
            for (var n = 0; n < rows; n++)
            {
                var i = corpus.Next(n, first.AddTicks(step * n));
                copy.StartRow();
                copy.Write(i.Id, NpgsqlDbType.Uuid);
                copy.Write(i.CampaignId, NpgsqlDbType.Uuid);
                copy.Write(i.Title, NpgsqlDbType.Text);
                copy.Write(i.Summary, NpgsqlDbType.Text);
                copy.Write(VietnameseText.SearchKey(i.Title), NpgsqlDbType.Text);
                copy.Write(VietnameseText.SearchKey(i.Summary), NpgsqlDbType.Text);
                copy.Write(i.Kind, NpgsqlDbType.Text);
                copy.Write(i.ProvinceCode, NpgsqlDbType.Text);
                copy.Write(i.CommuneCode, NpgsqlDbType.Text);
                copy.Write(i.RegisteredAt, NpgsqlDbType.TimestampTz);
                // Measured as the list runs in practice: over initiatives submitted to a council (docs/decisions/0008).
                copy.Write("submitted", NpgsqlDbType.Text);
                if (n % SampleEvery == SampleEvery / 2)
                {
                    samples.Add(i);
                }

                if ((n + 1) % 200_000 == 0)
                {
                    progress($"similar: {n + 1:N0} copied ({clock.Elapsed.TotalSeconds:0} s)…");
                }
            }

            await copy.CompleteAsync();
        }

        var copied = clock.Elapsed;
        progress($"similar: copied in {copied.TotalSeconds:0} s; creating {indexes.Count} indexes again…");
        clock.Restart();
        await ExecuteAsync(db, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(db, definition);
        }

        var rebuild = clock.Elapsed;
        progress($"similar: indexes back in {rebuild.TotalSeconds:0} s; VACUUM (ANALYZE)…");
        clock.Restart();
        await ExecuteAsync(db, "VACUUM (ANALYZE) similarity_corpus");
        var vacuum = clock.Elapsed;

        var sizes = new List<(string, long)>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT i.relname, pg_relation_size(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = 'similarity_corpus'::regclass ORDER BY 1
            """, db))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                sizes.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        await using var info = new NpgsqlCommand(
            """
            SELECT pg_relation_size('similarity_corpus'),
                   format('PostgreSQL %s; shared_buffers %s, work_mem %s, effective_cache_size %s, random_page_cost %s, jit %s',
                          current_setting('server_version'), current_setting('shared_buffers'), current_setting('work_mem'),
                          current_setting('effective_cache_size'), current_setting('random_page_cost'), current_setting('jit'))
            """, db);
        await using var r = await info.ExecuteReaderAsync();
        await r.ReadAsync();
        return new SimilarLoadReport(rows, communes.Select(c => c.ProvinceCode).Distinct().Count(), first, first.AddTicks((last - first).Ticks / rows * (rows - 1)),
            copied, rebuild, vacuum, r.GetInt64(0), sizes, r.GetString(1), samples);
    }

    /// <summary>The communes registration seeds (its embedded 2025 list), so initiatives spread as in the search benchmark.</summary>
    public static List<Commune> Communes()
    {
        var (provinces, units) = AdministrativeUnitSeeder.Read();
        var provinceNames = provinces.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);
        return units.Select(u => new Commune(u.Code, u.Name, u.Parent!, provinceNames[u.Parent!])).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
