using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>
/// Lời từ chối của đăng ký: the refusals registration answers with, each a stable code (integrations and the portal
/// match on it) and the Vietnamese message a person acts on. Rules with their own logic (<see cref="FilingRights"/>,
/// <see cref="CampaignWindows"/>, <see cref="InitiativeLifecycle"/>) keep theirs beside the rule; the HTTP status of
/// each kind is decided once, by <c>RefusalProblems</c>.
/// </summary>
public static class RegistrationRefusals
{
    public static readonly Refusal InitiativeNotFound = Refusal.NotFound("initiative_not_found", "Không tìm thấy sáng kiến.");

    public static readonly Refusal InitiativeOutsideScope = Refusal.Forbidden("initiative_outside_scope",
        "Bạn không có quyền xem sáng kiến này: sáng kiến không thuộc phạm vi bạn phụ trách.");

    public static readonly Refusal NotInitiativeAuthor = Refusal.Forbidden("not_initiative_author",
        "Chỉ tác giả đã đăng ký sáng kiến mới được thực hiện thao tác này.");

    /// <summary>A campaign named by a registration, a list or a plan.</summary>
    public static readonly Refusal CampaignNotFound = Refusal.NotFound("campaign_not_found",
        "Không tìm thấy đợt thi đua. Vui lòng chọn một đợt thi đua đang mở.");

    /// <summary>A campaign read by its id.</summary>
    public static readonly Refusal CampaignNotFoundById = Refusal.NotFound("campaign_not_found",
        "Không tìm thấy đợt thi đua. Vui lòng kiểm tra lại mã đợt thi đua.");

    public static readonly Refusal IdempotencyKeyReused = Refusal.Unprocessable("idempotency_key_reused",
        "Mã Idempotency-Key này đã được dùng cho một phiếu đăng ký khác. Mỗi phiếu đăng ký mới cần một mã mới.");

    public static readonly Refusal NotUpperLevel = Refusal.Forbidden("not_upper_level",
        "Chỉ cán bộ của đơn vị cấp trên (hoặc cơ quan Mặt trận phụ trách địa bàn) mới được xác nhận hoặc trả lại phiếu đăng ký này.");

    public static readonly Refusal ChosenOrganizationNotFound = Refusal.Invalid("organizationId", "Không tìm thấy cơ quan, đơn vị đã chọn.");

    public static readonly Refusal NothingToForward = Refusal.Unprocessable("nothing_to_forward",
        "Không có sáng kiến nào đã xác nhận mà chưa được gửi lên. Vui lòng xác nhận các phiếu đăng ký trước khi lập danh sách.");

    public static readonly Refusal ConfirmationListNotFound = Refusal.NotFound("confirmation_list_not_found", "Không tìm thấy danh sách tổng hợp.");

    public static readonly Refusal ConfirmationListOutsideScope = Refusal.Forbidden("confirmation_list_outside_scope",
        "Danh sách tổng hợp này không thuộc đơn vị hoặc địa bàn bạn phụ trách.");

    public static readonly Refusal DossierNotFound = Refusal.NotFound("dossier_not_found", "Không tìm thấy hồ sơ.");

    public static readonly Refusal InitiativeHasNoDossier = Refusal.NotFound("dossier_not_found", "Sáng kiến này chưa có hồ sơ đề nghị công nhận.");

    public static readonly Refusal DossierNotEditable = Refusal.Conflict("dossier_not_editable",
        "Hồ sơ đã nộp và đang chờ hội đồng xem xét; chỉ bổ sung được khi hội đồng trả lại hồ sơ.");

    public static readonly Refusal DossierNotAssigned = Refusal.Forbidden("dossier_not_assigned",
        "Bạn chỉ xem được hồ sơ của sáng kiến được phân công cho mình, hoặc của hội đồng mình làm Thư ký, Chủ tịch.");

    public static readonly Refusal DraftAttachmentNotFound = Refusal.NotFound("attachment_not_found", "Không tìm thấy tệp đính kèm trong hồ sơ đang soạn.");

    public static readonly Refusal AttachmentNotFound = Refusal.NotFound("attachment_not_found", "Không tìm thấy tệp đính kèm.");

    public static readonly Refusal TooManyAttachments = Refusal.Conflict("too_many_attachments",
        $"Mỗi hồ sơ có tối đa {AttachmentKind.MaxPerDossier} tệp đính kèm. Vui lòng gộp hoặc gỡ bớt tệp.");

    public static readonly Refusal AdministrativeUnitNotFound = Refusal.NotFound("administrative_unit_not_found", "Không có đơn vị hành chính với mã này.");

    public static readonly Refusal AdministrativeUnitExists = Refusal.Conflict("administrative_unit_exists",
        "Mã đơn vị hành chính này đã có trong danh mục (kể cả đơn vị đã giải thể, sáp nhập).");

    public static readonly Refusal AdministrativeUnitRetired = Refusal.Conflict("administrative_unit_retired",
        "Đơn vị hành chính này đã giải thể hoặc sáp nhập trước đó.");

    public static readonly Refusal OrganizationNotFound = Refusal.NotFound("organization_not_found", "Không tìm thấy cơ quan, đơn vị.");

    /// <summary>400 <c>invalid_idempotency_key</c>: the header is empty or too long.</summary>
    public static Refusal InvalidIdempotencyKey(int maxLength) => Refusal.InvalidInput("invalid_idempotency_key",
        $"Idempotency-Key phải có từ 1 đến {maxLength} ký tự.");

    public static Refusal InitiativeNotEditable(string status) => Refusal.Conflict("initiative_not_editable",
        $"Chỉ sửa được phiếu đăng ký đang là bản nháp hoặc bị trả lại; sáng kiến hiện ở trạng thái \"{InitiativeStatus.All.NameOf(status)}\".");

    public static Refusal InitiativeNotConfirmed(string status) => Refusal.Conflict("initiative_not_confirmed",
        $"Chỉ lập được hồ sơ cho sáng kiến đã được đơn vị cấp trên xác nhận; sáng kiến hiện ở trạng thái \"{InitiativeStatus.All.NameOf(status)}\".");

    /// <summary>422 <c>registration_incomplete</c>: a draft submitted without what a registration needs, by field.</summary>
    public static Refusal RegistrationIncomplete(IReadOnlyDictionary<string, string[]> errors) => new(RefusalKind.Unprocessable, "registration_incomplete",
        "Phiếu đăng ký chưa đủ thông tin để nộp. Vui lòng bổ sung các trường được nêu trong 'errors'.", errors);

    /// <summary>422 <c>dossier_incomplete</c>: what the dossier still lacks, by field.</summary>
    public static Refusal DossierIncomplete(IReadOnlyDictionary<string, string[]> missing) => new(RefusalKind.Unprocessable, "dossier_incomplete",
        "Hồ sơ chưa đủ thành phần để nộp. Vui lòng bổ sung các mục được nêu trong 'errors'.", missing);

    public static Refusal DossierVersionNotFound(int version) => Refusal.NotFound("dossier_version_not_found", $"Hồ sơ không có lần nộp thứ {version}.");

    /// <summary>403 <c>organization_outside_scope</c>, with what the caller may do instead.</summary>
    public static Refusal OrganizationOutsideScope(string message) => Refusal.Forbidden("organization_outside_scope", message);

    /// <summary>
    /// Only the author acts on their registration and dossier: null for the author, 404 when there is no such
    /// initiative (<paramref name="registeredBy"/> null), 403 for anyone else.
    /// </summary>
    public static Refusal? UnlessAuthor(string? registeredBy, string userId) =>
        registeredBy is null ? InitiativeNotFound : registeredBy != userId ? NotInitiativeAuthor : null;

    /// <summary>The answer to a read by someone who may (true) or may not (false) read it, or of nothing (null).</summary>
    public static Refusal? ToRead(bool? allowed, Refusal notFound, Refusal outside) => allowed switch
    {
        null => notFound,
        false => outside,
        true => null,
    };

    /// <summary>
    /// Lý do: a return or a withdrawal says why, in at most 2.000 characters of NFC text; the reason, or a 400 on
    /// <c>reason</c> thrown (it is read once the caller is known to be allowed: 403 before 400).
    /// </summary>
    public static string RequiredReason(string? value, string action)
    {
        var reason = VietnameseText.TryNormalize(value, allowNewLines: true);
        if (string.IsNullOrEmpty(reason) || reason.Length > 2000)
        {
            throw Refusal.Invalid("reason", $"Vui lòng nêu lý do {action} (tối đa 2.000 ký tự).").ToException();
        }

        return reason;
    }
}
