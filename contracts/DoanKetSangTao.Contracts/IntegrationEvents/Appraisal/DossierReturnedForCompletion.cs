namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// The council returned the dossier for completion (trả hồ sơ để bổ sung), with the reasons. <see cref="CouncilLevel"/>
/// (commune, province, central) is null in events published before it was added.
/// </summary>
public sealed record DossierReturnedForCompletion(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid CouncilId,
    Guid InitiativeId,
    int DossierVersion,
    string Reason,
    string ReturnedBy,
    string? CouncilLevel = null) : IIntegrationEvent;
