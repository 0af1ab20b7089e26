using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Contracts.Registration.V1;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// What registration knows of organizations, asked over gRPC when a rule needs it: the hierarchy (for conflicts of
/// interest, cơ quan cấp trên / trực thuộc) and whether a unit has its movement plan for a campaign (condition of
/// screening). Appraisal keeps no copy, so a parent changed in registration counts at once.
/// </summary>
public sealed class OrganizationDirectory(OrganizationLookup.OrganizationLookupClient client)
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(10);

    /// <summary>The hierarchy above each of the organizations, as parent links.</summary>
    public async Task<OrganizationAncestry> AncestryAsync(IEnumerable<Guid> organizationIds, CancellationToken ct)
    {
        var request = new GetOrganizationsRequest();
        request.OrganizationIds.AddRange(organizationIds.Distinct().Select(id => id.ToString()));
        if (request.OrganizationIds.Count == 0)
        {
            return OrganizationAncestry.None;
        }

        var reply = await client.GetOrganizationsAsync(request, deadline: Deadline, cancellationToken: ct);
        var parents = new Dictionary<Guid, Guid?>();
        foreach (var org in reply.Organizations)
        {
            // ancestor_ids is nearest first: each one's parent is the next.
            var chain = new[] { org.OrganizationId }.Concat(org.AncestorIds).Select(Guid.Parse).ToList();
            for (var i = 0; i < chain.Count; i++)
            {
                parents[chain[i]] = i + 1 < chain.Count ? chain[i + 1] : null;
            }
        }

        return OrganizationAncestry.FromParents(parents);
    }

    /// <summary>Kế hoạch hưởng ứng: whether registration holds the unit's movement plan for the campaign, and its number.</summary>
    public async Task<(bool HasPlan, string? Number)> MovementPlanAsync(Guid organizationId, Guid campaignId, CancellationToken ct)
    {
        var request = new GetOrganizationsRequest { CampaignId = campaignId.ToString() };
        request.OrganizationIds.Add(organizationId.ToString());
        var reply = await client.GetOrganizationsAsync(request, deadline: Deadline, cancellationToken: ct);
        var org = reply.Organizations.FirstOrDefault();
        return org is { HasMovementPlan: true } ? (true, string.IsNullOrEmpty(org.MovementPlanNumber) ? null : org.MovementPlanNumber) : (false, null);
    }
}
