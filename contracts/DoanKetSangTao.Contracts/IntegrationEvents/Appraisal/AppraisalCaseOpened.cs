namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>A council opened a case for a dossier version (hồ sơ được tiếp nhận thẩm định).</summary>
public sealed record AppraisalCaseOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid CouncilId,
    string CouncilLevel,
    Guid InitiativeId,
    int DossierVersion) : IIntegrationEvent;
