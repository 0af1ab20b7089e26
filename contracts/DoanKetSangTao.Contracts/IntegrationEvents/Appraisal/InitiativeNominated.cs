namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>A council nominated a recognized initiative to the council of the level above (đề cử lên cấp trên).</summary>
public sealed record InitiativeNominated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid FromCouncilId,
    string FromLevel,
    string ToLevel,
    Guid InitiativeId,
    Guid? ToCouncilId = null) : IIntegrationEvent;
