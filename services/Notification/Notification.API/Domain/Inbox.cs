using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Hộp thư thông báo: everyone reads and marks only their own notices, and an officer of a unit or member organization
/// also those addressed to the unit (hộp thư của đơn vị, <c>org:{id}</c>): what concerns the unit reaches whoever is
/// its officer today, without the sender knowing who that is.
/// </summary>
public static class Inbox
{
    /// <summary>The inbox of a unit or member organization.</summary>
    public static string OfUnit(Guid organizationId) => $"org:{organizationId:D}";

    /// <summary>The unit whose inbox <paramref name="recipientId"/> is; null for a person's.</summary>
    public static Guid? UnitOf(string recipientId) =>
        recipientId.StartsWith("org:", StringComparison.Ordinal) && Guid.TryParse(recipientId.AsSpan(4), out var unit) ? unit : null;

    /// <summary>The inboxes a caller reads: their own, and their unit's when they are its officer.</summary>
    public static IReadOnlyList<string> Of(string userId, string? organizationId, bool unitOfficer) =>
        unitOfficer && Guid.TryParse(organizationId, out var org) ? [userId, OfUnit(org)] : [userId];

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    /// <summary>The notice does not exist, or is someone else's: the caller cannot tell which.</summary>
    public static readonly Refusal NotFound = Refusal.NotFound("notification_not_found", "Không tìm thấy thông báo trong hộp thư của bạn.");

    /// <summary>The page after a notice the caller does not have (or a malformed id): they cannot tell which.</summary>
    public static readonly Refusal UnknownBefore = Refusal.Invalid("before",
        "Tham số 'before' phải là mã của một thông báo trong hộp thư của bạn (thông báo cuối của trang vừa đọc).");

    /// <summary>
    /// Phân trang hộp thư: <paramref name="before"/> is the id of the last notice of the page read (none for the first);
    /// null when it is not an id at all.
    /// </summary>
    public static bool TryReadBefore(string? before, out Guid? id)
    {
        id = null;
        if (before is null)
        {
            return true;
        }

        if (Guid.TryParseExact(before, "D", out var parsed))
        {
            id = parsed;
            return true;
        }

        return false;
    }

    /// <summary>Null when the page size asked for is allowed.</summary>
    public static Refusal? CheckPageSize(int? limit) =>
        limit is < 1 or > MaxPageSize ? Refusal.Invalid("limit", $"Số thông báo mỗi trang từ 1 đến {MaxPageSize}.") : null;
}
