using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>
/// Kết quả thẩm định as a read model: one decision per initiative and council level (a repeated decision counts once,
/// a later one replaces an earlier one) and one nomination per initiative and level it leaves; counted when read.
/// </summary>
public sealed class AppraisalOutcomeStore(ServiceDatabase db)
{
    /// <summary>Records the decision at its level, unless a later decision at that level is recorded already.</summary>
    public Task RecordDecisionAsync(DatabaseSession session, AppraisalDecisionMade decision, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO appraisal_outcomes (initiative_id, council_level, campaign_id, province_code, commune_code, recognized,
                                            case_id, decision_number, decision_date, decided_at)
            VALUES (@InitiativeId, @CouncilLevel, @CampaignId, @ProvinceCode, @CommuneCode, @Recognized,
                    @CaseId, @DecisionNumber, @DecisionDate, @OccurredAt)
            ON CONFLICT (initiative_id, council_level) DO UPDATE SET
                campaign_id = EXCLUDED.campaign_id, province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code,
                recognized = EXCLUDED.recognized, case_id = EXCLUDED.case_id, decision_number = EXCLUDED.decision_number,
                decision_date = EXCLUDED.decision_date, decided_at = EXCLUDED.decided_at
            WHERE appraisal_outcomes.decided_at < EXCLUDED.decided_at
            """,
            new
            {
                decision.InitiativeId, decision.CouncilLevel, decision.CampaignId, decision.ProvinceCode, decision.CommuneCode, decision.Recognized,
                decision.CaseId, decision.DecisionNumber, decision.DecisionDate, OccurredAt = decision.OccurredAt.UtcDateTime,
            },
            session.Tx, cancellationToken: cancellationToken));

    /// <summary>Records the nomination from its level; a second one from the same level changes nothing.</summary>
    public Task RecordNominationAsync(DatabaseSession session, InitiativeNominated nomination, CancellationToken cancellationToken) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO appraisal_nominations (initiative_id, from_level, to_level, case_id, nominated_at)
            VALUES (@InitiativeId, @FromLevel, @ToLevel, @CaseId, @OccurredAt)
            ON CONFLICT (initiative_id, from_level) DO NOTHING
            """,
            new { nomination.InitiativeId, nomination.FromLevel, nomination.ToLevel, nomination.CaseId, OccurredAt = nomination.OccurredAt.UtcDateTime },
            session.Tx, cancellationToken: cancellationToken));

    /// <summary>
    /// Counts per area and council level: by province for the nation (<paramref name="provinceCode"/> null), by commune
    /// for a province; only <paramref name="commune"/> when one is given. A nomination is counted at the level it leaves.
    /// </summary>
    public Task<IReadOnlyList<AppraisalCountRow>> CountAsync(Guid campaignId, string? provinceCode, string? commune)
    {
        // The area column is one of two constants, never input.
        var area = provinceCode is null ? "o.province_code" : "o.commune_code";
        return db.ReadAsync<IReadOnlyList<AppraisalCountRow>>(null, async (connection, _) => (await connection.QueryAsync<AppraisalCountRow>(
            $"""
            SELECT {area} AS Code, o.council_level AS Level,
                   count(*) FILTER (WHERE o.recognized) AS Recognized,
                   count(*) FILTER (WHERE NOT o.recognized) AS NotRecognized,
                   count(n.initiative_id) AS NominatedUpward
            FROM appraisal_outcomes o
            LEFT JOIN appraisal_nominations n ON n.initiative_id = o.initiative_id AND n.from_level = o.council_level
            WHERE o.campaign_id = @campaignId
              AND (@provinceCode::text IS NULL OR o.province_code = @provinceCode)
              AND (@commune::text IS NULL OR o.commune_code = @commune)
            GROUP BY {area}, o.council_level
            """, new { campaignId, provinceCode, commune })).ToList(), default);
    }
}
