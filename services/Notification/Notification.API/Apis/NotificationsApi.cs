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
        api.MapPost("/{id:guid}/read", MarkRead);
        return api;
    }

    /// <summary>Thông báo của tôi, mới nhất trước; chỉ những thông báo chưa đọc khi <c>unreadOnly</c>.</summary>
    public static async Task<Results<Ok<List<NotificationResponse>>, ProblemHttpResult>> ListMine(
        NotificationStore notifications, CurrentUser user, bool? unreadOnly, int? limit)
    {
        if (Inbox.CheckPageSize(limit) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var rows = await notifications.ListAsync(InboxesOf(user), unreadOnly ?? false, limit ?? Inbox.DefaultPageSize);
        return TypedResults.Ok(rows.Select(r => new NotificationResponse(r.Id, r.Kind, r.Title, r.Body, r.SubjectId, r.CreatedAt, r.ReadAt)).ToList());
    }

    /// <summary>Đánh dấu một thông báo của tôi là đã đọc; đọc lại không đổi thời điểm đọc đầu tiên.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, NotificationStore notifications, CurrentUser user) =>
        await notifications.MarkReadAsync(id, InboxesOf(user)) ? TypedResults.NoContent() : Inbox.NotFound.ToProblem();

    private static IReadOnlyList<string> InboxesOf(CurrentUser user) => Inbox.Of(
        user.Id, user.OrganizationId,
        user.IsInRole(PlatformRoles.UnitOfficer) || user.IsInRole(PlatformRoles.MemberOrganizationOfficer));
}
