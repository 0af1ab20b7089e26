using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>
/// Thống kê ở quy mô toàn quốc (statistics at national scale, issue 13, P5): <c>GET /api/v1/reports/statistics</c> through
/// the gateway over the read model, beside the same question asked as a GROUP BY over registration-shaped tables, in one
/// run. Each case is first checked: the API's table equals the GROUP BY's, cell by cell.
/// </summary>
internal static class StatisticsLatency
{
    // Whole months (the cube alone answers), 2024-01 to 2026-11.
    private const string From = "2024-01-01";
    private const string To = "2026-11-30";

    /// <summary>
    /// A question: the API's query string and who asks, and the GROUP BY that answers it from registration's tables
    /// (<c>unit</c> = the row's area, <c>status</c> = the measure).
    /// </summary>
    private sealed record Case(string Name, string Reader, string Query, string GroupBy);

    private static readonly Case[] Cases =
    [
        new("The nation by province (centre)", "canbo.trunguong", "",
            "SELECT i.province_code AS unit, h.status, count(*) FROM registration_shape.initiative_status_history h " +
            "JOIN registration_shape.initiatives i ON i.id = h.initiative_id WHERE h.changed_at >= @from AND h.changed_at < @to " +
            "AND h.status = ANY(@measures) GROUP BY 1, 2"),
        new("Hà Nội by commune (province officer)", "canbo.tinh.hanoi", "&area=01",
            "SELECT i.commune_code AS unit, h.status, count(*) FROM registration_shape.initiative_status_history h " +
            "JOIN registration_shape.initiatives i ON i.id = h.initiative_id WHERE i.province_code = '01' AND h.changed_at >= @from " +
            "AND h.changed_at < @to AND h.status = ANY(@measures) GROUP BY 1, 2"),
        new("The nation by province, kind = mo_hinh (centre)", "canbo.trunguong", "&kind=mo_hinh",
            "SELECT i.province_code AS unit, h.status, count(*) FROM registration_shape.initiative_status_history h " +
            "JOIN registration_shape.initiatives i ON i.id = h.initiative_id WHERE i.kind = 'mo_hinh' AND h.changed_at >= @from " +
            "AND h.changed_at < @to AND h.status = ANY(@measures) GROUP BY 1, 2"),
    ];

    public static async Task<StatisticsResult> MeasureAsync(
        string gatewayUrl, Func<string, Task<string>> issueToken, NpgsqlDataSource reporting, StatisticsData data, int warmUp, int requests,
        TimeSpan caseBudget, Action<string> progress)
    {
        var measures = string.Join(',', StatisticsSeed.Measures);
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();
        var to = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();
        var results = new List<StatisticsCaseResult>();
        foreach (var c in Cases)
        {
            progress($"statistics: {c.Name}…");
            using var caller = new Caller(gatewayUrl, await issueToken(c.Reader), perSecond: 45);
            var path = $"/api/v1/reports/statistics?measures={measures}&from={From}&to={To}{c.Query}";
            var api = await ApiTableAsync(caller, path);
            await using var cmd = reporting.CreateCommand(c.GroupBy);
            cmd.Parameters.AddWithValue("from", from);
            cmd.Parameters.AddWithValue("to", to);
            cmd.Parameters.AddWithValue("measures", StatisticsSeed.Measures);
            var groupBy = await GroupByTableAsync(cmd);
            if (!api.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(groupBy.OrderBy(p => p.Key, StringComparer.Ordinal)))
            {
                throw new InvalidOperationException($"{c.Name}: the API's {api.Count} cells differ from the GROUP BY's {groupBy.Count}.");
            }

            var apiMs = new List<double>();
            var sqlMs = new List<double>();
            // A case whose pairs take seconds stops after 20 measured once its budget is spent, as the search stage does.
            var budget = Stopwatch.StartNew();
            for (var i = 0; i < warmUp + requests && (i < warmUp + 20 || budget.Elapsed < caseBudget); i++)
            {
                await caller.PaceAsync();
                var clock = Stopwatch.StartNew();
                using (var response = await caller.SendAsync(new HttpRequestMessage(HttpMethod.Get, path)))
                {
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync();
                }

                var apiElapsed = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                await GroupByTableAsync(cmd);
                var sqlElapsed = clock.Elapsed.TotalMilliseconds;
                if (i >= warmUp)
                {
                    apiMs.Add(apiElapsed);
                    sqlMs.Add(sqlElapsed);
                }
            }

            results.Add(new StatisticsCaseResult(c.Name, path, api.Count, api.Values.Sum(), apiMs, sqlMs));
            progress($"statistics: {c.Name}: {apiMs.Count} measured in {budget.Elapsed.TotalSeconds:0} s");
        }

        return new StatisticsResult(data, warmUp, requests, results);
    }

    /// <summary>The API's rows as "unit|measure" → count, zeros left out.</summary>
    private static async Task<Dictionary<string, long>> ApiTableAsync(Caller caller, string path)
    {
        using var response = await caller.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        }

        var table = new Dictionary<string, long>();
        foreach (var row in JsonDocument.Parse(body).RootElement.GetProperty("rows").EnumerateArray())
        {
            var unit = row.GetProperty("keys").GetProperty("area").GetString();
            foreach (var figure in row.GetProperty("figures").EnumerateObject().Where(f => f.Value.GetInt64() != 0))
            {
                table[$"{unit}|{figure.Name}"] = figure.Value.GetInt64();
            }
        }

        return table;
    }

    private static async Task<Dictionary<string, long>> GroupByTableAsync(NpgsqlCommand cmd)
    {
        var table = new Dictionary<string, long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            table[$"{reader.GetString(0)}|{reader.GetString(1)}"] = reader.GetInt64(2);
        }

        return table;
    }

    public static string Markdown(StatisticsResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = r.Data;
        var md = new StringBuilder();
        md.AppendLine(inv, $"\n## Statistics at national scale (issue 13, P5)\n");
        md.AppendLine(inv, $"{d.Initiatives:N0} initiatives in {d.Provinces} provinces and {d.Communes:N0} communes as filed " +
            $"({d.FiledUnderOldCommunes:N0} under a pre-2025 commune); cube {d.CubeRows:N0} rows; registration-shaped status history " +
            $"{d.HistoryRows:N0} rows. Generated in {d.Facts.TotalSeconds:0} s (facts), {d.Cube.TotalSeconds:0} s (cube), " +
            $"{d.Baseline.TotalSeconds:0} s (baseline). Cube checked against a GROUP BY over the facts; each API table checked " +
            $"cell by cell against its GROUP BY. {r.WarmUp} warm-up, then {r.Requests} of each (fewer when a case's pairs took longer than its budget: see Measured), one at a time, alternating API and SQL. Milliseconds.\n");
        md.AppendLine("| Question | Measured | Cells | Initiative-stages | API p50 | API p95 | GROUP BY p50 | GROUP BY p95 | GROUP BY / API (p50) | API p95 ≤ 50 ms |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var c in r.Cases)
        {
            var (a50, a95, s50, s95) = (Percentile(c.ApiMs, 50), Percentile(c.ApiMs, 95), Percentile(c.SqlMs, 50), Percentile(c.SqlMs, 95));
            md.AppendLine(inv, $"| {c.Name} | {c.ApiMs.Count} | {c.Cells} | {c.Total:N0} | {a50:0.0} | {a95:0.0} | {s50:0.0} | {s95:0.0} | {s50 / a50:0.0}× | {(a95 <= 50 ? "yes" : $"no (+{a95 - 50:0.0})")} |");
        }

        md.AppendLine("\nRequests:\n");
        foreach (var c in r.Cases)
        {
            md.AppendLine(inv, $"- {c.Name}: `{c.Path}`");
        }

        return md.ToString();
    }

    // Nearest-rank percentile, as the other stages.
    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}

internal sealed record StatisticsCaseResult(string Name, string Path, int Cells, long Total, List<double> ApiMs, List<double> SqlMs);

internal sealed record StatisticsResult(StatisticsData Data, int WarmUp, int Requests, IReadOnlyList<StatisticsCaseResult> Cases);
