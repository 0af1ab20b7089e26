namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Rút sáng kiến: the author withdrew the initiative in registration, before any decision. Appraisal closes the open cases
/// of the initiative (none is opened for it afterwards) and refuses every act on them. Published with the
/// <see cref="InitiativeStatusChanged"/> of the same transition, in the same transaction.
/// </summary>
public sealed record InitiativeWithdrawn(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid InitiativeId,
    Guid CampaignId,
    string Title,
    string Reason,
    string WithdrawnBy) : IIntegrationEvent;
