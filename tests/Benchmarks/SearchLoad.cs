using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace DoanKetSangTao.Benchmarks;

internal sealed record LoadReport(
    int Initiatives,
    long Authors,
    int Organizations,
    int Campaigns,
    int Provinces,
    int Communes,
    DateTime FirstRegisteredAt,
    DateTime LastRegisteredAt,
    TimeSpan Copy,
    TimeSpan Rebuild,
    TimeSpan Vacuum,
    long TableBytes,
    long SearchIndexBytes,
    long TotalBytes,
    IReadOnlyList<string> Indexes,
    string Server);

/// <summary>
/// Writes a million (or <c>rows</c>) generated initiatives straight into registration's database, whose schema
/// the running service has already migrated. The usual bulk-load order: the secondary indexes and foreign keys
/// of <c>initiatives</c> and <c>initiative_authors</c> are read from the catalog and dropped, the rows arrive by
/// binary COPY, then the same indexes and constraints are created again from their recorded definitions (the
/// foreign keys validate every row as they are added) and the tables are vacuumed and analyzed, as autovacuum
/// would have done on a live system. The schema afterwards is checked to be exactly what it was.
/// </summary>
internal static class SearchLoad
{
    private const int Seed = 20261121;

    private const string InitiativeColumns =
        "id, campaign_id, title, kind, content_type, movement_area, field, summary, organization_id, province_code, commune_code, status, " +
        "registered_by, contact_name, contact_email, registered_at, submitted_at, updated_at, search_text";

    public static async Task<LoadReport> LoadAsync(string connectionString, int rows, DateTime first, DateTime last, Action<string> progress)
    {
        await using var db = await OpenAsync(connectionString);
        var communes = new List<Commune>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT c.code, c.name, p.code, p.name FROM administrative_units c JOIN administrative_units p ON p.code = c.parent_code
            WHERE c.level = 'commune' AND c.retired_at IS NULL AND c.merged_into_code IS NULL ORDER BY c.code
            """, db))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                communes.Add(new Commune(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        var organizations = SearchCorpus.Organizations(communes, Seed);
        var campaigns = SearchCorpus.Campaigns(Enumerable.Range(first.Year, last.Year - first.Year + 1));
        await WriteReferenceDataAsync(db, organizations, campaigns);
        progress($"search: {organizations.Count} organizations and {campaigns.Count} campaigns written; dropping secondary indexes and foreign keys for the load…");

        var indexes = await ListAsync(db,
            """
            SELECT quote_ident(t.relname), quote_ident(i.relname), pg_get_indexdef(x.indexrelid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = 'public'::regnamespace AND t.relname IN ('initiatives', 'initiative_authors')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
            ORDER BY 2
            """);
        var foreignKeys = await ListAsync(db,
            """
            SELECT quote_ident(t.relname), quote_ident(k.conname), pg_get_constraintdef(k.oid)
            FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
            WHERE k.contype = 'f' AND t.relnamespace = 'public'::regnamespace AND t.relname IN ('initiatives', 'initiative_authors')
            ORDER BY 2
            """);
        var schemaBefore = await SchemaAsync(db);
        foreach (var (table, name, _) in foreignKeys)
        {
            await ExecuteAsync(db, $"ALTER TABLE {table} DROP CONSTRAINT {name}");
        }

        foreach (var (_, name, _) in indexes)
        {
            await ExecuteAsync(db, $"DROP INDEX {name}");
        }

        var clock = Stopwatch.StartNew();
        var corpus = new SearchCorpus(Seed, communes, organizations, campaigns, authorPool: Math.Max(1000, rows / 4));
        long authors = 0;
        await using (var authorDb = await OpenAsync(connectionString))
        {
            await using var initiativesCopy = await db.BeginBinaryImportAsync($"COPY initiatives ({InitiativeColumns}) FROM STDIN (FORMAT BINARY)");
            await using var authorsCopy = await authorDb.BeginBinaryImportAsync(
                "COPY initiative_authors (initiative_id, ordinal, full_name, email, is_lead, contribution_percent, organization_id, position) FROM STDIN (FORMAT BINARY)");
            var step = (last - first).Ticks / rows;
            for (var n = 0; n < rows; n++)
            {
                // Strictly increasing, a millisecond apart at least, so the UUIDv7 ids are in registration order.
                var at = first.AddTicks((step * n) + (step * (n * 7919L % 10) / 20));
                var i = corpus.Next(n, at);
                WriteInitiative(initiativesCopy, i);
                for (var k = 0; k < i.Authors.Count; k++)
                {
                    var a = i.Authors[k];
                    authorsCopy.StartRow();
                    authorsCopy.Write(i.Id, NpgsqlDbType.Uuid);
                    authorsCopy.Write(k + 1, NpgsqlDbType.Integer);
                    authorsCopy.Write(a.FullName, NpgsqlDbType.Text);
                    WriteNullable(authorsCopy, a.Email);
                    authorsCopy.Write(a.IsLead, NpgsqlDbType.Boolean);
                    authorsCopy.Write(a.ContributionPercent, NpgsqlDbType.Integer);
                    authorsCopy.Write(i.OrganizationId, NpgsqlDbType.Uuid);
                    WriteNullable(authorsCopy, a.Position);
                    authors++;
                }

                if ((n + 1) % 100_000 == 0)
                {
                    progress($"search: {n + 1:N0} initiatives copied ({clock.Elapsed.TotalSeconds:0} s)…");
                }
            }

            await initiativesCopy.CompleteAsync();
            await authorsCopy.CompleteAsync();
        }

        var copy = clock.Elapsed;
        progress($"search: copied in {copy.TotalSeconds:0} s; creating {indexes.Count} indexes and {foreignKeys.Count} foreign keys again…");
        clock.Restart();
        await ExecuteAsync(db, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, _, definition) in indexes)
        {
            await ExecuteAsync(db, definition);
        }

        foreach (var (table, name, definition) in foreignKeys)
        {
            await ExecuteAsync(db, $"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}");
        }

        var rebuild = clock.Elapsed;
        if (await SchemaAsync(db) is var schemaAfter && !schemaAfter.SequenceEqual(schemaBefore))
        {
            throw new InvalidOperationException("The indexes and constraints after the load differ from the migrated schema:\n" +
                string.Join('\n', schemaBefore.Except(schemaAfter).Select(s => "- " + s).Concat(schemaAfter.Except(schemaBefore).Select(s => "+ " + s))));
        }

        progress($"search: indexes and keys back in {rebuild.TotalSeconds:0} s; VACUUM (ANALYZE)…");
        clock.Restart();
        await ExecuteAsync(db, "VACUUM (ANALYZE) initiatives, initiative_authors, organizations, campaigns");
        var vacuum = clock.Elapsed;

        await using var sizes = new NpgsqlCommand(
            """
            SELECT pg_relation_size('initiatives'), pg_relation_size('initiatives_search'), pg_total_relation_size('initiatives'),
                   format('PostgreSQL %s; shared_buffers %s, work_mem %s, effective_cache_size %s, random_page_cost %s, jit %s',
                          current_setting('server_version'), current_setting('shared_buffers'), current_setting('work_mem'),
                          current_setting('effective_cache_size'), current_setting('random_page_cost'), current_setting('jit'))
            """, db);
        await using var r = await sizes.ExecuteReaderAsync();
        await r.ReadAsync();
        return new LoadReport(rows, authors, organizations.Count, campaigns.Count, communes.Select(c => c.ProvinceCode).Distinct().Count(), communes.Count,
            first, first.AddTicks((last - first).Ticks / rows * (rows - 1)), copy, rebuild, vacuum, r.GetInt64(0), r.GetInt64(1), r.GetInt64(2),
            [.. indexes.Select(x => x.Name)], r.GetString(3));
    }

    private static void WriteInitiative(NpgsqlBinaryImporter copy, GeneratedInitiative i)
    {
        copy.StartRow();
        copy.Write(i.Id, NpgsqlDbType.Uuid);
        copy.Write(i.CampaignId, NpgsqlDbType.Uuid);
        copy.Write(i.Title, NpgsqlDbType.Text);
        copy.Write(i.Kind, NpgsqlDbType.Text);
        copy.Write(i.ContentType, NpgsqlDbType.Text);
        copy.Write(i.MovementArea, NpgsqlDbType.Text);
        copy.Write(i.Field, NpgsqlDbType.Text);
        copy.Write(i.Summary, NpgsqlDbType.Text);
        copy.Write(i.OrganizationId, NpgsqlDbType.Uuid);
        copy.Write(i.ProvinceCode, NpgsqlDbType.Text);
        copy.Write(i.CommuneCode, NpgsqlDbType.Text);
        copy.Write(i.Status, NpgsqlDbType.Text);
        copy.Write(i.RegisteredBy, NpgsqlDbType.Text);
        copy.Write(i.Authors[0].FullName, NpgsqlDbType.Text);
        WriteNullable(copy, i.Authors[0].Email);
        copy.Write(i.RegisteredAt, NpgsqlDbType.TimestampTz);
        if (i.SubmittedAt is { } submitted)
        {
            copy.Write(submitted, NpgsqlDbType.TimestampTz);
        }
        else
        {
            copy.WriteNull();
        }

        copy.Write(i.UpdatedAt, NpgsqlDbType.TimestampTz);
        copy.Write(i.SearchText, NpgsqlDbType.Text);
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    private static async Task WriteReferenceDataAsync(NpgsqlConnection db, List<BenchOrganization> organizations, List<BenchCampaign> campaigns)
    {
        await using (var copy = await db.BeginBinaryImportAsync(
            "COPY organizations (id, name, kind, province_code, commune_code, parent_id, created_by) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in organizations)
            {
                copy.StartRow();
                copy.Write(o.Id, NpgsqlDbType.Uuid);
                copy.Write(o.Name, NpgsqlDbType.Text);
                copy.Write(o.Kind, NpgsqlDbType.Text);
                copy.Write(o.ProvinceCode, NpgsqlDbType.Text);
                WriteNullable(copy, o.CommuneCode);
                if (o.ParentId is { } parent)
                {
                    copy.Write(parent, NpgsqlDbType.Uuid);
                }
                else
                {
                    copy.WriteNull();
                }

                copy.Write("bench", NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        foreach (var c in campaigns)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO campaigns (id, year, name, province_code, phase_start_year, phase_end_year, created_by) VALUES (@id, @year, @name, @province, 2024, 2029, 'bench');
                INSERT INTO campaign_deadlines (campaign_id, scope_code, kind, due_before, closes_at, set_by)
                VALUES (@id, 'VN', 'registration', make_date(@year, 10, 1), make_timestamptz(@year, 9, 30, 17, 0, 0, 'UTC'), 'bench');
                """, db);
            insert.Parameters.AddWithValue("id", c.Id);
            insert.Parameters.AddWithValue("year", c.Year);
            insert.Parameters.AddWithValue("name", c.Name);
            insert.Parameters.AddWithValue("province", (object?)c.ProvinceCode ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Every index and constraint of the two tables, as the catalog defines them.</summary>
    private static async Task<List<string>> SchemaAsync(NpgsqlConnection db) =>
        [.. (await ListAsync(db,
            """
            SELECT t.relname, 'index', pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = 'public'::regnamespace AND t.relname IN ('initiatives', 'initiative_authors')
            UNION ALL
            SELECT t.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
            WHERE t.relnamespace = 'public'::regnamespace AND t.relname IN ('initiatives', 'initiative_authors')
            ORDER BY 1, 2, 3
            """)).Select(x => $"{x.Table} {x.Name} {x.Definition}")];

    private static async Task<List<(string Table, string Name, string Definition)>> ListAsync(NpgsqlConnection db, string sql)
    {
        var list = new List<(string, string, string)>();
        await using var cmd = new NpgsqlCommand(sql, db);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return list;
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        // No command timeout: building a GIN index over a million documents takes longer than the default 30 s.
        var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await db.OpenAsync();
        return db;
    }
}
