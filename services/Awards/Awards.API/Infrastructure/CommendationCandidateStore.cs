using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>A row of <c>commendation_candidates</c> as the list reads it.</summary>
public sealed record CandidateRow(
    long Id, Guid InitiativeId, string? Title, string Level, Guid CampaignId, string ProvinceCode, string CommuneCode, Guid CaseId,
    string DecisionNumber, DateOnly DecisionDate, decimal? AggregateScore, string? Grade)
{
    /// <summary>Where the next page starts when this row ends one.</summary>
    public CandidateCursor Cursor => new(DecisionDate, Id);
}

/// <summary>
/// Danh sách đề nghị khen thưởng: one row per initiative and level, written from the councils' decisions and read,
/// latest decision first, with the active award types that eligibility is worked out from.
/// </summary>
public sealed class CommendationCandidateStore(ServiceDatabase db)
{
    /// <summary>Up to <c>Take + 1</c> rows after the cursor (one more than a page: whether another page follows), and the active award types.</summary>
    public Task<(IReadOnlyList<CandidateRow> Rows, IReadOnlyList<AwardType> Types)> ListAsync(CandidateFilter filter) =>
        db.ReadAsync<(IReadOnlyList<CandidateRow>, IReadOnlyList<AwardType>)>(null, async (connection, _) =>
        {
            var rows = (await connection.QueryAsync<CandidateRow>(
                """
                SELECT id AS Id, initiative_id AS InitiativeId, title AS Title, level AS Level, campaign_id AS CampaignId,
                       province_code AS ProvinceCode, commune_code AS CommuneCode, case_id AS CaseId, decision_number AS DecisionNumber,
                       decision_date AS DecisionDate, aggregate_score AS AggregateScore, grade AS Grade
                FROM commendation_candidates
                WHERE (@campaignId::uuid IS NULL OR campaign_id = @campaignId)
                  AND (@province::text IS NULL OR province_code = @province)
                  AND (@commune::text IS NULL OR commune_code = @commune)
                  AND (@level::text IS NULL OR level = @level)
                  AND (@afterDate::date IS NULL OR (decision_date, id) < (@afterDate::date, @afterId))
                ORDER BY decision_date DESC, id DESC
                LIMIT @fetch
                """,
                new
                {
                    campaignId = filter.CampaignId, province = filter.ProvinceCode, commune = filter.CommuneCode, level = filter.Level,
                    afterDate = filter.After?.DecisionDate, afterId = filter.After?.Id ?? 0, fetch = filter.Take + 1,
                })).ToList();
            return (rows, await AwardTypeStore.ListForEligibilityAsync(connection));
        }, default);

    /// <summary>
    /// Lists the recognized initiative at the decision's level, or replaces an older decision's candidate there; a
    /// decision older than the one listed changes nothing.
    /// </summary>
    public Task RecordRecognitionAsync(DatabaseSession session, AppraisalDecisionMade decision, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO commendation_candidates (initiative_id, level, title, campaign_id, province_code, commune_code, case_id, council_id,
                                                 decision_number, decision_date, aggregate_score, grade, decided_at)
            VALUES (@InitiativeId, @CouncilLevel, @Title, @CampaignId, @ProvinceCode, @CommuneCode, @CaseId, @CouncilId,
                    @DecisionNumber, @DecisionDate, @AggregateScore, @Grade, @OccurredAt)
            ON CONFLICT (initiative_id, level) DO UPDATE SET
                title = EXCLUDED.title, campaign_id = EXCLUDED.campaign_id, province_code = EXCLUDED.province_code,
                commune_code = EXCLUDED.commune_code, case_id = EXCLUDED.case_id, council_id = EXCLUDED.council_id,
                decision_number = EXCLUDED.decision_number, decision_date = EXCLUDED.decision_date,
                aggregate_score = EXCLUDED.aggregate_score, grade = EXCLUDED.grade, decided_at = EXCLUDED.decided_at
            WHERE commendation_candidates.decided_at < EXCLUDED.decided_at
            """,
            new
            {
                decision.InitiativeId, decision.CouncilLevel, decision.Title, decision.CampaignId, decision.ProvinceCode, decision.CommuneCode,
                decision.CaseId, decision.CouncilId, decision.DecisionNumber, decision.DecisionDate, decision.AggregateScore, decision.Grade,
                OccurredAt = decision.OccurredAt.UtcDateTime,
            },
            session.Tx, cancellationToken: cancellationToken));

    /// <summary>Takes off the candidate an earlier recognition at the decision's level listed; a later one stays.</summary>
    public Task WithdrawAsync(DatabaseSession session, AppraisalDecisionMade decision, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM commendation_candidates WHERE initiative_id = @InitiativeId AND level = @CouncilLevel AND decided_at < @OccurredAt",
            new { decision.InitiativeId, decision.CouncilLevel, OccurredAt = decision.OccurredAt.UtcDateTime }, session.Tx, cancellationToken: cancellationToken));
}

/// <summary>Whether initiatives are candidates, and where: a decision may only draw recipients from recognized ones.</summary>
public static class CandidateLookup
{
    /// <summary>The candidate rows of the given initiatives (one per level they were recognized at).</summary>
    public static async Task<IReadOnlyList<CandidateRow>> FindAsync(ServiceDatabase db, IReadOnlyCollection<Guid> initiativeIds, CancellationToken ct) =>
        await db.ReadAsync<IReadOnlyList<CandidateRow>>(null, async (connection, _) => (await connection.QueryAsync<CandidateRow>(new CommandDefinition(
            """
            SELECT id AS Id, initiative_id AS InitiativeId, title AS Title, level AS Level, campaign_id AS CampaignId,
                   province_code AS ProvinceCode, commune_code AS CommuneCode, case_id AS CaseId, decision_number AS DecisionNumber,
                   decision_date AS DecisionDate, aggregate_score AS AggregateScore, grade AS Grade
            FROM commendation_candidates WHERE initiative_id = ANY(@ids)
            """, new { ids = initiativeIds.ToArray() }, cancellationToken: ct))).ToList(), ct);
}
