namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// A council opened a case for a dossier version (hồ sơ được tiếp nhận thẩm định): a new dossier, a version resubmitted after
/// a return (<see cref="DossierVersion"/> &gt; 1), or an initiative nominated by the council below
/// (<see cref="NominatedFromLevel"/>). Carries the council's name and its secretaries, who keep the case, and the
/// initiative's title; all null in events published before they were added.
/// </summary>
public sealed record AppraisalCaseOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid CouncilId,
    string CouncilLevel,
    Guid InitiativeId,
    int DossierVersion,
    string? CouncilName = null,
    string? Title = null,
    IReadOnlyList<CouncilSecretary>? Secretaries = null,
    string? NominatedFromLevel = null) : IIntegrationEvent;
