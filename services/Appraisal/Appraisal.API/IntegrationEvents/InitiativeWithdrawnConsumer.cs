using Dapper;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.IntegrationEvents;

/// <summary>
/// Rút sáng kiến: closes every open case of the withdrawn initiative (screening, admitted or returned, at any level) with
/// when and why, in the audit trail, and remembers the withdrawal so that no case is opened for it afterwards. A case
/// already decided or rejected keeps its outcome. Applied once (the inbox); a redelivery finds nothing left to close.
/// </summary>
public sealed class InitiativeWithdrawnConsumer(NpgsqlDataSource db, ILogger<InitiativeWithdrawnConsumer> logger)
    : IdempotentConsumer<InitiativeWithdrawn>(db, logger)
{
    protected override async Task HandleAsync(InitiativeWithdrawn message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        // Serialized with intake in the campaign: a case being opened at this moment is either seen here and closed, or sees
        // the withdrawal and is not opened.
        await CaseIntake.LockCampaignAsync(transaction, message.CampaignId, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO withdrawn_initiatives (initiative_id, withdrawn_at, reason, withdrawn_by, source_event_id)
            VALUES (@InitiativeId, @At, @Reason, @WithdrawnBy, @EventId) ON CONFLICT (initiative_id) DO NOTHING
            """,
            new { message.InitiativeId, At = message.OccurredAt.UtcDateTime, message.Reason, message.WithdrawnBy, message.EventId },
            transaction, cancellationToken: cancellationToken));
        var open = (await connection.QueryAsync<(Guid Id, Guid CouncilId, string State)>(new CommandDefinition(
            """
            SELECT id, council_id, state FROM appraisal_cases
            WHERE initiative_id = @InitiativeId AND state IN ('screening', 'admitted', 'returned') FOR UPDATE
            """, new { message.InitiativeId }, transaction, cancellationToken: cancellationToken))).AsList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE appraisal_cases SET state = 'withdrawn', withdrawn_at = @At, withdrawal_reason = @Reason, updated_at = now() WHERE id = ANY(@Ids)",
            new { Ids = open.Select(c => c.Id).ToArray(), At = message.OccurredAt.UtcDateTime, message.Reason }, transaction, cancellationToken: cancellationToken));
        foreach (var (id, councilId, state) in open)
        {
            await AuditTrail.RecordAsync(transaction, councilId, id, "case_withdrawn", message.WithdrawnBy,
                new { FromState = state, message.Reason, WithdrawnAt = message.OccurredAt }, message.OccurredAt, cancellationToken);
        }

        await SimilarInitiatives.RefreshStageAsync(transaction, message.InitiativeId, cancellationToken);
    }
}
