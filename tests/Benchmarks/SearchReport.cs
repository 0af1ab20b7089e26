using System.Globalization;
using System.Text;

namespace DoanKetSangTao.Benchmarks;

/// <summary>The list and search requests measured at scale: what an officer does on the list page.</summary>
internal static class SearchCases
{
    public const string Query = "sang kien nong nghiep";
    public const string RareWord = "spirulina";
    public const string CommonWord = "hieu qua";

    /// <summary>A product name found in about 0.7 % of the initiatives: between the rare and the common.</summary>
    public const string MiddleWord = "ocop";

    public static readonly IReadOnlyList<SearchCase> All =
    [
        new("First page, no filter", new Dictionary<string, string>()),
        new($"q=\"{Query}\" (no diacritics)", new Dictionary<string, string> { ["q"] = Query }),
        new($"q=\"{RareWord}\" (rare word)", new Dictionary<string, string> { ["q"] = RareWord }),
        new($"q=\"{CommonWord}\" (common words)", new Dictionary<string, string> { ["q"] = CommonWord }),
        new($"q=\"{MiddleWord}\" (word in 0.7 %)", new Dictionary<string, string> { ["q"] = MiddleWord }),
        new("unitCode=01 (province)", new Dictionary<string, string> { ["unitCode"] = "01" }),
        new("unitCode=01, field=nong_nghiep, status=registered", new Dictionary<string, string> { ["unitCode"] = "01", ["field"] = "nong_nghiep", ["status"] = "registered" }),
        new("Page 50 by cursor, no filter", new Dictionary<string, string>(), Page: 50),
        new($"Page 50 by cursor, q=\"{Query}\"", new Dictionary<string, string> { ["q"] = Query }, Page: 50),
    ];

    public static readonly IReadOnlyList<SearchCase> ForAuthor = [All[0], All[1]];

    /// <summary>Narrow scopes: a commune officer, and the officer of a member organization with few initiatives under it.</summary>
    public static readonly IReadOnlyList<SearchCase> ForNarrowScope = [All[0], All[1], All[4]];
}

internal static class SearchReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(LoadReport load, IReadOnlyList<SearchResult> results, int warmUp, int requests, TimeSpan budget)
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"\n## Search and list at {load.Initiatives:N0} initiatives\n");
        md.AppendLine(Inv, $"Loaded straight into `bench_registration` after the flow's measurements: {load.Initiatives:N0} initiatives with {load.Authors:N0} authors, " +
            $"{load.Organizations} organizations, {load.Campaigns} campaigns, over {load.Communes:N0} communes of {load.Provinces} provinces, registered " +
            $"{load.FirstRegisteredAt:yyyy-MM-dd} to {load.LastRegisteredAt:yyyy-MM-dd}. Binary COPY {load.Copy.TotalSeconds:0} s (generation included), " +
            $"{load.Indexes.Count} indexes and the foreign keys created again {load.Rebuild.TotalSeconds:0} s, VACUUM (ANALYZE) {load.Vacuum.TotalSeconds:0} s. " +
            $"Table {Mib(load.TableBytes)}, GIN index `initiatives_search` {Mib(load.SearchIndexBytes)}, table with all indexes and TOAST {Mib(load.TotalBytes)}. " +
            $"{load.Server}.\n");
        md.AppendLine(Inv, $"Each request: {warmUp} warm-up, then {requests} measured one at a time through the gateway (GET /api/v1/initiatives, 20 per page, " +
            $"fewer when they take longer than {budget.TotalSeconds:0} s in all, but at least 20: column n; " +
            $"the client kept under the gateway's 50 requests per second per caller). Milliseconds, from sending the request to the last byte of the answer. " +
            $"\"Matching\" is how many initiatives the reader may see that match the filters. \"Database\" is the list query alone, straight on PostgreSQL " +
            $"(`EXPLAIN (ANALYZE, BUFFERS)`, median of 5 runs, execution time without planning), with the plan's outer nodes.\n");
        md.AppendLine("| Reader | Request | Matching | n | p50 | p95 | p99 | max | Database | Plan |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            md.AppendLine(Inv, $"| {r.Viewer.UserName} | {r.Case.Label} | {r.Matches:N0} | {r.Milliseconds.Length} | {P(r.Milliseconds, 50):0.0} | {P(r.Milliseconds, 95):0.0} | " +
                $"{P(r.Milliseconds, 99):0.0} | {r.Milliseconds.Max():0.0} | {r.ExecutionMs:0.0} | {r.Shape} |");
        }

        var mismatches = results.Where(r => !r.SameIdsAsApi).ToList();
        var notSame = mismatches.Count == 0 ? "." : $"; not in: {string.Join("; ", mismatches.Select(m => $"{m.Viewer.UserName} {m.Case.Label}"))}.";
        md.AppendLine(Inv, $"\n429 answers: {results.Sum(r => r.Rejections)}. The SQL explained returned the same ids as the API's page in " +
            $"{results.Count - mismatches.Count} of {results.Count} cases{notSame}");
        md.AppendLine("\n### Plans (EXPLAIN (ANALYZE, BUFFERS), last of the five runs)\n");
        foreach (var r in results)
        {
            md.AppendLine(Inv, $"**{r.Viewer.UserName}, {r.Case.Label}** (execution {r.ExecutionMs:0.00} ms, planning {r.PlanningMs:0.00} ms)\n");
            md.AppendLine("```");
            foreach (var line in r.Plan)
            {
                md.AppendLine(line);
            }

            md.AppendLine("```\n");
        }

        return md.ToString();
    }

    internal static string Mib(long bytes) => string.Create(Inv, $"{bytes / 1024.0 / 1024.0:0} MiB");

    // Nearest-rank percentile, as for the flow.
    internal static double P(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}
