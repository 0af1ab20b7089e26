using System.Text.Json;
using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>
/// Lịch sử sự kiện (event history): every event reporting consumed, written in the consumer's transaction, in the order applied,
/// so the read models can be rebuilt from it (<c>rebuild-read-models</c>). An event is kept once, however often delivered.
/// </summary>
public sealed class EventHistoryStore
{
    /// <summary>The read models rebuilt from the history, emptied first; the inbox and the history themselves stay.</summary>
    public const string ReadModelTables =
        "initiative_counts, appraisal_outcomes, appraisal_nominations, commendation_facts, initiative_facts, replication_facts, initiative_stats";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync<TEvent>(DatabaseSession session, TEvent message, CancellationToken ct)
        where TEvent : IIntegrationEvent =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO event_history (event_id, event_type, occurred_at, payload) VALUES (@EventId, @type, @OccurredAt, @payload::jsonb)
            ON CONFLICT (event_id) DO NOTHING
            """,
            new { message.EventId, type = typeof(TEvent).Name, OccurredAt = message.OccurredAt.UtcDateTime, payload = JsonSerializer.Serialize(message, Json) },
            session.Tx, cancellationToken: ct));

    public Task<long> CountAsync(DatabaseSession session, CancellationToken ct) =>
        session.Connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM event_history", transaction: session.Tx, cancellationToken: ct));

    /// <summary>
    /// Locks the history against new events (consumers wait until the rebuild commits, then apply theirs on top) and empties the
    /// read models, in the rebuild's transaction: readers keep seeing the old figures until it commits.
    /// </summary>
    public Task ResetReadModelsAsync(DatabaseSession session, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            $"LOCK TABLE event_history IN SHARE MODE; TRUNCATE {ReadModelTables}", transaction: session.Tx, cancellationToken: ct));

    /// <summary>The history after <paramref name="afterSeq"/>, in the order it was applied, a page at a time.</summary>
    public async Task<IReadOnlyList<(long Seq, IIntegrationEvent Event)>> PageAsync(DatabaseSession session, long afterSeq, int limit, CancellationToken ct)
    {
        var rows = await session.Connection.QueryAsync<(long Seq, string Type, string Payload)>(new CommandDefinition(
            "SELECT seq, event_type, payload::text FROM event_history WHERE seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { afterSeq, limit }, session.Tx, cancellationToken: ct));
        return rows.Select(r => (r.Seq, Deserialize(r.Type, r.Payload))).ToList();
    }

    private static IIntegrationEvent Deserialize(string type, string payload) => type switch
    {
        nameof(InitiativeRegistered) => JsonSerializer.Deserialize<InitiativeRegistered>(payload, Json)!,
        nameof(InitiativeStatusChanged) => JsonSerializer.Deserialize<InitiativeStatusChanged>(payload, Json)!,
        nameof(InitiativeReplicated) => JsonSerializer.Deserialize<InitiativeReplicated>(payload, Json)!,
        nameof(AppraisalDecisionMade) => JsonSerializer.Deserialize<AppraisalDecisionMade>(payload, Json)!,
        nameof(InitiativeNominated) => JsonSerializer.Deserialize<InitiativeNominated>(payload, Json)!,
        nameof(CommendationDecided) => JsonSerializer.Deserialize<CommendationDecided>(payload, Json)!,
        nameof(CertificateRevoked) => JsonSerializer.Deserialize<CertificateRevoked>(payload, Json)!,
        _ => throw new InvalidOperationException($"The event history holds an event type reporting does not know: {type}."),
    };
}
