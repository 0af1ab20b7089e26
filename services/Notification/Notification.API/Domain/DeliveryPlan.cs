namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>One outbound channel to try, at the person's address there, not before <see cref="NotBefore"/> (quiet hours).</summary>
public sealed record ChannelStep(string Channel, string Address, DateTimeOffset NotBefore);

/// <summary>
/// Where a notice goes besides the inbox: the outbound channels in fallback order (the first is sent; the next only
/// when it fails), or nothing now because it waits for the person's digest.
/// </summary>
public sealed record DeliveryPlan(IReadOnlyList<ChannelStep> Steps, bool Digest)
{
    public static readonly DeliveryPlan InboxOnly = new([], false);
}
