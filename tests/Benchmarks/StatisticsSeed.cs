using System.Diagnostics;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>
/// Thống kê ở quy mô toàn quốc (statistics at national scale, issue 13, P5): fills reporting's read models with generated
/// initiatives by set-based SQL (generate_series), and the same initiatives in tables of registration's shape for the
/// GROUP BY baseline. Runs in reporting's own database, whose schema the running service has migrated and whose
/// admin_units it has seeded.
/// </summary>
internal static class StatisticsSeed
{
    /// <summary>The measures both sides can count: a registration-shaped status history holds no replication or model.</summary>
    public static readonly string[] Measures =
        ["registered", "confirmed", "dossier", "recognized_commune", "recognized_province", "recognized_central", "nominated", "commended"];

    // Every fact with the lifecycle it reached. Skew: a commune's weight is a tenth of its province's commune count, so a
    // province's share grows with the square of its size (Hà Nội and Thanh Hóa lead, the small mountain provinces trail).
    // A third of the initiatives registered before 1 July 2025 stay filed under a pre-2025 commune (structure_from 2000).
    // Stage k is reached 20 days after stage k − 1; a stage after the last day simply has not happened yet.
    private const string FactsSql = """
        TRUNCATE initiative_facts, initiative_stats, replication_facts;
        CREATE TEMP TABLE units_2025 ON COMMIT DROP AS
            SELECT code, parent_code AS province, ceil(count(*) OVER (PARTITION BY parent_code) / 10.0)::int AS w
            FROM admin_units WHERE level = 'commune' AND valid_from = DATE '2025-07-01';
        CREATE TEMP TABLE slots ON COMMIT DROP AS
            SELECT (row_number() OVER (ORDER BY code, s) - 1)::bigint AS slot, code, province FROM units_2025, generate_series(1, w) s;
        CREATE TEMP TABLE old_slots ON COMMIT DROP AS
            SELECT (row_number() OVER (ORDER BY c.code) - 1)::bigint AS slot, c.code, coalesce(d.parent_code, c.parent_code) AS province
            FROM admin_units c LEFT JOIN admin_units d ON d.code = c.parent_code AND d.level = 'district' AND d.valid_from = c.valid_from
            WHERE c.level = 'commune' AND c.valid_from < DATE '2025-07-01';
        SELECT setseed(0.13);
        CREATE TEMP TABLE g ON COMMIT DROP AS
            SELECT i, random() AS ru, random() AS rk, random() AS rs, random() AS rf, random() AS rc, random() AS rm, random() AS rold,
                   DATE '2024-01-01' + floor(random() * (DATE '2026-12-01' - DATE '2024-01-01'))::int AS reg
            FROM generate_series(1, @n) i;
        INSERT INTO initiative_facts (initiative_id, campaign_id, kind, content_type, movement_area, field, status, organization_id,
            member_organization_id, province_code, commune_code, structure_from, registered_on, confirmed_on, dossier_on,
            recognized_commune_on, recognized_province_on, recognized_central_on, nominated_on, commended_on, status_at)
        SELECT md5('initiative' || i)::uuid,
               ('00000000-0000-0000-0000-00000000' || extract(year FROM reg)::int)::uuid,
               CASE WHEN rk < 0.70 THEN 'sang_kien' WHEN rk < 0.82 THEN 'mo_hinh' WHEN rk < 0.92 THEN 'giai_phap' ELSE 'de_tai' END,
               CASE WHEN rc < 0.6 THEN 'tac_nghiep' ELSE 'ky_thuat' END,
               (ARRAY['he_thong_chinh_tri', 'doanh_nghiep', 'nong_thon', 'do_thi', 'truong_hoc'])[1 + floor(rm * 5)::int],
               (ARRAY['nong_nghiep', 'hanh_chinh', 'giao_duc', 'y_te', 'moi_truong', 'cong_nghiep', 'van_hoa', 'chuyen_doi_so'])[1 + floor(rf * 8)::int],
               (ARRAY['registered', 'confirmed', 'dossier_submitted', 'recognized', 'recognized', 'recognized', 'nominated', 'commended'])[stage + 1],
               md5('organization' || province || (i % 14))::uuid,
               CASE WHEN rm < 0.2 THEN md5('member' || (i % 6))::uuid END,
               province, code, structure_from, reg,
               CASE WHEN stage >= 1 THEN reg + 20 END, CASE WHEN stage >= 2 THEN reg + 40 END, CASE WHEN stage >= 3 THEN reg + 60 END,
               CASE WHEN stage >= 4 THEN reg + 80 END, CASE WHEN stage >= 5 THEN reg + 100 END, CASE WHEN stage >= 6 THEN reg + 120 END,
               CASE WHEN stage >= 7 THEN reg + 140 END, now()
        FROM (SELECT g.*, coalesce(o.code, s.code) AS code, coalesce(o.province, s.province) AS province,
                     CASE WHEN o.code IS NULL THEN DATE '2025-07-01' ELSE DATE '2000-01-01' END AS structure_from,
                     CASE WHEN rs < 0.40 THEN 0 WHEN rs < 0.65 THEN 1 WHEN rs < 0.75 THEN 2 WHEN rs < 0.85 THEN 3
                          WHEN rs < 0.92 THEN 4 WHEN rs < 0.95 THEN 5 WHEN rs < 0.98 THEN 6 ELSE 7 END AS stage
              FROM g
              JOIN slots s ON s.slot = floor(g.ru * (SELECT count(*) FROM slots))::bigint
              LEFT JOIN old_slots o ON g.reg < DATE '2025-07-01' AND g.rold < 0.33
                   AND o.slot = floor(g.ru * (SELECT count(*) FROM old_slots))::bigint) x;
        """;

    // The cube is the contributions view summed by month (its definition in 0005_statistics.sql): the rows the projector keeps by delta.
    private const string CubeSql = """
        INSERT INTO initiative_stats (campaign_id, measure, month, province_code, commune_code, structure_from, kind, content_type,
                                      movement_area, field, status, member_organization_id, n)
        SELECT campaign_id, measure, date_trunc('month', on_day)::date, province_code, commune_code, structure_from, kind, content_type,
               movement_area, field, status, member_organization_id, count(*)
        FROM initiative_contributions GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
        """;

    // Registration's own shape (0001_registration.sql and its indexes): one wide row per initiative, and its status history
    // with one row per stage reached, at 10:00 in Vietnam on the day. Titles and the contact make the rows as wide as real ones.
    private const string BaselineSql = """
        DROP SCHEMA IF EXISTS registration_shape CASCADE;
        CREATE SCHEMA registration_shape;
        CREATE TABLE registration_shape.initiatives (
            id uuid PRIMARY KEY, campaign_id uuid NOT NULL, title text NOT NULL, kind text NOT NULL, summary text NULL,
            content_type text NULL, movement_area text NULL, field text NULL, organization_id uuid NOT NULL, province_code text NOT NULL,
            commune_code text NOT NULL, status text NOT NULL, registered_by text NOT NULL, contact_name text NOT NULL,
            contact_email text NULL, registered_at timestamptz NOT NULL);
        INSERT INTO registration_shape.initiatives
        SELECT initiative_id, campaign_id, 'Sáng kiến cải tiến quy trình phục vụ người dân tại địa bàn ' || commune_code || ' số ' || left(initiative_id::text, 8),
               kind, 'Tóm tắt nội dung sáng kiến, hiệu quả đạt được và khả năng nhân rộng trong phong trào thi đua.', content_type,
               movement_area, field, organization_id, province_code, commune_code, status, 'tacgia.' || left(initiative_id::text, 6),
               'Nguyễn Văn An', 'tacgia@example.vn', (registered_on + TIME '10:00') AT TIME ZONE 'Asia/Ho_Chi_Minh'
        FROM initiative_facts;
        CREATE TABLE registration_shape.initiative_status_history (
            initiative_id uuid NOT NULL REFERENCES registration_shape.initiatives (id), status text NOT NULL,
            changed_at timestamptz NOT NULL, changed_by text NOT NULL, note text NULL);
        INSERT INTO registration_shape.initiative_status_history
        SELECT initiative_id, measure, (on_day + TIME '10:00') AT TIME ZONE 'Asia/Ho_Chi_Minh', 'canbo.bench', NULL
        FROM initiative_contributions WHERE measure = ANY(@measures);
        CREATE INDEX ON registration_shape.initiatives (campaign_id, province_code, commune_code);
        CREATE INDEX ON registration_shape.initiatives (province_code, id);
        CREATE INDEX ON registration_shape.initiatives (commune_code, id);
        CREATE INDEX ON registration_shape.initiatives (status, id);
        CREATE INDEX ON registration_shape.initiative_status_history (initiative_id, changed_at);
        """;

    /// <summary>Generates <paramref name="rows"/> initiatives; returns how long each part took and the sizes it wrote.</summary>
    public static async Task<StatisticsData> FillAsync(NpgsqlDataSource reporting, int rows, Action<string> progress)
    {
        await using var connection = await reporting.OpenConnectionAsync();
        var clock = Stopwatch.StartNew();
        progress($"statistics: generating {rows:N0} initiative facts…");
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, tx, FactsSql, ("n", rows));
            await tx.CommitAsync();
        }

        var facts = clock.Elapsed;
        progress("statistics: building the monthly cube…");
        await ExecuteAsync(connection, null, CubeSql);
        var cube = clock.Elapsed - facts;
        progress("statistics: filling the registration-shaped baseline…");
        await ExecuteAsync(connection, null, BaselineSql, ("measures", Measures));
        var baseline = clock.Elapsed - facts - cube;
        await ExecuteAsync(connection, null, "VACUUM (ANALYZE) initiative_facts, initiative_stats, registration_shape.initiatives, registration_shape.initiative_status_history");
        await VerifyCubeAsync(connection);
        return new StatisticsData(
            rows, await CountAsync(connection, "initiative_stats"), await CountAsync(connection, "registration_shape.initiative_status_history"),
            await CountAsync(connection, "(SELECT DISTINCT province_code FROM initiative_facts) p"),
            await CountAsync(connection, "(SELECT DISTINCT commune_code, structure_from FROM initiative_facts) c"),
            await CountAsync(connection, "initiative_facts WHERE structure_from < DATE '2025-07-01'"),
            facts, cube, baseline);
    }

    /// <summary>
    /// Khối tổng hợp đúng (the cube is right): summed per measure, month and unit it equals a brute-force GROUP BY over the
    /// facts' own day columns (not through the view it was built from), in both directions. Throws otherwise.
    /// </summary>
    private static async Task VerifyCubeAsync(NpgsqlConnection connection)
    {
        const string Sql = """
            WITH brute AS (
                SELECT m.measure, date_trunc('month', m.on_day)::date AS month, f.province_code, f.commune_code, f.structure_from, count(*) AS n
                FROM initiative_facts f, LATERAL (VALUES ('registered', f.registered_on), ('confirmed', f.confirmed_on), ('dossier', f.dossier_on),
                     ('recognized_commune', f.recognized_commune_on), ('recognized_province', f.recognized_province_on),
                     ('recognized_central', f.recognized_central_on), ('nominated', f.nominated_on), ('commended', f.commended_on),
                     ('models_built', CASE WHEN f.kind = 'mo_hinh' THEN f.registered_on END)) m (measure, on_day)
                WHERE m.on_day IS NOT NULL GROUP BY 1, 2, 3, 4, 5),
            cube AS (SELECT measure, month, province_code, commune_code, structure_from, sum(n) AS n FROM initiative_stats GROUP BY 1, 2, 3, 4, 5)
            SELECT (SELECT count(*) FROM (TABLE brute EXCEPT TABLE cube) d) + (SELECT count(*) FROM (TABLE cube EXCEPT TABLE brute) d)
            """;
        await using var cmd = new NpgsqlCommand(Sql, connection) { CommandTimeout = 600 };
        var differences = (long)(await cmd.ExecuteScalarAsync())!;
        if (differences != 0)
        {
            throw new InvalidOperationException($"The generated cube differs from a GROUP BY over the facts in {differences} rows.");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 1800 };
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string from)
    {
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {from}", connection) { CommandTimeout = 600 };
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>What the seed wrote and how long it took.</summary>
internal sealed record StatisticsData(
    int Initiatives, long CubeRows, long HistoryRows, long Provinces, long Communes, long FiledUnderOldCommunes,
    TimeSpan Facts, TimeSpan Cube, TimeSpan Baseline);
