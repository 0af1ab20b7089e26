using DoanKetSangTao.Contracts.IntegrationEvents;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.Messaging;

/// <summary>
/// A consumer whose effect happens at most once per event: the event id is recorded in the inbox in
/// the same transaction as the effect. A redelivery (broker redelivery, outbox re-publish, replay from
/// <c>_error</c>) finds the id already there and does nothing. Concurrent duplicates serialize on the
/// inbox's primary key. The inbox row counts the deliveries, so a redelivery leaves a trace (<c>deliveries</c>).
/// </summary>
public abstract class IdempotentConsumer<TEvent>(ServiceDatabase database, ILogger logger) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var ct = context.CancellationToken;
        await using var session = await database.BeginAsync(ct);
        var first = await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox_messages (message_id, consumer) VALUES (@Id, @Consumer) ON CONFLICT DO NOTHING",
            new { Id = context.Message.EventId, Consumer = GetType().FullName }, session.Tx, cancellationToken: ct));
        if (first == 0)
        {
            // Counted on the inbox row: the evidence that the redelivery arrived and was ignored.
            await session.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE inbox_messages SET deliveries = deliveries + 1 WHERE message_id = @Id AND consumer = @Consumer",
                new { Id = context.Message.EventId, Consumer = GetType().FullName }, session.Tx, cancellationToken: ct));
            await session.CommitAsync(ct);
            logger.LogInformation("Event {EventId} already handled by {Consumer}; ignoring the redelivery", context.Message.EventId, GetType().Name);
            return;
        }

        await HandleAsync(context.Message, session, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>The effect, written by the stores through <paramref name="session"/> (and any events through its outbox), in the inbox row's transaction.</summary>
    protected abstract Task HandleAsync(TEvent message, DatabaseSession session, CancellationToken cancellationToken);
}
