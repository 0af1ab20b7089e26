using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Registration.API.Apis;
using DoanKetSangTao.Registration.API.Infrastructure;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>Initiative look-ups for the other services, on the internal gRPC port.</summary>
public sealed class InitiativeLookupService(NpgsqlDataSource db) : InitiativeLookup.InitiativeLookupBase
{
    public const int MaxBatch = 500;

    public override async Task<InitiativeReply> GetInitiative(GetInitiativeRequest request, ServerCallContext context)
    {
        var id = LookupIds.Parse(request.InitiativeId, "Mã sáng kiến không hợp lệ.");
        await using var connection = await db.OpenConnectionAsync(context.CancellationToken);
        var initiative = await InitiativeStore.LoadAsync(connection, id)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Không tìm thấy sáng kiến."));
        return ToReply(initiative);
    }

    /// <summary>The whole batch in two queries, however many ids.</summary>
    public override async Task<GetInitiativesReply> GetInitiatives(GetInitiativesRequest request, ServerCallContext context)
    {
        var ids = LookupIds.ParseBatch(request.InitiativeIds, MaxBatch, "sáng kiến");
        var reply = new GetInitiativesReply();
        await using var connection = await db.OpenConnectionAsync(context.CancellationToken);
        reply.Initiatives.AddRange((await InitiativeStore.LoadManyAsync(connection, ids)).Select(ToReply));
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
            RegisteredAt = Timestamp.FromDateTimeOffset(i.RegisteredAt ?? i.CreatedAt),
            Summary = i.Summary ?? string.Empty,
            ContentType = i.ContentType ?? string.Empty,
            MovementArea = i.MovementArea ?? string.Empty,
            Field = i.Field ?? string.Empty,
            ExpectedScope = i.ExpectedScope ?? string.Empty,
            RecognizedLevel = i.RecognizedLevel ?? string.Empty,
        };
        reply.Authors.AddRange(i.Authors.Select(a => new InitiativeAuthor
        {
            FullName = a.FullName, IsLead = a.IsLead, ContributionPercent = a.ContributionPercent, OrganizationId = a.OrganizationId?.ToString() ?? string.Empty,
        }));
        return reply;
    }
}

/// <summary>Ids as gRPC callers send them: a bad one is INVALID_ARGUMENT, a batch is bounded.</summary>
internal static class LookupIds
{
    public static Guid Parse(string raw, string message) =>
        Guid.TryParse(raw, out var id) ? id : throw new RpcException(new Status(StatusCode.InvalidArgument, message));

    public static List<Guid> ParseBatch(IReadOnlyCollection<string> raw, int max, string what)
    {
        if (raw.Count > max)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Tối đa {max} {what} mỗi lần tra cứu."));
        }

        return raw.Select(r => Guid.TryParse(r, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
    }
}
