using DoanKetSangTao.Notification.API.Domain.Preferences;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Bản tổng hợp thông báo (lịch tổng hợp): one message per person and period listing the notices of digestible kinds that
/// waited for it (see <see cref="DigestFrequencies"/>). Each of those notices is already in the person's inbox; the
/// digest only replaces their outbound messages. It goes by the channels the gathered notices' categories allow.
/// </summary>
public static class DigestKinds
{
    public const string DigestKind = "digest";

    /// <summary>The most notices one digest lists by title; the rest are counted.</summary>
    public const int MaxListed = 50;

    public static readonly NotificationKind Digest = new(DigestKind, NotificationCategories.Reminders, "Bản tổng hợp thông báo",
        [
            new Placeholder("recipient_name", "Nguyễn Văn An", "Người nhận"),
            new Placeholder("count", "3", "Số thông báo được tổng hợp"),
            new Placeholder("period", "ngày 07/12/2026", "Khoảng thời gian bản tổng hợp bao quát"),
            new Placeholder("items", "- 08:15 07/12/2026: Sáng kiến “Tưới nhỏ giọt tiết kiệm nước” chờ xác nhận", "Danh sách thông báo, mỗi dòng một thông báo"),
        ],
        new Dictionary<string, TemplateText>
        {
            [NotificationChannels.Email] = new("Tổng hợp {{ count }} thông báo {{ period }}",
                "Kính gửi {{ recipient_name }},\n\nTrong {{ period }} có {{ count }} thông báo mới dành cho bạn:\n\n{{ items }}\n\n"
                + "Đăng nhập ứng dụng Đoàn kết sáng tạo, mục Thông báo, để xem chi tiết.\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n"),
            [NotificationChannels.Sms] = new(null, "Ban co {{ count }} thong bao moi. Xem chi tiet tren ung dung Doan ket sang tao."),
        });

    /// <summary>The values of a digest's templates: its notices listed oldest first, each with its time in Vietnam.</summary>
    public static Dictionary<string, string> Values(string recipientName, string frequency, DateTimeOffset sendsAt, IReadOnlyList<(string Title, DateTimeOffset At)> items)
    {
        var lines = items.Take(MaxListed).Select(i => $"- {DoanKetSangTao.Domain.VietnamTime.FormatDateTime(i.At)}: {i.Title}").ToList();
        if (items.Count > MaxListed)
        {
            lines.Add($"… và {items.Count - MaxListed} thông báo khác.");
        }

        return new Dictionary<string, string>
        {
            ["recipient_name"] = recipientName,
            ["count"] = items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["period"] = DigestFrequencies.PeriodOf(frequency, sendsAt),
            ["items"] = string.Join("\n", lines),
        };
    }
}
