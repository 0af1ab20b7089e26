using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>One thing wrong with a template: a stable code, the field it is in, and what to correct, in Vietnamese.</summary>
public sealed record TemplateProblem(string Code, string Field, string Message);

/// <summary>
/// Lời từ chối mẫu thông báo: the stable codes of a refused template. A refusal carries the code and message of the first
/// problem found, and every problem under its field in <c>errors</c>, so that an operator corrects them all at once.
/// </summary>
public static class TemplateRefusals
{
    public const string SyntaxError = "template_syntax_error";
    public const string UnknownPlaceholder = "template_unknown_placeholder";
    public const string UnknownFilter = "template_unknown_filter";
    public const string TagNotAllowed = "template_tag_not_allowed";
    public const string RenderFailed = "template_render_failed";
    public const string TextInvalid = "template_text_invalid";
    public const string BodyRequired = "template_body_required";
    public const string SubjectRequired = "template_subject_required";
    public const string SubjectNotAllowed = "template_subject_not_allowed";
    public const string TooLong = "template_too_long";
    public const string SmsNotGsm7 = "sms_not_gsm7";
    public const string SmsTooLong = "sms_too_long";
    public const string ZaloTemplateIdRequired = "zalo_template_id_required";
    public const string ProviderTemplateIdNotAllowed = "provider_template_id_not_allowed";
    public const string ZaloParametersInvalid = "zalo_parameters_invalid";
    public const string ZaloParameterTooLong = "zalo_parameter_too_long";
    public const string ZaloMessageTooLong = "zalo_message_too_long";
    public const string ValueUnknown = "template_value_unknown";

    /// <summary>The kind has no template on that channel (or no such kind or channel).</summary>
    public static readonly Refusal NotFound = Refusal.NotFound("notification_template_not_found",
        "Không có mẫu thông báo cho loại thông báo và kênh này.");

    public static readonly Refusal VersionNotFound = Refusal.NotFound("template_version_not_found",
        "Không có phiên bản mẫu này; xem danh sách phiên bản của mẫu để chọn phiên bản cần khôi phục.");

    /// <summary>Someone saved a version since the one the operator edited: theirs would silently undo it.</summary>
    public static Refusal VersionConflict(int active) => Refusal.Conflict("template_version_conflict",
        $"Mẫu đã được sửa sau phiên bản bạn đang chỉnh (phiên bản hiện hành là {active}). Tải lại mẫu, xem thay đổi rồi lưu lại.");

    public static readonly Refusal ChannelNotConfigured = Refusal.Unprocessable("channel_not_configured",
        "Kênh gửi này chưa được cấu hình trên hệ thống nên không gửi thử được.");

    /// <summary>A Zalo template whose approved ZNS id is not set yet: ZNS cannot send it (see <see cref="ZaloTemplates"/>).</summary>
    public static readonly Refusal ZaloTemplateIdMissing = Refusal.Unprocessable("zalo_template_id_missing",
        "Mẫu Zalo này chưa có mã mẫu ZNS được Zalo duyệt. Đăng ký mẫu với Zalo rồi lưu mã mẫu (providerTemplateId) trước khi gửi thử.");

    public static Refusal AddressInvalid(string channel) => Refusal.Invalid("address", channel == NotificationChannels.Email
        ? "Vui lòng nhập một địa chỉ thư điện tử hợp lệ để gửi thử."
        : "Vui lòng nhập số điện thoại di động Việt Nam (ví dụ 0912345678 hoặc +84912345678) để gửi thử.");

    /// <summary>The refusal naming every problem, with the first one's code and message; null when there is none.</summary>
    public static Refusal? From(IReadOnlyList<TemplateProblem> problems)
    {
        if (problems.Count == 0)
        {
            return null;
        }

        var errors = problems.GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return new Refusal(RefusalKind.Invalid, problems[0].Code, problems[0].Message, errors);
    }
}
