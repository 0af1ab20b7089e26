using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Domain;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// An earlier initiative like the one before the council; <c>Score</c> is 1 for the same words, 0 for nothing in common;
/// <c>Stage</c> is <c>submitted</c> (a dossier went to a council) or <c>recognized</c>.
/// </summary>
public sealed record SimilarInitiative(Guid InitiativeId, string Title, string ProvinceCode, DateTime RegisteredAt, string Stage, double Score)
{
    /// <summary>The year it was registered, in Vietnam's time.</summary>
    public int Year => VietnamTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(RegisteredAt, DateTimeKind.Utc))).Year;
}

/// <summary>A registered initiative as the corpus keeps it (its text as registration holds it, NFC).</summary>
public sealed record CorpusEntry(
    Guid InitiativeId, Guid CampaignId, string Title, string? Summary, string Kind, string ProvinceCode, string CommuneCode, DateTime RegisteredAt);

/// <summary>
/// Sáng kiến tương tự: the initiatives of the corpus whose text is most like a case's, by trigram similarity of the
/// folded text, so that "sang kien tuoi nuoc tiet kiem" finds "Sáng kiến tưới nước tiết kiệm". The corpus holds every
/// registered initiative, any year, any province, but shows only those submitted to a council or recognized: title,
/// province and year, never a draft or a registration nobody submitted (docs/decisions/0008). See docs/benchmarks.md
/// for why this query and index.
/// </summary>
public static class SimilarInitiatives
{
    public const int MaxLimit = 50;

    /// <summary>How many nearest titles the index yields before the summaries re-rank them.</summary>
    public const int Candidates = 100;

    /// <summary>
    /// The nearest titles by trigram distance (a GiST KNN walk of similarity_corpus_title_trgm, which stops after
    /// @Candidates rows instead of scoring every row sharing a common trigram), then re-ranked: when both sides
    /// have a summary, 0.6 × title similarity + 0.4 × summary similarity, so a copied solution under a reworded
    /// title still comes first; otherwise the title's similarity alone. Public so the benchmark explains exactly it.
    /// </summary>
    public const string Sql = """
        WITH candidates AS (
            SELECT initiative_id, title, province_code, registered_at, stage, title_key, summary_key
            FROM similarity_corpus
            WHERE title_key IS NOT NULL AND stage IN ('submitted', 'recognized') AND initiative_id <> @Exclude
            ORDER BY title_key <-> @TitleKey
            LIMIT @Candidates)
        SELECT initiative_id AS InitiativeId, title AS Title, province_code AS ProvinceCode, registered_at AS RegisteredAt, stage AS Stage,
               (CASE WHEN @SummaryKey <> '' AND summary_key <> ''
                     THEN 0.6 * similarity(title_key, @TitleKey) + 0.4 * similarity(summary_key, @SummaryKey)
                     ELSE similarity(title_key, @TitleKey) END)::float8 AS Score
        FROM candidates
        ORDER BY Score DESC, registered_at, initiative_id
        LIMIT @Limit
        """;

    /// <summary>The best <paramref name="limit"/> (1 to <see cref="MaxLimit"/>) matches, best first, never <paramref name="excludeInitiativeId"/>.</summary>
    public static async Task<IReadOnlyList<SimilarInitiative>> FindAsync(
        NpgsqlConnection connection, string title, string? summary, Guid excludeInitiativeId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var titleKey = VietnameseText.SearchKey(title);
        if (titleKey.Length == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<SimilarInitiative>(new CommandDefinition(Sql,
            new { TitleKey = titleKey, SummaryKey = summary is null ? string.Empty : VietnameseText.SearchKey(summary), Exclude = excludeInitiativeId, Candidates, Limit = limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The earlier initiatives most like the case, compared by title and by its own registration summary (like with like).</summary>
    public static async Task<IReadOnlyList<SimilarInitiative>> LikeCaseAsync(DatabaseSession db, CaseRow row, int limit, CancellationToken ct)
    {
        // Null when the initiative is not in the corpus: the title alone is compared then.
        var summary = await db.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT summary FROM similarity_corpus WHERE initiative_id = @InitiativeId", new { row.InitiativeId }, db.Transaction, cancellationToken: ct));
        return await FindAsync(db.Connection, row.Title, summary, row.InitiativeId, limit, ct);
    }

    /// <summary>
    /// Adds an initiative to the corpus, or refreshes it (a redelivered or replayed event, a newer read of the same
    /// initiative): one row per initiative whatever happens, written in the caller's transaction.
    /// </summary>
    public static Task UpsertAsync(DatabaseSession db, CorpusEntry entry, CancellationToken cancellationToken)
    {
        var summary = string.IsNullOrWhiteSpace(entry.Summary) ? null : entry.Summary;
        return db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO similarity_corpus (initiative_id, campaign_id, title, summary, title_key, summary_key, kind, province_code, commune_code, registered_at)
            VALUES (@InitiativeId, @CampaignId, @Title, @Summary, @TitleKey, @SummaryKey, @Kind, @ProvinceCode, @CommuneCode, @RegisteredAt)
            ON CONFLICT (initiative_id) DO UPDATE SET
                campaign_id = EXCLUDED.campaign_id, title = EXCLUDED.title, summary = EXCLUDED.summary, title_key = EXCLUDED.title_key,
                summary_key = EXCLUDED.summary_key, kind = EXCLUDED.kind, province_code = EXCLUDED.province_code,
                commune_code = EXCLUDED.commune_code, registered_at = EXCLUDED.registered_at, updated_at = now()
            """,
            new
            {
                entry.InitiativeId,
                entry.CampaignId,
                entry.Title,
                Summary = summary,
                TitleKey = VietnameseText.SearchKey(entry.Title),
                SummaryKey = summary is null ? null : VietnameseText.SearchKey(summary),
                entry.Kind,
                entry.ProvinceCode,
                entry.CommuneCode,
                entry.RegisteredAt,
            }, db.Tx, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Sets the initiative's stage in the corpus from appraisal's own records, so that the order in which its events arrive
    /// does not matter: recognized by a council (a public fact, kept even if the author later withdraws at a higher level),
    /// else withdrawn, else submitted (a dossier was received), else registered.
    /// </summary>
    public static Task RefreshStageAsync(DatabaseSession db, Guid initiativeId, CancellationToken cancellationToken) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE similarity_corpus SET stage = CASE
                WHEN EXISTS (SELECT 1 FROM appraisal_cases a WHERE a.initiative_id = @initiativeId AND a.state = 'decided' AND a.recognized) THEN 'recognized'
                WHEN EXISTS (SELECT 1 FROM withdrawn_initiatives w WHERE w.initiative_id = @initiativeId) THEN 'withdrawn'
                WHEN EXISTS (SELECT 1 FROM received_dossiers r WHERE r.initiative_id = @initiativeId) THEN 'submitted'
                ELSE 'registered' END
            WHERE initiative_id = @initiativeId
            """, new { initiativeId }, db.Tx, cancellationToken: cancellationToken));
}
