using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>Hộp thư thông báo: everyone reads and marks only their own notices.</summary>
public static class Inbox
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>The notice does not exist, or is someone else's: the caller cannot tell which.</summary>
    public static readonly Refusal NotFound = Refusal.NotFound("notification_not_found", "Không tìm thấy thông báo trong hộp thư của bạn.");

    /// <summary>Null when the page size asked for is allowed.</summary>
    public static Refusal? CheckPageSize(int? limit) =>
        limit is < 1 or > MaxPageSize ? Refusal.Invalid("limit", $"Số thông báo mỗi trang từ 1 đến {MaxPageSize}.") : null;
}
