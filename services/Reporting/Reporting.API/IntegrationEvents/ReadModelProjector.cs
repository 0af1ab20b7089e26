using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.IntegrationEvents;

/// <summary>
/// What each consumed event does to reporting's read models, in one place, so that a consumer (live) and the rebuild from the
/// event history (<c>rebuild-read-models</c>) apply exactly the same thing.
/// </summary>
public sealed class ReadModelProjector(
    InitiativeCountStore counts, AppraisalOutcomeStore outcomes, CommendationCountStore commendations, FactStore facts, ILogger<ReadModelProjector> logger)
{
    public async Task ApplyAsync(IIntegrationEvent message, DatabaseSession session, CancellationToken ct)
    {
        switch (message)
        {
            case InitiativeRegistered e:
                await counts.CountRegistrationAsync(session, e, ct);
                await facts.ApplyStatusAsync(session, new FactChange(e.InitiativeId, e.CampaignId, e.Kind, e.ContentType, e.MovementArea, e.Field,
                    InitiativeStatuses.Registered, e.OrganizationId, e.MemberOrganizationId, e.ProvinceCode, e.CommuneCode, e.OccurredAt), ct);
                break;
            case InitiativeStatusChanged e:
                await facts.ApplyStatusAsync(session, new FactChange(e.InitiativeId, e.CampaignId, e.Kind, e.ContentType, e.MovementArea, e.Field,
                    e.ToStatus, e.OrganizationId, e.MemberOrganizationId, e.ProvinceCode, e.CommuneCode, e.OccurredAt), ct);
                break;
            case InitiativeReplicated e:
                await facts.ApplyReplicationAsync(session, e.ReplicationId, e.InitiativeId, e.ProvinceCode, e.CommuneCode, e.Since, ct);
                break;
            case AppraisalDecisionMade e:
                // A decision without campaign and area cannot be placed in any report.
                if (!e.CanBeFiledByArea())
                {
                    logger.LogWarning(
                        "Decision event {EventId} for initiative {InitiativeId} lacks a campaign, area or known council level ({Level}); not counted in reports",
                        e.EventId, e.InitiativeId, e.CouncilLevel);
                    return;
                }

                await outcomes.RecordDecisionAsync(session, e, ct);
                await facts.RefreshAsync(session, [e.InitiativeId], ct);
                break;
            case InitiativeNominated e:
                if (e.FromLevel is not (CouncilLevels.Commune or CouncilLevels.Province) || e.ToLevel is not (CouncilLevels.Province or CouncilLevels.Central))
                {
                    logger.LogWarning("Nomination event {EventId} for initiative {InitiativeId} names levels {From} → {To}, which reports do not know; not counted",
                        e.EventId, e.InitiativeId, e.FromLevel, e.ToLevel);
                    return;
                }

                await outcomes.RecordNominationAsync(session, e, ct);
                await facts.RefreshAsync(session, [e.InitiativeId], ct);
                break;
            case CommendationDecided e:
                await commendations.RecordAsync(session, e, ct);
                await facts.RefreshAsync(session, e.Recipients.Where(r => r.InitiativeId is not null).Select(r => r.InitiativeId!.Value), ct);
                break;
            case CertificateRevoked e:
                await commendations.RevokeAsync(session, e, ct);
                await facts.RefreshAsync(session, await facts.InitiativesOfRecipientAsync(session, e.RecipientId, ct), ct);
                break;
            default:
                throw new InvalidOperationException($"Reporting has no projection for {message.GetType().Name}.");
        }
    }
}

/// <summary>
/// A reporting consumer: idempotent (the inbox), records the event in the history and applies it to the read models, all in one
/// transaction, so a redelivered event changes no figure and the history holds exactly what the figures were built from.
/// </summary>
public abstract class RecordedConsumer<TEvent>(ServiceDatabase database, EventHistoryStore history, ReadModelProjector projector, ILogger logger)
    : IdempotentConsumer<TEvent>(database, logger)
    where TEvent : class, IIntegrationEvent
{
    protected override async Task HandleAsync(TEvent message, DatabaseSession session, CancellationToken cancellationToken)
    {
        await history.RecordAsync(session, message, cancellationToken);
        await projector.ApplyAsync(message, session, cancellationToken);
    }
}
