using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.ReviewConferences;

/// <summary>Lời từ chối của hội nghị sơ kết, tổng kết (review conferences): stable codes, Vietnamese messages.</summary>
public static class ConferenceRefusals
{
    /// <summary>No such conference, or the caller is neither its host nor invited: the two look the same, so nobody learns of a conference not theirs.</summary>
    public static readonly Refusal NotFound = Refusal.NotFound("review_conference_not_found",
        "Không tìm thấy hội nghị, hoặc bạn không thuộc cơ quan tổ chức hay đơn vị được mời.");

    public static readonly Refusal HostOnly = Refusal.Forbidden("review_conference_host_only",
        "Chỉ cán bộ Ủy ban MTTQ cấp tổ chức hội nghị được thực hiện thao tác này.");

    public static readonly Refusal InviteeOnly = Refusal.Forbidden("review_conference_invitee_only",
        "Chỉ cán bộ của đơn vị được mời được thực hiện thao tác này cho đơn vị mình.");

    public static readonly Refusal NoHostArea = Refusal.Forbidden("review_conference_no_host_area",
        "Tài khoản của bạn chưa được gán địa bàn của Ủy ban MTTQ, nên chưa thể tổ chức hội nghị.");

    public static readonly Refusal Cancelled = Refusal.Conflict("review_conference_cancelled",
        "Hội nghị đã bị hủy; không thể thay đổi thêm.");

    public static readonly Refusal AlreadyInvited = Refusal.Conflict("review_conference_already_invited",
        "Có đơn vị đã được mời dự hội nghị này. Bỏ đơn vị đó khỏi danh sách rồi gửi lại.");

    public static readonly Refusal NotInvited = Refusal.Unprocessable("review_conference_not_invited",
        "Đơn vị này chưa được mời dự hội nghị. Mời đơn vị trước khi giao tham luận.");

    public static readonly Refusal ContributionNotFound = Refusal.NotFound("conference_contribution_not_found",
        "Không tìm thấy tham luận của hội nghị (hoặc tham luận không giao cho đơn vị bạn).");

    public static readonly Refusal FileNotFound = Refusal.NotFound("conference_file_not_found", "Không tìm thấy tệp tham luận.");

    public static readonly Refusal TooManyFiles = Refusal.Conflict("conference_contribution_too_many_files",
        $"Mỗi tham luận gửi tối đa {ConferenceRules.MaxFilesPerContribution} tệp.");

    public static readonly Refusal ExhibitNotFound = Refusal.NotFound("conference_exhibit_not_found",
        "Không tìm thấy hiện vật trưng bày của đơn vị bạn.");

    public static readonly Refusal NomineeNotFound = Refusal.NotFound("conference_nominee_not_found",
        "Không tìm thấy người/tập thể được đơn vị bạn đề nghị khen thưởng.");

    public static readonly Refusal QuotaExceeded = Refusal.Unprocessable("conference_quota_exceeded",
        "Đơn vị đã đề nghị đủ số lượng khen thưởng được phân bổ (chỉ tiêu). Bỏ bớt một đề nghị trước khi thêm người/tập thể khác.");

    public static readonly Refusal QuotaBelowProposed = Refusal.Unprocessable("conference_quota_below_proposed",
        "Chỉ tiêu mới thấp hơn số người/tập thể đơn vị đã đề nghị. Đề nghị đơn vị bỏ bớt trước khi giảm chỉ tiêu.");

    public static readonly Refusal AlreadyForwarded = Refusal.Conflict("conference_commendations_already_forwarded",
        "Đề nghị khen thưởng của hội nghị đã được chuyển sang khen thưởng; không thể thay đổi thêm.");

    public static readonly Refusal NothingToForward = Refusal.Unprocessable("conference_commendations_none",
        "Chưa có đơn vị nào đề nghị khen thưởng, nên chưa có gì để chuyển.");
}
