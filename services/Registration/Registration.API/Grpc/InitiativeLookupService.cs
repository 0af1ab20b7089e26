using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Registration.API.Infrastructure;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>Initiative look-ups for the other services, on the internal gRPC port.</summary>
public sealed class InitiativeLookupService(InitiativeQueries initiatives) : InitiativeLookup.InitiativeLookupBase
{
    public const int MaxBatch = 500;

    public override async Task<InitiativeReply> GetInitiative(GetInitiativeRequest request, ServerCallContext context)
    {
        var id = LookupIds.Parse(request.InitiativeId, "Mã sáng kiến không hợp lệ.");
        var initiative = await initiatives.LoadAsync(id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Không tìm thấy sáng kiến."));
        return ToReply(initiative);
    }

    /// <summary>The whole batch in one round trip, however many ids.</summary>
    public override async Task<GetInitiativesReply> GetInitiatives(GetInitiativesRequest request, ServerCallContext context)
    {
        var ids = LookupIds.ParseBatch(request.InitiativeIds, MaxBatch, "sáng kiến");
        var reply = new GetInitiativesReply();
        reply.Initiatives.AddRange((await initiatives.LoadManyAsync(ids, context.CancellationToken)).Select(ToReply));
        return reply;
    }

    private static InitiativeReply ToReply(InitiativeDetails i)
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
            RegisteredAt = Timestamp.FromDateTimeOffset(i.RegisteredAt ?? i.CreatedAt),
            Summary = i.Summary ?? string.Empty,
            ContentType = i.ContentType ?? string.Empty,
            MovementArea = i.MovementArea ?? string.Empty,
            Field = i.Field ?? string.Empty,
            ExpectedScope = i.ExpectedScope ?? string.Empty,
            RecognizedLevel = i.RecognizedLevel ?? string.Empty,
            RegisteredBy = i.RegisteredBy,
            OrganizationName = i.OrganizationName,
        };
        reply.Authors.AddRange(i.Authors.Select(a => new InitiativeAuthor
        {
            FullName = a.FullName, IsLead = a.IsLead, ContributionPercent = a.ContributionPercent, OrganizationId = a.OrganizationId?.ToString() ?? string.Empty,
            Email = a.Email ?? string.Empty,
        }));
        return reply;
    }
}
