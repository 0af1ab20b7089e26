namespace DoanKetSangTao.Contracts.IntegrationEvents;

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
