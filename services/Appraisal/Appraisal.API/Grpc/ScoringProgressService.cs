using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.Appraisal.V1;
using Grpc.Core;

namespace DoanKetSangTao.Appraisal.API.Grpc;

/// <summary>
/// Ai chưa chấm: notification asks, when a scoring-deadline reminder is due, which council members still owe score
/// sheets; the answer at send time decides who is reminded, so a member who submitted is not.
/// </summary>
public sealed class ScoringProgressService(ScoringProgressStore progress) : ScoringProgress.ScoringProgressBase
{
    public override async Task<GetPendingScorersReply> GetPendingScorers(GetPendingScorersRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.CampaignId, out var campaignId) || string.IsNullOrEmpty(request.ScopeCode) || request.ScopeCode.Length > 20)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Cần mã đợt thi đua (GUID) và phạm vi (\"VN\" hoặc mã tỉnh/thành phố) hợp lệ."));
        }

        var rows = await progress.PendingAsync(campaignId, request.ScopeCode, context.CancellationToken);
        var reply = new GetPendingScorersReply();
        reply.Scorers.AddRange(rows.Select(r => new PendingScorer
        {
            UserId = r.UserId, FullName = r.FullName, Email = r.Email ?? string.Empty, CouncilId = r.CouncilId.ToString(),
            CouncilName = r.CouncilName, ProvinceCode = r.ProvinceCode ?? string.Empty, PendingCases = r.PendingCases,
        }));
        return reply;
    }
}
