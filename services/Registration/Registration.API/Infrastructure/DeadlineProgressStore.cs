using Dapper;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>A unit that has not yet acted on a deadline.</summary>
public sealed record PendingUnitRow(Guid OrganizationId, string Name, string ProvinceCode, string? CommuneCode);

/// <summary>
/// Ai chưa thực hiện: the units a deadline still waits for. A deadline of the whole campaign ('VN') does not bind a
/// province that has its own deadline of the kind, nor a unit whose window was reopened past it (their own deadline
/// binds them, and is reminded of on its own); a unit's extension (<c>organizationId</c>) concerns that unit alone.
/// </summary>
public sealed class DeadlineProgressStore(ServiceDatabase db)
{
    /// <summary>Units with initiatives confirmed in the campaign whose dossier is not submitted yet (still 'confirmed').</summary>
    private const string DossierPending =
        $"EXISTS (SELECT 1 FROM initiatives i WHERE i.organization_id = o.id AND i.campaign_id = @campaignId AND i.status = '{InitiativeStatuses.Confirmed}')";

    /// <summary>Units taking part in the campaign (their movement plan is recorded) that registered nothing in it.</summary>
    private const string RegistrationPending =
        $"""
        EXISTS (SELECT 1 FROM movement_plans m WHERE m.organization_id = o.id AND m.campaign_id = @campaignId)
        AND NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.organization_id = o.id AND i.campaign_id = @campaignId
                        AND i.status NOT IN ('{InitiativeStatuses.Draft}', '{InitiativeStatuses.Withdrawn}'))
        """;

    /// <summary>Null when registration does not know who acted on deadlines of <paramref name="kind"/>.</summary>
    public async Task<List<PendingUnitRow>?> PendingAsync(Guid campaignId, string kind, string scopeCode, Guid? organizationId, CancellationToken ct)
    {
        var pending = kind switch
        {
            DeadlineKind.Dossier => DossierPending,
            DeadlineKind.Registration => RegistrationPending,
            _ => null,
        };
        if (pending is null)
        {
            return null;
        }

        return await db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<PendingUnitRow>(new CommandDefinition(
            $"""
            SELECT o.id AS OrganizationId, o.name AS Name, o.province_code AS ProvinceCode, o.commune_code AS CommuneCode
            FROM organizations o
            WHERE {pending}
              AND CASE WHEN @organizationId::uuid IS NOT NULL THEN o.id = @organizationId
                  ELSE (o.province_code = @scopeCode OR (@scopeCode = '{Campaign.WholeCampaign}' AND NOT EXISTS (
                          SELECT 1 FROM campaign_deadlines d WHERE d.campaign_id = @campaignId AND d.kind = @kind AND d.scope_code = o.province_code)))
                       AND NOT EXISTS (
                          SELECT 1 FROM deadline_extensions e
                          WHERE e.campaign_id = @campaignId AND e.kind = @kind AND e.organization_id = o.id
                            AND e.closes_at > (SELECT d.closes_at FROM campaign_deadlines d
                                               WHERE d.campaign_id = @campaignId AND d.kind = @kind AND d.scope_code = @scopeCode))
                  END
            ORDER BY o.province_code, o.name, o.id
            """, new { campaignId, kind, scopeCode, organizationId }, cancellationToken: ct))).ToList(), ct);
    }
}
