using Dapper;
using DoanKetSangTao.Contracts.Registration.V1;
using Grpc.Core;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>A campaign's year and scope, for appraisal to set up councils against a campaign that exists and to find the level above.</summary>
public sealed class CampaignLookupService(NpgsqlDataSource db) : CampaignLookup.CampaignLookupBase
{
    public override async Task<CampaignReply> GetCampaign(GetCampaignRequest request, ServerCallContext context)
    {
        var id = LookupIds.Parse(request.CampaignId, "Mã đợt thi đua không hợp lệ.");
        await using var connection = await db.OpenConnectionAsync(context.CancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(int Year, string Name, string? ProvinceCode)>(new CommandDefinition(
            "SELECT year, name, province_code FROM campaigns WHERE id = @id", new { id }, cancellationToken: context.CancellationToken));
        return row.Name is null
            ? throw new RpcException(new Status(StatusCode.NotFound, "Không tìm thấy đợt thi đua."))
            : new CampaignReply { CampaignId = id.ToString(), Year = row.Year, Name = row.Name, ProvinceCode = row.ProvinceCode ?? string.Empty };
    }
}
