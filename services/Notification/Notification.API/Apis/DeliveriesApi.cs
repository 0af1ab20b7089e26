using DoanKetSangTao.Domain;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Notification.API.Apis;

public sealed record DeliveryResponse(
    Guid Id, Guid? NotificationId, string? Kind, string Channel, string Address, string Status, int Attempts, string? LastError,
    string? ProviderMessageId, Guid? FallbackOf, DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt);

public sealed record DeliveryAttemptResponse(int Attempt, string Channel, string Outcome, string? ProviderMessageId, string? Error, DateTime At);

public sealed record DeliveryDetailResponse(DeliveryResponse Delivery, IReadOnlyList<DeliveryAttemptResponse> Attempts);

/// <summary>Nhật ký gửi tin for operators: every message per channel with the provider's id and status, and the replay of dead letters.</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notification-deliveries").WithTags("Nhật ký gửi tin (notification deliveries)")
            .RequireRoles(PlatformRoles.Operator);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPost("/{id:guid}/replay", Replay);
        return api;
    }

    /// <summary>Lượt gửi mới nhất trước, lọc theo trạng thái (<c>dead</c>: thư chết chờ gửi lại), kênh và địa chỉ người nhận.</summary>
    public static async Task<Results<Ok<List<DeliveryResponse>>, ProblemHttpResult>> List(
        DeliveryLogStore log, string? status, string? channel, string? address, int? limit, CancellationToken ct)
    {
        if (DeliveryLog.CheckFilters(status, channel, address, limit) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var rows = await log.ListAsync(status, channel, address, limit ?? DeliveryLog.DefaultPageSize, ct);
        return TypedResults.Ok(rows.Select(ToResponse).ToList());
    }

    /// <summary>Một lượt gửi với từng lần thử: kết quả, mã của nhà cung cấp, lỗi.</summary>
    public static async Task<Results<Ok<DeliveryDetailResponse>, ProblemHttpResult>> Get(Guid id, DeliveryLogStore log, CancellationToken ct) =>
        await log.GetAsync(id, ct) is { } found
            ? TypedResults.Ok(new DeliveryDetailResponse(ToResponse(found.Delivery),
                found.Attempts.Select(a => new DeliveryAttemptResponse(a.Attempt, a.Channel, a.Outcome, a.ProviderMessageId, a.Error, a.At)).ToList()))
            : DeliveryLog.NotFound.ToProblem();

    /// <summary>
    /// Gửi lại một lượt gửi đã thất bại hoặc đã dừng (thư chết), với số lần thử mới; từ chối khi thông báo đã đến, hoặc
    /// đang được gửi, qua kênh khác.
    /// </summary>
    public static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> Replay(Guid id, DeliveryLogStore log, CurrentUser user, CancellationToken ct)
    {
        if (await log.GetAsync(id, ct) is not { } found)
        {
            return DeliveryLog.NotFound.ToProblem();
        }

        if (DeliveryLog.CheckReplay(found.Delivery.Status, await log.DeliveredElsewhereAsync(found.Delivery, ct)) is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (!await log.ReplayAsync(id, found.Delivery.Status, user.Id, ct))
        {
            return DeliveryLog.CheckReplay(DeliveryLog.Pending, false)!.ToProblem(); // replayed by someone else meanwhile
        }

        var replayed = (await log.GetAsync(id, ct))!.Value.Delivery;
        return TypedResults.Accepted($"/api/v1/notification-deliveries/{id}", ToResponse(replayed));
    }

    private static DeliveryResponse ToResponse(DeliveryLogRow r) => new(
        r.Id, r.NotificationId, r.Kind, r.Channel, r.Address, r.Status, r.Attempts, r.LastError, r.ProviderMessageId, r.FallbackOf, r.CreatedAt, r.SentAt, r.NextAttemptAt);
}
