using Dapper;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Apis;

public sealed record NotificationResponse(Guid Id, string Kind, string Title, string Body, Guid? SubjectId, DateTime CreatedAt, DateTime? ReadAt);

public static class NotificationsApi
{
    public const int MaxPageSize = 100;

    /// <summary>Everyone reads only their own inbox: the recipient is the token's subject, never a parameter.</summary>
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications").WithTags("Thông báo (notifications)").RequireAuthorization();
        api.MapGet("/", ListMine);
        api.MapPost("/{id:guid}/read", MarkRead);
        return api;
    }

    public static async Task<Results<Ok<List<NotificationResponse>>, ProblemHttpResult>> ListMine(
        NpgsqlDataSource db, CurrentUser user, bool? unreadOnly, int? limit)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["limit"] = [$"Số thông báo mỗi trang từ 1 đến {MaxPageSize}."] });
        }

        await using var connection = await db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<NotificationResponse>(
            """
            SELECT id AS Id, kind AS Kind, title AS Title, body AS Body, subject_id AS SubjectId, created_at AS CreatedAt, read_at AS ReadAt
            FROM notifications
            WHERE recipient_id = @RecipientId AND (NOT @UnreadOnly OR read_at IS NULL)
            ORDER BY created_at DESC LIMIT @Limit
            """, new { RecipientId = user.Id, UnreadOnly = unreadOnly ?? false, Limit = limit ?? 50 });
        return TypedResults.Ok(rows.ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, NpgsqlDataSource db, CurrentUser user)
    {
        await using var connection = await db.OpenConnectionAsync();
        var updated = await connection.ExecuteAsync(
            "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = @id AND recipient_id = @RecipientId",
            new { id, RecipientId = user.Id });
        return updated == 0
            ? Problems.NotFound("notification_not_found", "Không tìm thấy thông báo trong hộp thư của bạn.")
            : TypedResults.NoContent();
    }
}
