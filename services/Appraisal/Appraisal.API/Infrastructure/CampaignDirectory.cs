using DoanKetSangTao.Contracts.Registration.V1;
using Grpc.Core;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>A campaign as registration holds it (year and scope), asked over gRPC when a council is set up.</summary>
public sealed class CampaignDirectory(CampaignLookup.CampaignLookupClient client)
{
    /// <summary>The campaign's year and province (null for a national campaign), or null when registration has no such campaign.</summary>
    public async Task<(int Year, string? ProvinceCode)?> FindAsync(Guid campaignId, CancellationToken ct)
    {
        try
        {
            var reply = await client.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaignId.ToString() },
                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
            return (reply.Year, string.IsNullOrEmpty(reply.ProvinceCode) ? null : reply.ProvinceCode);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
