using Dapper;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>A council member who still owes score sheets, per council.</summary>
public sealed record PendingScorerRow(string UserId, string FullName, string? Email, Guid CouncilId, string CouncilName, string? ProvinceCode, int PendingCases);

/// <summary>
/// Ai chưa chấm: the members of a campaign's councils who have cases assigned, admitted for scoring, with no submitted
/// score sheet of theirs and no conflict they declared. A member who left the council owes nothing.
/// </summary>
public sealed class ScoringProgressStore(ServiceDatabase db)
{
    public Task<List<PendingScorerRow>> PendingAsync(Guid campaignId, string scopeCode, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<PendingScorerRow>(new CommandDefinition(
            """
            SELECT m.user_id AS UserId, m.full_name AS FullName, m.email AS Email, c.id AS CouncilId, c.name AS CouncilName,
                   c.province_code AS ProvinceCode, count(*)::int AS PendingCases
            FROM councils c
            JOIN appraisal_cases k ON k.council_id = c.id AND k.state = 'admitted'
            JOIN case_assignments a ON a.case_id = k.id
            JOIN council_members m ON m.council_id = c.id AND m.person_id = a.person_id AND m.left_at IS NULL
            WHERE c.campaign_id = @campaignId AND (@scopeCode = 'VN' OR c.province_code = @scopeCode)
              AND NOT EXISTS (SELECT 1 FROM score_sheets s WHERE s.case_id = k.id AND s.person_id = a.person_id AND s.submitted_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.case_id = k.id AND d.person_id = a.person_id)
            GROUP BY m.user_id, m.full_name, m.email, c.id, c.name, c.province_code
            ORDER BY c.name, m.full_name
            """, new { campaignId, scopeCode }, cancellationToken: ct))).ToList(), ct);
}
