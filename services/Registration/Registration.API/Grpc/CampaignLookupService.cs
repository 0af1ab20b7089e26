using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Registration.API.Infrastructure;
using Grpc.Core;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>A campaign's year and scope, for appraisal to set up councils against a campaign that exists and to find the level above.</summary>
public sealed class CampaignLookupService(CampaignStore campaigns) : CampaignLookup.CampaignLookupBase
{
    public override async Task<CampaignReply> GetCampaign(GetCampaignRequest request, ServerCallContext context)
    {
        var id = LookupIds.Parse(request.CampaignId, "Mã đợt thi đua không hợp lệ.");
        var campaign = await campaigns.FindAsync(id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Không tìm thấy đợt thi đua."));
        return new CampaignReply { CampaignId = id.ToString(), Year = campaign.Year, Name = campaign.Name, ProvinceCode = campaign.ProvinceCode ?? string.Empty };
    }
}
