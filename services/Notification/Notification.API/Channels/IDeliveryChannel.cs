using DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Notification.API.Channels;

/// <summary>One message for one channel, rendered with the template in force when it is sent.</summary>
/// <param name="DeliveryId">Stable across retries: providers that take an idempotency or tracking id get this one.</param>
public sealed record OutgoingMessage(Guid DeliveryId, string Address, string RecipientName, RenderedMessage Content);

/// <summary>What the provider answered when it accepted the message: its id for the message, for the delivery log.</summary>
public sealed record ChannelReceipt(string? ProviderMessageId);

/// <summary>
/// A provider refused the message. <see cref="Permanent"/>: retrying will not change it (an invalid number, a template the
/// provider does not know), so the next channel is tried at once; otherwise the delivery waits in backoff.
/// <see cref="Code"/> is the provider's own code, for the delivery log.
/// </summary>
public sealed class ChannelRefusedException(string code, string message, bool permanent) : Exception(message)
{
    public string Code { get; } = code;

    public bool Permanent { get; } = permanent;
}

/// <summary>
/// An outbound channel's adapter (e-mail over SMTP, SMS through a brandname gateway, Zalo ZNS). Registered only when the
/// operator configured it: no outbound call to a provider nobody set up. The queue, retries, log, fallback and limits are
/// the <see cref="Workers.DeliverySender"/>'s; an adapter only sends.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>One of <see cref="Domain.NotificationChannels"/>' outbound channels.</summary>
    string Channel { get; }

    /// <summary>How many messages per second the provider accepts (its rate limit), and per day (its quota); null: no limit.</summary>
    ChannelLimits Limits { get; }

    /// <summary>Opens whatever several sends share (an SMTP connection); disposed at the end of the batch.</summary>
    Task<IChannelSession> OpenAsync(CancellationToken cancellationToken);
}

public sealed record ChannelLimits(double? PerSecond, int? PerDay)
{
    public static readonly ChannelLimits None = new(null, null);
}

/// <summary>Sends messages of one batch; throws <see cref="ChannelRefusedException"/> or a transport error when one fails.</summary>
public interface IChannelSession : IAsyncDisposable
{
    Task<ChannelReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
