using DoanKetSangTao.ServiceDefaults.Telemetry;
using System.Diagnostics.Metrics;
using MassTransit;

namespace DoanKetSangTao.Messaging;

/// <summary>
/// What an operator watches on the consuming side: how many messages each service consumed (and how many failed)
/// and how old a message was when its consumer got it, the lag that grows when consumers fall behind the broker.
/// </summary>
internal sealed class ConsumeMetrics : IConsumeObserver
{
    public const string ConsumedName = "dkst.messaging.consumed";
    public const string LagName = "dkst.messaging.consume_lag";

    private static readonly Counter<long> Consumed = PlatformTelemetry.Meter.CreateCounter<long>(
        ConsumedName, "{message}", "Messages handed to a consumer, by message type and outcome (ok, fault).");

    private static readonly Histogram<double> Lag = PlatformTelemetry.Meter.CreateHistogram<double>(
        LagName, "s", "Time from a message's publication to the start of its consumption.");

    private readonly TimeProvider clock;

    public ConsumeMetrics(TimeProvider clock) => this.clock = clock;

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.SentTime is { } sent)
        {
            var age = clock.GetUtcNow().UtcDateTime - sent.ToUniversalTime();
            Lag.Record(Math.Max(0, age.TotalSeconds), new KeyValuePair<string, object?>("message_type", typeof(T).Name));
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        Consumed.Add(1, new("message_type", typeof(T).Name), new("outcome", "ok"));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        Consumed.Add(1, new("message_type", typeof(T).Name), new("outcome", "fault"));
        return Task.CompletedTask;
    }
}
