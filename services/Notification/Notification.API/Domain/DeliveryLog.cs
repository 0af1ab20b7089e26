using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Nhật ký gửi tin: what operators see of deliveries, and the rule of replaying one. A delivery ends sent, failed (the
/// provider refused it for good) or dead (no answer after the last try); a dead or failed one may be replayed, unless
/// the same notice reached the person, or is on its way, on another channel (its fallback): a replay must not tell them twice.
/// </summary>
public static class DeliveryLog
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Dead = "dead";

    public static readonly IReadOnlyList<string> Statuses = [Pending, Sending, Sent, Failed, Dead];

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The longest e-mail address (RFC 5321) is longer than any phone number.</summary>
    public const int MaxAddressLength = 320;

    public static readonly Refusal NotFound = Refusal.NotFound("delivery_not_found", "Không tìm thấy lượt gửi này.");

    /// <summary>Null when the filters are allowed.</summary>
    public static Refusal? CheckFilters(string? status, string? channel, string? address, int? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (status is not null && !Statuses.Contains(status))
        {
            errors["status"] = [$"Trạng thái là một trong: {string.Join(", ", Statuses)}."];
        }

        if (channel is not null && !NotificationChannels.FallbackOrder.Contains(channel))
        {
            errors["channel"] = [$"Kênh là một trong: {string.Join(", ", NotificationChannels.FallbackOrder)}."];
        }

        if (address is { Length: > MaxAddressLength })
        {
            errors["address"] = [$"Địa chỉ người nhận dài tối đa {MaxAddressLength} ký tự."];
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"Số dòng mỗi trang từ 1 đến {MaxPageSize}."];
        }

        return errors.Count == 0 ? null : Refusal.Invalid(errors);
    }

    /// <summary>Null when the delivery may be sent again now.</summary>
    public static Refusal? CheckReplay(string status, bool deliveredElsewhere) => status switch
    {
        not (Dead or Failed) => Refusal.Conflict("delivery_not_replayable",
            $"Chỉ gửi lại được lượt gửi đã thất bại hoặc đã dừng sau số lần thử tối đa; lượt này đang ở trạng thái \"{status}\"."),
        _ when deliveredElsewhere => Refusal.Conflict("delivery_already_delivered",
            "Thông báo này đã đến, hoặc đang được gửi, tới người nhận qua một kênh khác; gửi lại sẽ khiến họ nhận hai lần."),
        _ => null,
    };
}
