using DoanKetSangTao.Domain;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Security;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>One list request: its filters as the query string of GET /api/v1/initiatives, and which page (by cursor).</summary>
internal sealed record SearchCase(string Label, IReadOnlyDictionary<string, string> Filters, int Page = 1)
{
    public string QueryString => string.Join('&', Filters.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
}

/// <summary>A signed-in person of the dev identity, with the claims of their token as the service reads them.</summary>
internal sealed record Viewer(string Label, string UserName, string Token)
{
    public CurrentUser User { get; } = new(PrincipalOf(Token));

    /// <summary>The token's payload as claims (the gateway signed it; here it is only read, not validated).</summary>
    private static ClaimsPrincipal PrincipalOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Convert.FromBase64String(payload));
        var claims = new List<Claim>();
        foreach (var p in json.RootElement.EnumerateObject())
        {
            var values = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().ToArray() : [p.Value];
            claims.AddRange(values.Select(v => new Claim(p.Name, v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", PlatformClaims.Name, PlatformClaims.Role));
    }
}

internal sealed record SearchResult(
    Viewer Viewer,
    SearchCase Case,
    int WarmUp,
    double[] Milliseconds,
    int Items,
    bool HasNextPage,
    long Matches,
    bool SameIdsAsApi,
    double ExecutionMs,
    double PlanningMs,
    string Shape,
    IReadOnlyList<string> Plan,
    int Rejections);

/// <summary>
/// Latency of GET /api/v1/initiatives through the gateway with real tokens, and the plan PostgreSQL chooses for
/// the same SQL straight on the database (<c>EXPLAIN (ANALYZE, BUFFERS)</c>). The SQL is put together exactly as
/// <c>InitiativeQueries.PageAsync</c> does, from the service's own <see cref="InitiativeAccess"/> and
/// <see cref="InitiativeSearch"/>; that it is the same query is checked by comparing its ids with the page the
/// API answered.
/// </summary>
internal static class SearchLatency
{
    private const int PageSize = 20;

    private const int MinimumMeasured = 20;

    // Below the gateway's 50 requests per second per caller, so no request is refused.
    private const int PacedPerSecond = 45;

    public static async Task<List<SearchResult>> MeasureAsync(
        string gatewayUrl, string registrationDb, IEnumerable<(Viewer Viewer, IReadOnlyList<SearchCase> Cases)> plan, int warmUp, int requests, TimeSpan budget,
        Action<string> progress)
    {
        var results = new List<SearchResult>();
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(registrationDb) { CommandTimeout = 0 }.ConnectionString);
        await db.OpenAsync();
        foreach (var (viewer, cases) in plan)
        {
            using var caller = new Caller(gatewayUrl, viewer.Token, PacedPerSecond);
            foreach (var c in cases)
            {
                progress($"search: {viewer.Label}, {c.Label}: {warmUp} warm-up and {requests} measured requests…");
                string? cursor = null;
                var page = 1;
                for (; page < c.Page; page++)
                {
                    (_, cursor) = await GetPageAsync(caller, c.QueryString, cursor);
                    if (cursor is null)
                    {
                        break;
                    }
                }

                if (page < c.Page)
                {
                    // Only with a small DKST_BENCH_SEARCH_ROWS: this reader does not see that many pages.
                    progress($"search: {viewer.Label}, {c.Label}: there is no page {page + 1}; left out.");
                    continue;
                }

                var url = $"/api/v1/initiatives?{c.QueryString}{(cursor is null ? string.Empty : "&cursor=" + cursor)}";
                var rejectionsBefore = caller.Rejections;
                var ms = new List<double>(requests);
                List<Guid> apiIds = [];
                string? nextCursor = null;
                // Slow requests (seconds each) stop early, after at least MinimumMeasured, so the run stays bounded.
                var spent = Stopwatch.StartNew();
                var warm = 0;
                for (; warm < warmUp && spent.Elapsed < budget / 4; warm++)
                {
                    await SendAsync();
                }

                spent.Restart();
                while (ms.Count < requests && (ms.Count < MinimumMeasured || spent.Elapsed < budget))
                {
                    ms.Add(await SendAsync());
                }

                async Task<double> SendAsync()
                {
                    await caller.PaceAsync();
                    var clock = Stopwatch.StartNew();
                    using var response = await caller.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
                    var body = await response.Content.ReadAsStringAsync();
                    var elapsed = clock.Elapsed.TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{viewer.Label}, {c.Label}: {(int)response.StatusCode} {body}");
                    }

                    (apiIds, nextCursor) = ParsePage(body);
                    return elapsed;
                }

                var after = cursor is null ? (Guid?)null : DecodeCursor(cursor);
                var access = await new InitiativeAccess(viewer.User).ResolveAsync(db, CancellationToken.None);
                var (sql, parameters) = ListQuery(access, c.Filters, after);
                var sqlIds = (await db.QueryAsync<Guid>(new CommandDefinition(sql, parameters))).Take(PageSize).ToList();
                var (planLines, execution, planning) = await ExplainAsync(db, sql, parameters);
                var (countSql, countParameters) = ListQuery(access, c.Filters, null, count: true);
                var matches = await db.ExecuteScalarAsync<long>(new CommandDefinition(countSql, countParameters));
                results.Add(new SearchResult(viewer, c, warm, [.. ms], apiIds.Count, nextCursor is not null, matches, sqlIds.SequenceEqual(apiIds),
                    execution, planning, Shape(planLines), planLines, caller.Rejections - rejectionsBefore));
            }
        }

        return results;
    }

    /// <summary>
    /// The SQL of <c>InitiativeQueries.PageAsync</c> for these filters: the filters in the same order and form, walked
    /// along each part of the caller's reach (resolved, as there, with <see cref="InitiativeAccess.ResolveAsync"/>) by
    /// <see cref="InitiativeAccess.PageQuery"/>, newest first, one row more than a page to know whether there is a next.
    /// The count uses the read predicate.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) ListQuery(InitiativeAccess access, IReadOnlyDictionary<string, string> filters, Guid? after, bool count = false)
    {
        var parameters = new DynamicParameters();
        var where = new List<string> { count ? access.ReadPredicate(parameters) : "true" };
        void Equal(string column, string name, object? value)
        {
            if (value is not null)
            {
                where.Add($"i.{column} = @{name}");
                parameters.Add(name, value);
            }
        }

        Equal("campaign_id", "CampaignId", filters.TryGetValue("campaignId", out var campaign) ? Guid.Parse(campaign) : null);
        Equal("kind", "Kind", filters.GetValueOrDefault("kind"));
        Equal("movement_area", "MovementArea", filters.GetValueOrDefault("movementArea"));
        Equal("field", "Field", filters.GetValueOrDefault("field"));
        Equal("status", "Status", filters.GetValueOrDefault("status"));
        if (filters.TryGetValue("unitCode", out var unit))
        {
            where.Add($"i.{(unit.Length == 2 ? "province_code" : "commune_code")} IN {InitiativeAccess.UnitAndMerged("@UnitCode")}");
            parameters.Add("UnitCode", unit);
        }

        if (filters.TryGetValue("q", out var q) && InitiativeSearch.ToTsQuery(q) is { } tsQuery)
        {
            where.Add("i.search_document @@ to_tsquery('simple', @TsQuery)");
            parameters.Add("TsQuery", tsQuery);
        }

        if (after is { } id)
        {
            where.Add("i.id < @After");
            parameters.Add("After", id);
        }

        if (count)
        {
            return ($"SELECT count(*) FROM initiatives i WHERE {string.Join(" AND ", where)}", parameters);
        }

        parameters.Add("Take", PageSize + 1);
        return (access.PageQuery(parameters, string.Join(" AND ", where)), parameters);
    }

    /// <summary>Five runs of EXPLAIN (ANALYZE, BUFFERS); the median execution time, and the last run's plan.</summary>
    private static async Task<(List<string> Plan, double ExecutionMs, double PlanningMs)> ExplainAsync(NpgsqlConnection db, string sql, DynamicParameters parameters)
    {
        var runs = new List<(List<string> Plan, double Execution, double Planning)>();
        for (var k = 0; k < 5; k++)
        {
            var lines = (await db.QueryAsync<string>(new CommandDefinition("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters))).ToList();
            runs.Add((lines, TimeOf(lines, "Execution Time:"), TimeOf(lines, "Planning Time:")));
        }

        var byExecution = runs.OrderBy(r => r.Execution).ToList();
        return (runs[^1].Plan, byExecution[2].Execution, byExecution[2].Planning);

        static double TimeOf(List<string> lines, string label) =>
            double.Parse(lines.First(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal)).Split(':')[1].Replace("ms", string.Empty, StringComparison.Ordinal).Trim(),
                CultureInfo.InvariantCulture);
    }

    /// <summary>The plan's nodes, outermost first, without costs: "Limit → Index Scan Backward using initiatives_pkey on initiatives i".</summary>
    private static string Shape(List<string> plan) => string.Join(" → ", plan
        .Where(l => !l.TrimStart().StartsWith("Planning", StringComparison.Ordinal) && !l.TrimStart().StartsWith("Execution", StringComparison.Ordinal))
        .Where(l => l.Contains("(cost=", StringComparison.Ordinal))
        .Select(l => l.Trim().TrimStart('-', '>', ' ')[..l.Trim().TrimStart('-', '>', ' ').IndexOf("  (cost=", StringComparison.Ordinal)])
        .Take(6));

    private static async Task<(List<Guid> Ids, string? Next)> GetPageAsync(Caller caller, string query, string? cursor)
    {
        await caller.PaceAsync();
        using var response = await caller.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/initiatives?{query}{(cursor is null ? string.Empty : "&cursor=" + cursor)}"));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /api/v1/initiatives?{query}: {(int)response.StatusCode} {body}");
        }

        return ParsePage(body);
    }

    private static (List<Guid> Ids, string? Next) ParsePage(string body)
    {
        using var json = JsonDocument.Parse(body);
        var ids = json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var next = json.RootElement.TryGetProperty("nextCursor", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (ids, next);
    }

    /// <summary>As the contract <c>Cursor</c>: the id's bytes, base64url.</summary>
    private static Guid DecodeCursor(string cursor) => new(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/') + "=="));
}
