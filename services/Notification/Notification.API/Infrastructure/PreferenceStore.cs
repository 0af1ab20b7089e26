using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>A person's notification preferences (tùy chọn nhận thông báo).</summary>
public sealed class PreferenceStore
{
    /// <summary>Where a notice of <paramref name="kind"/> goes besides the inbox, for this person now.</summary>
    public Task<DeliveryPlan> PlanAsync(DatabaseSession session, Notice notice, NotificationKind kind, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(notice.Contact.Email is { Length: > 0 } email && kind.Defaults.ContainsKey(NotificationChannels.Email)
            ? new DeliveryPlan([new ChannelStep(NotificationChannels.Email, email, now)], false)
            : DeliveryPlan.InboxOnly);
}
