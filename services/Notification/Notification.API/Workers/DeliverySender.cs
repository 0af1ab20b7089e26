using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Notification.API.Channels;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Notification.API.Workers;

public sealed class DeliveryOptions
{
    /// <summary>Deliveries one sender claims at a time: small, so that a dead sender's claim runs out soon.</summary>
    public int BatchSize { get; set; } = 5;

    /// <summary>The longest one send may take (connect, authenticate, hand over); every adapter gives up after it.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Tries on one channel before the delivery is dead-lettered (an operator can replay it) and the next channel is tried.</summary>
    public int MaxAttempts { get; set; } = 12;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Quiet hours for SMS and Zalo, Vietnam time.</summary>
    public TimeOnly QuietFrom { get; set; } = QuietHours.Default.Starts;

    public TimeOnly QuietUntil { get; set; } = QuietHours.Default.Ends;

    public QuietHours QuietHours => new(QuietFrom, QuietUntil);

    /// <summary>
    /// How long a claim holds its deliveries: every one of the batch may take the whole send timeout. A sender that dies
    /// mid-batch leaves them due again after this (about 2 minutes), not after the 12.5 minutes of before.
    /// </summary>
    public TimeSpan Lease => SendTimeout * (BatchSize + 1);
}

/// <summary>
/// Gửi tin: one channel's side of the <see cref="ClaimedQueueWorker{TItem}"/> (one sender per configured channel; replicas
/// share the queue). Deliveries are claimed with a short lease, rendered with the template in force, sent outside any
/// transaction at no more than the provider's rate, and each outcome recorded on its own the moment it is known: the
/// provider's acceptance first of all. Transient failures wait in backoff (held past quiet hours for SMS and Zalo); a
/// permanent refusal or the last try hands over to the next channel; the daily quota holds the rest until tomorrow.
/// </summary>
public sealed class DeliverySender : IClaimedQueue<DeliveryStore.DeliveryRow>, IDisposable
{
    public const string DeliveriesMetricName = "dkst.notification.deliveries";

    private static readonly Counter<long> Deliveries = PlatformTelemetry.Meter.CreateCounter<long>(
        DeliveriesMetricName, "{message}", "Delivery attempts, by channel and outcome (sent, retry, failed, dead).");

    private readonly IDeliveryChannel channel;
    private readonly DeliveryStore deliveries;
    private readonly TemplateRenderer templates;
    private readonly DeliveryOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly RateLimiter? rate;

    public DeliverySender(IDeliveryChannel channel, DeliveryStore deliveries, TemplateRenderer templates, IOptions<DeliveryOptions> options,
        TimeProvider clock, ILogger<DeliverySender> logger)
    {
        this.channel = channel;
        this.deliveries = deliveries;
        this.templates = templates;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        rate = channel.Limits.PerSecond is { } perSecond and > 0 ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(perSecond)),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perSecond)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(perSecond)) / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }) : null;
    }

    public string Channel => channel.Channel;

    public QueueSettings Settings => new($"Deliveries ({channel.Channel})", DeliveryStore.SignalOf(channel.Channel), options.PollInterval, options.MaxAttempts);

    public async Task<IClaimedBatch<DeliveryStore.DeliveryRow>> ClaimAsync(CancellationToken ct)
    {
        // The quota is per day in Vietnam, counted across replicas on what is sent or in flight: what is over it waits,
        // unclaimed, for midnight.
        var rows = channel.Limits.PerDay is { } perDay
            ? await deliveries.ClaimWithinQuotaAsync(channel.Channel, options.BatchSize, perDay, VietnamMidnight(clock.GetUtcNow()), options.Lease, ct)
            : await deliveries.ClaimAsync(channel.Channel, options.BatchSize, options.Lease, ct);
        return new Batch(this, rows.Count == 0 ? null : await channel.OpenAsync(ct), rows);
    }

    public QueueFailureKind Classify(Exception error) => error is ChannelRefusedException { Permanent: true } ? QueueFailureKind.Permanent : QueueFailureKind.Retry;

    public void Dispose() => rate?.Dispose();

    private static DateTimeOffset VietnamMidnight(DateTimeOffset now)
    {
        var local = now.ToOffset(TimeSpan.FromHours(7));
        // Npgsql writes only UTC offsets to timestamptz.
        return new DateTimeOffset(local.Date, TimeSpan.FromHours(7)).ToUniversalTime();
    }

    private async Task SendAsync(IChannelSession session, DeliveryStore.DeliveryRow row, CancellationToken ct)
    {
        var content = row.Kind is null
            ? new RenderedMessage(row.Subject, row.Body ?? string.Empty)
            : await templates.RenderAsync(row.Kind, channel.Channel, row.Values, ct);
        if (rate is not null)
        {
            using var lease = await rate.AcquireAsync(1, ct);
        }

        // Not cut by shutdown once begun: a message handed over is recorded, not left to be sent again after the lease.
        using var timeout = new CancellationTokenSource(options.SendTimeout);
        var receipt = await session.SendAsync(new OutgoingMessage(row.Id, row.Address, row.RecipientName, content), timeout.Token);
        await deliveries.RecordSentAsync(row, receipt.ProviderMessageId, CancellationToken.None);
        Deliveries.Add(1, new("channel", channel.Channel), new("outcome", "sent"));
    }

    private async Task FailAsync(DeliveryStore.DeliveryRow row, QueueFailure failure)
    {
        var status = !failure.GivesUp ? "pending" : failure.Error is ChannelRefusedException { Permanent: true } ? "failed" : "dead";
        var error = failure.Error is ChannelRefusedException refused ? $"{refused.Code}: {failure.ErrorText}" : failure.ErrorText;
        logger.LogWarning("Delivery {DeliveryId} by {Channel} failed on attempt {Attempt} ({Status}): {Error}", row.Id, channel.Channel, failure.Attempt, status, error);
        var next = options.QuietHours.NextAllowed(failure.NextAttemptAt, channel.Channel);
        await deliveries.RecordFailureAsync(row, status, failure.Attempt, error, next, CancellationToken.None);
        Deliveries.Add(1, new("channel", channel.Channel), new("outcome", status == "pending" ? "retry" : status));
    }

    /// <summary>
    /// A claim and the channel session it shares. When the sender stops before settling every delivery (shutdown), it
    /// gives the rest back at once: another replica, or this one restarted, sends them without waiting for the lease.
    /// </summary>
    private sealed class Batch(DeliverySender sender, IChannelSession? session, IReadOnlyList<DeliveryStore.DeliveryRow> items) : IClaimedBatch<DeliveryStore.DeliveryRow>
    {
        private readonly HashSet<Guid> settled = [];

        public IReadOnlyList<DeliveryStore.DeliveryRow> Items => items;

        public Task ProcessAsync(DeliveryStore.DeliveryRow item, CancellationToken ct) => sender.SendAsync(session!, item, ct);

        public Task CompleteAsync(DeliveryStore.DeliveryRow item, CancellationToken ct) // recorded as soon as accepted
        {
            settled.Add(item.Id);
            return Task.CompletedTask;
        }

        public async Task FailAsync(DeliveryStore.DeliveryRow item, QueueFailure failure, CancellationToken ct)
        {
            await sender.FailAsync(item, failure);
            settled.Add(item.Id);
        }

        public Task CommitAsync(CancellationToken ct) =>
            settled.Count == items.Count ? Task.CompletedTask : sender.deliveries.ReleaseAsync(items.Select(i => i.Id).Where(id => !settled.Contains(id)).ToList(), ct);

        public async ValueTask DisposeAsync()
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }
}
