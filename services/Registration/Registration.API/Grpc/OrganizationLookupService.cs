using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Registration.API.Infrastructure;
using Grpc.Core;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>Organizations with their ancestry and movement plans, for conflict-of-interest and condition checks.</summary>
public sealed class OrganizationLookupService(OrganizationStore organizations) : OrganizationLookup.OrganizationLookupBase
{
    public const int MaxBatch = 500;

    public override async Task<GetOrganizationsReply> GetOrganizations(GetOrganizationsRequest request, ServerCallContext context)
    {
        var ids = LookupIds.ParseBatch(request.OrganizationIds, MaxBatch, "cơ quan, đơn vị");
        Guid? campaignId = string.IsNullOrEmpty(request.CampaignId) ? null : LookupIds.Parse(request.CampaignId, "Mã đợt thi đua không hợp lệ.");
        var reply = new GetOrganizationsReply();
        foreach (var r in await organizations.WithAncestryAsync(ids, campaignId, context.CancellationToken))
        {
            var org = new OrganizationReply
            {
                OrganizationId = r.Id.ToString(), Name = r.Name, Kind = r.Kind, ProvinceCode = r.ProvinceCode, CommuneCode = r.CommuneCode ?? string.Empty,
                ParentId = r.ParentId?.ToString() ?? string.Empty, HasMovementPlan = r.MovementPlanNumber is not null,
                MovementPlanNumber = r.MovementPlanNumber ?? string.Empty,
            };
            org.AncestorIds.AddRange(r.AncestorIds.Select(a => a.ToString()));
            reply.Organizations.Add(org);
        }

        return reply;
    }
}
