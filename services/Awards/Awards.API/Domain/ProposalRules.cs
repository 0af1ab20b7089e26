using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>Trạng thái tờ trình đề nghị khen thưởng: submitted, then returned (with a reason, to correct and resend) or accepted.</summary>
public static class ProposalStatuses
{
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Accepted = "accepted";
}

/// <summary>A proposer a call invites, with how many recipients they may propose.</summary>
public sealed record ProposerQuota(string ProposerKey, string ProposerName, int Quota);

/// <summary>
/// Đề nghị khen thưởng (tờ trình): a deciding body opens a call naming its proposers (member organizations, lower Front
/// committees, units) each with a quota (chỉ tiêu) and a due time; each proposer sends one proposal of at most its quota
/// before the due time; the body returns it with a reason or accepts it, and accepted recipients go into its decision.
/// </summary>
public static class ProposalRules
{
    public const int MaxQuota = 500;

    public static readonly Refusal CallNotFound = Refusal.NotFound("proposal_call_not_found",
        "Không tìm thấy đợt đề nghị khen thưởng này trong phạm vi của bạn.");

    public static readonly Refusal NotFound = Refusal.NotFound("proposal_not_found",
        "Không tìm thấy tờ trình đề nghị khen thưởng này trong phạm vi của bạn.");

    public static readonly Refusal NotInvited = Refusal.Forbidden("proposal_not_invited",
        "Đơn vị của bạn không có trong danh sách được đề nghị khen thưởng của đợt này.");

    public static readonly Refusal PastDue = Refusal.Unprocessable("proposal_past_due",
        "Đã quá hạn gửi đề nghị khen thưởng của đợt này. Vui lòng liên hệ cơ quan quyết định.");

    public static readonly Refusal AlreadySent = Refusal.Conflict("proposal_already_submitted",
        "Đơn vị đã gửi tờ trình cho đợt này; chỉ gửi lại được khi tờ trình bị trả lại để chỉnh sửa.");

    public static readonly Refusal NotAwaiting = Refusal.Conflict("proposal_not_awaiting",
        "Tờ trình này không ở trạng thái chờ xem xét (đã được chấp nhận hoặc đã bị trả lại).");

    public static Refusal OverQuota(int quota) => Refusal.Unprocessable("proposal_over_quota",
        $"Số người/tập thể đề nghị vượt chỉ tiêu của đơn vị ({quota}). Vui lòng bớt cho đủ chỉ tiêu.");

    /// <summary>Refusal when a proposer may not send (again) now, else null: invited, before the due time, not already awaiting or accepted.</summary>
    public static Refusal? CanSubmit(ProposerQuota? quota, DateTimeOffset dueAt, DateTimeOffset now, string? currentStatus, int recipients)
    {
        if (quota is null)
        {
            return NotInvited;
        }

        if (now >= dueAt)
        {
            return PastDue;
        }

        if (currentStatus is ProposalStatuses.Submitted or ProposalStatuses.Accepted)
        {
            return AlreadySent;
        }

        return recipients > quota.Quota ? OverQuota(quota.Quota) : null;
    }

    /// <summary>Refusal when the body cannot return or accept the proposal in its status, else null.</summary>
    public static Refusal? CanDecide(string status) => status == ProposalStatuses.Submitted ? null : NotAwaiting;
}
