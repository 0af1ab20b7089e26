using DoanKetSangTao.ServiceDefaults.Messaging;

namespace DoanKetSangTao.Contracts.IntegrationEvents;

// What appraisal councils decide, published by the appraisal service and acted on by registration
// (the initiative's status), awards, reporting and notification.

/// <summary>A council opened a case for a dossier version (hồ sơ được tiếp nhận thẩm định).</summary>
public sealed record AppraisalCaseOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid CouncilId,
    string CouncilLevel,
    Guid InitiativeId,
    int DossierVersion) : IIntegrationEvent;

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

/// <summary>
/// The council's decision (quyết định công nhận): recognized at its level or not, with its number and date.
/// A central council's recognition is the national one ("Người Việt đoàn kết sáng tạo"). A dossier the council rejects
/// at screening (an exclusion, a missing condition, a duplicate) is announced the same way, not recognized, with the
/// council's minutes number and the ground in <see cref="PublishedComment"/>. The campaign, area and title are carried
/// so that reporting and awards need not ask registration.
/// </summary>
public sealed record AppraisalDecisionMade(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid CouncilId,
    string CouncilLevel,
    Guid InitiativeId,
    bool Recognized,
    decimal? AggregateScore,
    string? Grade,
    string DecisionNumber,
    DateOnly DecisionDate,
    string? PublishedComment,
    Guid? CampaignId = null,
    string? ProvinceCode = null,
    string? CommuneCode = null,
    string? Title = null) : IIntegrationEvent;

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

/// <summary>
/// A member was assigned to score a case (phân công chấm hồ sơ). One event per newly assigned member, with what the
/// notification service needs to tell them: a member kept on a case is not told again.
/// </summary>
public sealed record AppraisalCaseAssigned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    Guid CouncilId,
    string CouncilName,
    Guid InitiativeId,
    string Title,
    Guid PersonId,
    string UserId,
    string FullName,
    string? Email) : IIntegrationEvent;
