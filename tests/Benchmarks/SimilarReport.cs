using System.Globalization;
using System.Text;

namespace DoanKetSangTao.Benchmarks;

internal static class SimilarReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string Mib(long bytes) => SearchReport.Mib(bytes);

    private static double P(double[] values, double p) => SearchReport.P(values, p);

    public static string Markdown(SimilarResult r)
    {
        var load = r.Load;
        var md = new StringBuilder();
        md.AppendLine(Inv, $"\n## Similar initiatives (sáng kiến tương tự) at {load.Rows:N0}\n");
        md.AppendLine(string.Create(Inv, $"`similarity_corpus` of `{SimilarLoad.Database}` (migrated with appraisal's scripts): {load.Rows:N0} initiatives over {load.Provinces} provinces, " +
            $"registered {load.FirstRegisteredAt:yyyy-MM-dd} to {load.LastRegisteredAt:yyyy-MM-dd}, generated as for registration's search benchmark and keyed with " +
            $"`VietnameseText.SearchKey`. Binary COPY {load.Copy.TotalSeconds:0} s (generation included), indexes created again {load.Rebuild.TotalSeconds:0} s, " +
            $"VACUUM (ANALYZE) {load.Vacuum.TotalSeconds:0} s. Table {Mib(load.TableBytes)}; ") +
            string.Join(", ", load.Indexes.Select(i => $"`{i.Name}` {Mib(i.Bytes)}")) + $". {load.Server}.\n");
        var kinds = r.Chosen.Milliseconds.Keys.ToList();
        md.AppendLine(string.Create(Inv, $"`SimilarInitiatives.FindAsync(connection, title, summary, exclude, limit: {SimilarLatency.Limit})` straight on PostgreSQL, one call at a time after " +
            $"{r.WarmUp} warm-up calls, {r.Chosen.Milliseconds.Values.Sum(v => v.Length)} measured: ") + string.Join("; ", kinds.Select(k => $"{r.Chosen.Milliseconds[k].Length} {k}")) +
            ". Milliseconds from the call to the list. \"Original found\" counts the near-duplicates whose original is in the 10 answers (first: at rank 1).\n");
        md.AppendLine("| Query | Kind | n | p50 | p95 | p99 | max | Original found (first) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        Rows(r.Chosen, true);
        if (r.Alternatives.Count > 0)
        {
            md.AppendLine("\nThe alternatives, on the same rows and queries (titles only), each with its own index (build time, size): one warm-up call, then " +
                "the queries in the same order until 45 s had passed (at least two of each kind), so a slow one has a small n:\n");
            md.AppendLine("| Query | Index | Build | Size | Kind | n | p50 | p95 | p99 | max | Original found (first) |");
            md.AppendLine("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---|");
            foreach (var a in r.Alternatives)
            {
                Rows(a, false);
            }
        }

        md.AppendLine("\nPlan of the first query (EXPLAIN (ANALYZE, BUFFERS)):\n\n```");
        foreach (var line in r.Plan)
        {
            md.AppendLine(line);
        }

        md.AppendLine("```");
        return md.ToString();

        void Rows(SimilarTiming t, bool chosen)
        {
            var all = t.Milliseconds.Values.SelectMany(v => v).ToArray();
            var found = $"{t.Found} of {t.Duplicates} ({t.FoundFirst})";
            foreach (var (kind, ms) in t.Milliseconds.Select(m => (m.Key, m.Value)).Append(("**all**", all)))
            {
                var head = chosen ? $"| {t.Label} | {kind}" : $"| {t.Label} | `{t.Index}` | {t.Build.TotalSeconds:0} s | {Mib(t.IndexBytes)} | {kind}";
                md.AppendLine(Inv, $"{head} | {ms.Length} | {P(ms, 50):0.0} | {P(ms, 95):0.0} | {P(ms, 99):0.0} | {ms.Max():0.0} | {(kind == "**all**" ? found : string.Empty)} |");
            }
        }
    }
}
