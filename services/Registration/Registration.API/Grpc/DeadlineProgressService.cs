using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Registration.API.Infrastructure;
using Grpc.Core;

namespace DoanKetSangTao.Registration.API.Grpc;

/// <summary>
/// Ai chưa thực hiện: notification asks, when a reminder is due, which units of a deadline's scope have not acted yet
/// (registered nothing, or not submitted the dossiers of their confirmed initiatives). The answer at send time decides
/// who is reminded, so a unit that acted is not. Deadlines registration cannot judge (appraisal, honouring, reports)
/// are FAILED_PRECONDITION.
/// </summary>
public sealed class DeadlineProgressService(DeadlineProgressStore progress) : DeadlineProgress.DeadlineProgressBase
{
    public override async Task<GetPendingUnitsReply> GetPendingUnits(GetPendingUnitsRequest request, ServerCallContext context)
    {
        var campaignId = LookupIds.Parse(request.CampaignId, "Mã đợt thi đua không hợp lệ.");
        Guid? organizationId = string.IsNullOrEmpty(request.OrganizationId) ? null : LookupIds.Parse(request.OrganizationId, "Mã đơn vị không hợp lệ.");
        if (string.IsNullOrEmpty(request.ScopeCode) || request.ScopeCode.Length > 20)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Phạm vi là \"VN\" hoặc mã một tỉnh/thành phố."));
        }

        var units = await progress.PendingAsync(campaignId, request.Kind ?? string.Empty, request.ScopeCode, organizationId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "Dịch vụ đăng ký không theo dõi việc thực hiện loại thời hạn này."));
        var reply = new GetPendingUnitsReply();
        reply.Units.AddRange(units.Select(u => new PendingUnit
        {
            OrganizationId = u.OrganizationId.ToString(), Name = u.Name, ProvinceCode = u.ProvinceCode, CommuneCode = u.CommuneCode ?? string.Empty,
        }));
        return reply;
    }
}
