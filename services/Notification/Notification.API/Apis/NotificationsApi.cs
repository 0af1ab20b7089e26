using DoanKetSangTao.Domain;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Notification.API.Apis;

public static class NotificationsApi
{
    /// <summary>Everyone reads only their own inbox: the recipient is the token's subject, never a parameter.</summary>
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Thông báo (notifications)").RequireAuthorization();
        api.MapGet("/", ListMine);
        api.MapGet("/unread-count", CountUnread);
        api.MapPost("/{id:guid}/read", MarkRead);
        api.MapPost("/read-all", MarkAllRead);
        return api;
    }

    /// <summary>
    /// Thông báo của tôi, mới nhất trước; chỉ những thông báo chưa đọc khi <c>unreadOnly</c>. Trang sau: <c>before</c> là
    /// mã của thông báo cuối cùng của trang vừa đọc (thông báo mới đến không làm xô lệch các trang); <c>limit</c> từ 1 đến 100.
    /// </summary>
    public static async Task<Results<Ok<List<NotificationResponse>>, ProblemHttpResult>> ListMine(
        NotificationStore notifications, CurrentUser user, bool? unreadOnly, int? limit, string? before)
    {
        if (Inbox.CheckPageSize(limit) is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (!Inbox.TryReadBefore(before, out var after))
        {
            return Inbox.UnknownBefore.ToProblem();
        }

        var rows = await notifications.ListAsync(InboxesOf(user), unreadOnly ?? false, after, limit ?? Inbox.DefaultPageSize);
        if (rows is null)
        {
            return Inbox.UnknownBefore.ToProblem();
        }

        return TypedResults.Ok(rows.Select(r => new NotificationResponse(r.Id, r.Kind, r.Title, r.Body, r.SubjectId, r.CreatedAt, r.ReadAt)).ToList());
    }

    /// <summary>Đánh dấu một thông báo của tôi là đã đọc; đọc lại không đổi thời điểm đọc đầu tiên.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, NotificationStore notifications, CurrentUser user) =>
        await notifications.MarkReadAsync(id, InboxesOf(user)) ? TypedResults.NoContent() : Inbox.NotFound.ToProblem();

    /// <summary>Số thông báo chưa đọc của tôi (cả hộp thư của đơn vị, với cán bộ đơn vị): con số trên biểu tượng chuông.</summary>
    public static async Task<Ok<UnreadCountResponse>> CountUnread(NotificationStore notifications, CurrentUser user) =>
        TypedResults.Ok(new UnreadCountResponse(await notifications.CountUnreadAsync(InboxesOf(user))));

    /// <summary>Đánh dấu mọi thông báo chưa đọc của tôi (và của đơn vị, với cán bộ đơn vị) là đã đọc; trả về số thông báo vừa đánh dấu.</summary>
    public static async Task<Ok<MarkedReadResponse>> MarkAllRead(NotificationStore notifications, CurrentUser user) =>
        TypedResults.Ok(new MarkedReadResponse(await notifications.MarkAllReadAsync(InboxesOf(user))));

    private static IReadOnlyList<string> InboxesOf(CurrentUser user) => Inbox.Of(
        user.Id, user.OrganizationId,
        user.IsInRole(PlatformRoles.UnitOfficer) || user.IsInRole(PlatformRoles.MemberOrganizationOfficer));
}
