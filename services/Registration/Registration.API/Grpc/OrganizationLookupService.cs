using Dapper;
using DoanKetSangTao.Contracts.Registration.V1;
using Grpc.Core;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>Organizations with their ancestry and movement plans, for conflict-of-interest and condition checks.</summary>
public sealed class OrganizationLookupService(NpgsqlDataSource db) : OrganizationLookup.OrganizationLookupBase
{
    public const int MaxBatch = 500;

    public override async Task<GetOrganizationsReply> GetOrganizations(GetOrganizationsRequest request, ServerCallContext context)
    {
        var ids = LookupIds.ParseBatch(request.OrganizationIds, MaxBatch, "cơ quan, đơn vị");
        Guid? campaignId = string.IsNullOrEmpty(request.CampaignId) ? null : LookupIds.Parse(request.CampaignId, "Mã đợt thi đua không hợp lệ.");
        await using var connection = await db.OpenConnectionAsync(context.CancellationToken);
        var rows = await connection.QueryAsync<Row>(
            """
            WITH RECURSIVE up(start_id, id, depth) AS (
                SELECT o.id, o.parent_id, 1 FROM organizations o WHERE o.id = ANY(@ids) AND o.parent_id IS NOT NULL
                UNION ALL SELECT up.start_id, p.parent_id, up.depth + 1 FROM up JOIN organizations p ON p.id = up.id
                WHERE p.parent_id IS NOT NULL AND up.depth < 20)
            SELECT o.id AS Id, o.name AS Name, o.kind AS Kind, o.province_code AS ProvinceCode, o.commune_code AS CommuneCode, o.parent_id AS ParentId,
                   coalesce((SELECT array_agg(up.id ORDER BY up.depth) FROM up WHERE up.start_id = o.id), '{}') AS AncestorIds,
                   m.document_number AS MovementPlanNumber
            FROM organizations o
            LEFT JOIN movement_plans m ON m.organization_id = o.id AND m.campaign_id = @campaignId
            WHERE o.id = ANY(@ids)
            """, new { ids = ids.ToArray(), campaignId });
        var reply = new GetOrganizationsReply();
        foreach (var r in rows)
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

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string ProvinceCode { get; init; } = string.Empty;

        public string? CommuneCode { get; init; }

        public Guid? ParentId { get; init; }

        public Guid[] AncestorIds { get; set; } = [];

        public string? MovementPlanNumber { get; init; }
    }
}
