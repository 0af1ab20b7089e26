using DoanKetSangTao.Contracts.IntegrationEvents;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace DoanKetSangTao.Messaging;

/// <summary>
/// Writes integration events into the service's outbox inside the caller's transaction, so that the
/// state change and its announcement commit or roll back together.
/// </summary>
public sealed class Outbox
{
    internal const string NotifyChannel = "dkst_outbox";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(IIntegrationEvent @event, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no open connection.");
        var activity = Activity.Current;
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO outbox_messages (id, message_type, payload, trace_parent, trace_state)
            VALUES (@Id, @Type, CAST(@Payload AS jsonb), @TraceParent, @TraceState);
            SELECT pg_notify('{NotifyChannel}', '');
            """,
            new
            {
                Id = @event.EventId,
                Type = MessageTypeRegistry.NameOf(@event.GetType()),
                Payload = JsonSerializer.Serialize(@event, @event.GetType(), Json),
                TraceParent = activity?.Id,
                TraceState = activity?.TraceStateString,
            },
            transaction,
            cancellationToken: cancellationToken));
    }
}
