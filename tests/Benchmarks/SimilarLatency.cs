using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>One query as a council would make it: a case's title and summary, and, for a near-duplicate, the initiative it copies.</summary>
internal sealed record SimilarQuery(string Kind, string Title, string Summary, Guid? Original);

internal sealed record SimilarTiming(string Label, string Index, TimeSpan Build, long IndexBytes, IReadOnlyDictionary<string, double[]> Milliseconds, int Found, int FoundFirst, int Duplicates);

internal sealed record SimilarResult(SimilarLoadReport Load, int WarmUp, SimilarTiming Chosen, IReadOnlyList<SimilarTiming> Alternatives, IReadOnlyList<string> Plan);

/// <summary>
/// <see cref="SimilarInitiatives.FindAsync"/> at a million rows, straight on PostgreSQL (the endpoint adds only a
/// case look-up): new initiatives as typed, the same typed without diacritics, and near-duplicates of loaded
/// ones (a word dropped, another without its accents, "Sáng kiến" said "Giải pháp", a sentence of the summary
/// left out), one at a time. With <c>DKST_BENCH_SIMILAR_ALTERNATIVES=1</c> the queries it was chosen over run on
/// the same rows, each with its own index built for it and dropped after.
/// </summary>
internal static class SimilarLatency
{
    public const int Limit = 10;

    // The rejected queries take up to tens of seconds each at a million rows: a budget, not a count, bounds them.
    private static readonly TimeSpan AlternativeBudget = TimeSpan.FromSeconds(45);

    public static async Task<SimilarResult> MeasureAsync(string serverConnection, int rows, int warmUp, int perKind, bool alternatives, Action<string> progress)
    {
        var load = await SimilarLoad.LoadAsync(serverConnection, rows, new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), progress);
        var queries = Queries(load.Samples, perKind);
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = SimilarLoad.Database, CommandTimeout = 0 }.ConnectionString;
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();

        progress($"similar: {warmUp} warm-up and {queries.Count} measured calls of SimilarInitiatives.FindAsync…");
        var chosen = await RunAsync("SimilarInitiatives.FindAsync", "(migrated)", TimeSpan.Zero, 0, queries, warmUp, budget: null,
            q => SimilarInitiatives.FindAsync(db, q.Title, q.Summary, Guid.Empty, Limit, CancellationToken.None));
        var plan = await ExplainAsync(db, queries[0]);

        var measured = new List<SimilarTiming>();
        if (alternatives)
        {
            foreach (var alternative in Alternatives)
            {
                progress($"similar: alternative {alternative.Label}: building {alternative.Index}…");
                var clock = Stopwatch.StartNew();
                await db.ExecuteAsync(new CommandDefinition("SET maintenance_work_mem = '1GB'"));
                await db.ExecuteAsync(new CommandDefinition($"CREATE INDEX bench_alternative ON similarity_corpus {alternative.Index}", commandTimeout: 0));
                await db.ExecuteAsync(new CommandDefinition("ANALYZE similarity_corpus", commandTimeout: 0));
                var build = clock.Elapsed;
                var bytes = await db.ExecuteScalarAsync<long>("SELECT pg_relation_size('bench_alternative')");
                // The index under test is the only trigram index the planner may use.
                await db.ExecuteAsync("BEGIN; " + alternative.Setup);
                try
                {
                    measured.Add(await RunAsync(alternative.Label, alternative.Index, build, bytes, queries, warmUp: 1, AlternativeBudget, async q =>
                        (await db.QueryAsync<SimilarInitiative>(new CommandDefinition(alternative.Sql,
                            new { TitleKey = VietnameseText.SearchKey(q.Title), Words = string.Join(" | ", VietnameseText.SearchKey(q.Title).Split(' ')), Exclude = Guid.Empty, Limit }, commandTimeout: 0))).AsList()));
                }
                finally
                {
                    await db.ExecuteAsync("ROLLBACK; DROP INDEX bench_alternative");
                }
            }
        }

        return new SimilarResult(load, warmUp, chosen, measured, plan);
    }

    private sealed record Alternative(string Label, string Index, string Setup, string Sql);

    private const string Columns = "initiative_id AS InitiativeId, title AS Title, province_code AS ProvinceCode, registered_at AS RegisteredAt, stage AS Stage";

    // Each alternative hides the migrated trigram index inside its transaction (rolled back), so the planner
    // must use the one built for it.
    private const string HideMigrated = "DROP INDEX IF EXISTS similarity_corpus_title_trgm;";

    private static readonly Alternative[] Alternatives =
    [
        new("GIN trigram, similarity threshold 0.3 (`%`), ordered by similarity", "USING gin (title_key gin_trgm_ops)",
            HideMigrated + "SET LOCAL pg_trgm.similarity_threshold = 0.3;",
            $"SELECT {Columns}, similarity(title_key, @TitleKey)::float8 AS Score FROM similarity_corpus WHERE title_key % @TitleKey AND initiative_id <> @Exclude ORDER BY Score DESC LIMIT @Limit"),
        new("GIN trigram, similarity threshold 0.6 (`%`), ordered by similarity", "USING gin (title_key gin_trgm_ops)",
            HideMigrated + "SET LOCAL pg_trgm.similarity_threshold = 0.6;",
            $"SELECT {Columns}, similarity(title_key, @TitleKey)::float8 AS Score FROM similarity_corpus WHERE title_key % @TitleKey AND initiative_id <> @Exclude ORDER BY Score DESC LIMIT @Limit"),
        new("GIN trigram, word_similarity threshold 0.6 (`<%`)", "USING gin (title_key gin_trgm_ops)",
            HideMigrated + "SET LOCAL pg_trgm.word_similarity_threshold = 0.6;",
            $"SELECT {Columns}, word_similarity(@TitleKey, title_key)::float8 AS Score FROM similarity_corpus WHERE @TitleKey <% title_key AND initiative_id <> @Exclude ORDER BY Score DESC LIMIT @Limit"),
        new("GiST trigram (signature 12 bytes), KNN `<->`", "USING gist (title_key gist_trgm_ops)", HideMigrated,
            $"SELECT {Columns}, similarity(title_key, @TitleKey)::float8 AS Score FROM similarity_corpus WHERE initiative_id <> @Exclude ORDER BY title_key <-> @TitleKey LIMIT @Limit"),
        new("GiST trigram (signature 256 bytes), KNN `<->`", "USING gist (title_key gist_trgm_ops (siglen = 256))", HideMigrated,
            $"SELECT {Columns}, similarity(title_key, @TitleKey)::float8 AS Score FROM similarity_corpus WHERE initiative_id <> @Exclude ORDER BY title_key <-> @TitleKey LIMIT @Limit"),
        new("GiST trigram (signature 12 bytes), KNN word distance `<<->`", "USING gist (title_key gist_trgm_ops)", HideMigrated,
            $"SELECT {Columns}, word_similarity(@TitleKey, title_key)::float8 AS Score FROM similarity_corpus WHERE initiative_id <> @Exclude ORDER BY @TitleKey <<-> title_key LIMIT @Limit"),
        new("Full text ('simple' on the folded title, words OR-ed), ts_rank", "USING gin (to_tsvector('simple', title_key))", HideMigrated,
            $"SELECT {Columns}, ts_rank(to_tsvector('simple', title_key), to_tsquery('simple', @Words))::float8 AS Score FROM similarity_corpus " +
            "WHERE to_tsvector('simple', title_key) @@ to_tsquery('simple', @Words) AND initiative_id <> @Exclude ORDER BY Score DESC LIMIT @Limit"),
    ];

    private const int MinimumMeasured = 6;

    private static async Task<SimilarTiming> RunAsync(
        string label, string index, TimeSpan build, long bytes, IReadOnlyList<SimilarQuery> queries, int warmUp, TimeSpan? budget,
        Func<SimilarQuery, Task<IReadOnlyList<SimilarInitiative>>> find)
    {
        foreach (var q in queries.Take(warmUp))
        {
            await find(q);
        }

        var times = queries.Select(q => q.Kind).Distinct().ToDictionary(k => k, _ => new List<double>());
        int found = 0, first = 0, duplicates = 0;
        var spent = Stopwatch.StartNew();
        foreach (var (q, i) in queries.Select((q, i) => (q, i)))
        {
            // An alternative taking seconds a query stops after its budget (but not before two queries of each kind).
            if (budget is { } limit && spent.Elapsed > limit && i >= MinimumMeasured)
            {
                break;
            }

            var clock = Stopwatch.StartNew();
            var hits = await find(q);
            times[q.Kind].Add(clock.Elapsed.TotalMilliseconds);
            if (q.Original is { } original)
            {
                duplicates++;
                var rank = hits.Select((h, r) => (h, r)).FirstOrDefault(x => x.h.InitiativeId == original, (null!, -1)).Item2;
                found += rank >= 0 ? 1 : 0;
                first += rank == 0 ? 1 : 0;
            }
        }

        return new SimilarTiming(label, index, build, bytes, times.ToDictionary(t => t.Key, t => t.Value.ToArray()), found, first, duplicates);
    }

    private static async Task<IReadOnlyList<string>> ExplainAsync(NpgsqlConnection db, SimilarQuery q)
    {
        // The statement FindAsync sends, with its parameters written in: what PostgreSQL plans for one case.
        var sql = "EXPLAIN (ANALYZE, BUFFERS) " + SimilarInitiatives.Sql
            .Replace("@TitleKey", Literal(VietnameseText.SearchKey(q.Title)), StringComparison.Ordinal)
            .Replace("@SummaryKey", Literal(VietnameseText.SearchKey(q.Summary)), StringComparison.Ordinal)
            .Replace("@Exclude", $"'{Guid.Empty}'::uuid", StringComparison.Ordinal)
            .Replace("@Candidates", SimilarInitiatives.Candidates.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@Limit", Limit.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return (await db.QueryAsync<string>(sql)).AsList();

        static string Literal(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>New initiatives (another seed, so not in the corpus), the same without diacritics, and near-duplicates of loaded ones.</summary>
    private static List<SimilarQuery> Queries(IReadOnlyList<GeneratedInitiative> samples, int perKind)
    {
        var communes = SimilarLoad.Communes();
        var organizations = SearchCorpus.Organizations(communes, 7);
        var campaigns = SearchCorpus.Campaigns([2026]);
        var fresh = new SearchCorpus(7, communes, organizations, campaigns, 1000);
        var random = new Random(11);
        var list = new List<SimilarQuery>();
        for (var i = 0; i < perKind; i++)
        {
            var n = fresh.Next(i, new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
            list.Add(new SimilarQuery("new, as typed", n.Title, n.Summary, null));
            var m = fresh.Next(i + perKind, new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
            list.Add(new SimilarQuery("new, typed without diacritics", StripMarks(m.Title), StripMarks(m.Summary), null));
            var o = samples[i * samples.Count / perKind];
            list.Add(new SimilarQuery("near-duplicate of a loaded one", Reword(o.Title, random), DropSentence(o.Summary, random), o.Id));
        }

        // Interleaved kinds, so a slow stretch of the machine does not fall on one kind only.
        return list;
    }

    /// <summary>What a keyboard without a Vietnamese input method writes: the letters without their marks, case kept.</summary>
    private static string StripMarks(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Reword(string title, Random random)
    {
        var words = title.Split(' ').ToList();
        if (words.Count > 4)
        {
            words.RemoveAt(2 + random.Next(words.Count - 2));
        }

        var accentless = 1 + random.Next(words.Count - 1);
        words[accentless] = StripMarks(words[accentless]);
        var text = string.Join(' ', words);
        return text.StartsWith("Sáng kiến ", StringComparison.Ordinal) && random.Next(2) == 0 ? "Giải pháp " + text["Sáng kiến ".Length..] : text;
    }

    private static string DropSentence(string summary, Random random)
    {
        var sentences = summary.Split(". ").ToList();
        if (sentences.Count > 2)
        {
            sentences.RemoveAt(1 + random.Next(sentences.Count - 1));
        }

        return string.Join(". ", sentences);
    }
}
