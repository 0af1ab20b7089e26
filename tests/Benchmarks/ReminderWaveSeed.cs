using Dapper;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>What the wave's seed wrote: units over how many communes and provinces, and the officers reached by Zalo.</summary>
internal sealed record WaveSeed(int Communes, int Provinces, string[] ZaloOfficers);

/// <summary>
/// The wave's units, straight into each service's database: rows are cloned from ones the platform wrote
/// (<c>jsonb_populate_record(NULL::t, to_jsonb(t) || …)</c>), so the seed does not depend on every column.
/// </summary>
internal static class ReminderWaveSeed
{
    /// <summary>Officer k of each unit chooses this channel for legal deadlines (one unit: Zalo, SMS, e-mail).</summary>
    public static readonly string[] Channels = ["zalo", "sms", "email"];

    public static async Task<WaveSeed> SeedAsync(string pg, string prefix, int units, Guid campaignId, Guid templateInitiative, string templateOrganization)
    {
        await using var registration = await OpenAsync(pg, $"{prefix}_registration");
        // The communes of 2025 taken round-robin over the provinces, so that any N spreads like the communes do (all of them
        // once at N = their number; round again beyond it).
        var communes = (await registration.QueryAsync<(string Province, string Commune, string Name)>(
            """
            WITH r AS (
                SELECT parent_code AS province, code AS commune, name, row_number() OVER (PARTITION BY parent_code ORDER BY code) AS k
                FROM administrative_units WHERE level = 'commune' AND retired_at IS NULL),
            c AS (SELECT province, commune, name, row_number() OVER (ORDER BY k, province) AS n, count(*) OVER () AS total FROM r)
            SELECT c.province, c.commune, c.name FROM generate_series(1, @units) g JOIN c ON c.n = (g - 1) % c.total + 1 ORDER BY g
            """, new { units })).ToList();
        if (communes.Count != units)
        {
            throw new InvalidOperationException($"Registration's administrative data gave {communes.Count} communes for {units} units.");
        }

        var orgs = communes.Select(_ => Guid.NewGuid()).ToArray();
        var names = communes.Select((c, i) => $"Ủy ban MTTQ {c.Name} (đơn vị đo {i + 1})").ToArray();
        var provinces = communes.Select(c => c.Province).ToArray();
        var codes = communes.Select(c => c.Commune).ToArray();
        await CloneAsync(registration, "organizations",
            """
            SELECT (jsonb_populate_record(NULL::organizations, to_jsonb(t) || jsonb_build_object(
                'id', u.id, 'name', u.name, 'kind', 'front_committee', 'province_code', u.province, 'commune_code', u.commune,
                'parent_id', NULL, 'created_by', 'bench', 'created_at', now()))).*
            FROM organizations t, unnest(@orgs, @names, @provinces, @codes) AS u(id, name, province, commune)
            WHERE t.id = @template::uuid
            """, new { orgs, names, provinces, codes, template = templateOrganization });
        // One initiative confirmed in the campaign per unit, its dossier not submitted: DeadlineProgress names the unit.
        await CloneAsync(registration, "initiatives",
            """
            SELECT (jsonb_populate_record(NULL::initiatives, to_jsonb(t) || jsonb_build_object(
                'id', gen_random_uuid(), 'campaign_id', @campaignId, 'organization_id', u.id, 'province_code', u.province, 'commune_code', u.commune,
                'status', 'confirmed', 'idempotency_key', NULL, 'title', 'Sáng kiến chờ nộp hồ sơ của ' || u.name))).*
            FROM initiatives t, unnest(@orgs, @names, @provinces, @codes) AS u(id, name, province, commune)
            WHERE t.id = @templateInitiative
            """, new { orgs, names, provinces, codes, campaignId, templateInitiative });

        // Three officers per unit: accounts cloned from a seeded officer's, each holding unit_officer at the unit.
        var accounts = new Guid[units * 3];
        var accountOrgs = new Guid[units * 3];
        var scopes = new string[units * 3];
        var fullNames = new string[units * 3];
        var userNames = new string[units * 3];
        var emails = new string[units * 3];
        var phones = new string[units * 3];
        var channels = new string[units * 3];
        for (var i = 0; i < units; i++)
        {
            for (var k = 0; k < 3; k++)
            {
                var a = i * 3 + k;
                accounts[a] = Guid.NewGuid();
                accountOrgs[a] = orgs[i];
                scopes[a] = $"VN/{provinces[i]}/{codes[i]}";
                fullNames[a] = $"Cán bộ {k + 1} đơn vị đo {i + 1}";
                userNames[a] = $"bench.wave.{i + 1}.{k + 1}";
                emails[a] = $"bench.wave.{i + 1}.{k + 1}@thu-nghiem.example.vn";
                // +84 9xxxxxxxx: a Viettel-like mobile number, distinct per officer.
                phones[a] = $"+849{a:D8}";
                channels[a] = $$"""{"legal_deadline": ["{{Channels[k]}}"]}""";
            }
        }

        await using (var identity = await OpenAsync(pg, $"{prefix}_identity"))
        {
            await CloneAsync(identity, "accounts",
                """
                SELECT (jsonb_populate_record(NULL::accounts, to_jsonb(t) || jsonb_build_object(
                    'id', u.id, 'full_name', u.full_name, 'search_key', lower(u.user_name), 'user_name', u.user_name,
                    'normalized_user_name', upper(u.user_name), 'email', u.email, 'normalized_email', upper(u.email), 'phone_number', u.phone,
                    'security_stamp', gen_random_uuid()::text, 'concurrency_stamp', gen_random_uuid()::text, 'created_by', 'bench', 'created_at', now()))).*
                FROM accounts t, unnest(@accounts, @fullNames, @userNames, @emails, @phones) AS u(id, full_name, user_name, email, phone)
                WHERE t.normalized_user_name = 'CANBO.XA.BADINH'
                """, new { accounts, fullNames, userNames, emails, phones });
            await CloneAsync(identity, "role_assignments",
                """
                SELECT (jsonb_populate_record(NULL::role_assignments, to_jsonb(t) || jsonb_build_object(
                    'id', gen_random_uuid(), 'account_id', u.id, 'role', 'unit_officer', 'admin_unit', u.scope, 'organization_id', u.org,
                    'starts_on', current_date - 1, 'ends_on', NULL, 'created_by', 'bench', 'created_at', now()))).*
                FROM (SELECT * FROM role_assignments LIMIT 1) t, unnest(@accounts, @scopes, @accountOrgs) AS u(id, scope, org)
                """, new { accounts, scopes, accountOrgs });
        }

        await using (var notification = await OpenAsync(pg, $"{prefix}_notification"))
        {
            var ids = accounts.Select(a => a.ToString()).ToArray();
            await notification.ExecuteAsync(
                """
                INSERT INTO notification_preferences (person_id, email, phone, channels)
                SELECT u.id, u.email, u.phone, u.channels::jsonb FROM unnest(@ids, @emails, @phones, @channels) AS u(id, email, phone, channels)
                """, new { ids, emails, phones, channels });
        }

        return new WaveSeed(communes.Select(c => c.Commune).Distinct().Count(), provinces.Distinct().Count(),
            [.. accounts.Where((_, a) => a % 3 == 0).Select(a => a.ToString())]);
    }

    /// <summary>
    /// Inserts the rows <paramref name="select"/> gives (whole rows of <paramref name="table"/>), naming the columns that can be
    /// written: generated ones (search documents) are left to the database.
    /// </summary>
    private static async Task CloneAsync(NpgsqlConnection connection, string table, string select, object parameters)
    {
        var columns = await connection.ExecuteScalarAsync<string>(
            """
            SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
            WHERE attrelid = @table::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' AND attidentity <> 'a'
            """, new { table });
        await connection.ExecuteAsync($"INSERT INTO {table} ({columns}) SELECT {columns} FROM ({select}) AS cloned", parameters, commandTimeout: 300);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string pg, string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { Database = database, CommandTimeout = 300 }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
