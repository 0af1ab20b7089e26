using Dapper;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Registration.API.Apis;
using DoanKetSangTao.ServiceDefaults.Grpc;
using Google.Protobuf.WellKnownTypes;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>Initiative look-ups for the other services, on the internal gRPC port.</summary>
public sealed class InitiativeLookupService(NpgsqlDataSource db) : InitiativeLookup.InitiativeLookupBase
{
    public const int MaxBatch = 500;

    public override async Task<InitiativeReply> GetInitiative(GetInitiativeRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.InitiativeId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Mã sáng kiến không hợp lệ."));
        }

        await using var connection = await db.OpenConnectionAsync(context.CancellationToken);
        var initiative = await InitiativesApi.LoadAsync(connection, id)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Không tìm thấy sáng kiến."));
        return ToReply(initiative);
    }

    public override async Task<GetInitiativesReply> GetInitiatives(GetInitiativesRequest request, ServerCallContext context)
    {
        if (request.InitiativeIds.Count > MaxBatch)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Tối đa {MaxBatch} sáng kiến mỗi lần tra cứu."));
        }

        var reply = new GetInitiativesReply();
        await using var connection = await db.OpenConnectionAsync(context.CancellationToken);
        foreach (var raw in request.InitiativeIds.Distinct())
        {
            if (Guid.TryParse(raw, out var id) && await InitiativesApi.LoadAsync(connection, id) is { } initiative)
            {
                reply.Initiatives.Add(ToReply(initiative));
            }
        }

        return reply;
    }

    private static InitiativeReply ToReply(InitiativeResponse i)
    {
        var reply = new InitiativeReply
        {
            InitiativeId = i.Id.ToString(),
            CampaignId = i.CampaignId.ToString(),
            Title = i.Title,
            Kind = i.Kind,
            Status = i.Status,
            OrganizationId = i.OrganizationId.ToString(),
            ProvinceCode = i.ProvinceCode,
            CommuneCode = i.CommuneCode,
            RegisteredAt = Timestamp.FromDateTimeOffset(i.RegisteredAt),
            Summary = i.Summary ?? string.Empty,
        };
        reply.Authors.AddRange(i.Authors.Select(a => new InitiativeAuthor { FullName = a.FullName, IsLead = a.IsLead, ContributionPercent = a.ContributionPercent }));
        return reply;
    }
}
