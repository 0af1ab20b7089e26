namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Quyết định khen thưởng đã ban hành: an issuing body (a Front committee or a member organization at a level) issued a
/// numbered commendation decision. Carries each recipient with what notification needs to tell them and their unit
/// (account, e-mail, organization) and what reporting counts by (level, form, area, organization).
/// </summary>
public sealed record CommendationDecided(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid DecisionId,
    string IssuingBodyKey,
    string IssuingBodyName,
    string Level,
    string? ProvinceCode,
    string? CommuneCode,
    string DecisionNumber,
    DateOnly DecisionDate,
    string AwardTypeCode,
    string AwardTypeName,
    IReadOnlyList<CommendedRecipient> Recipients) : IIntegrationEvent;

/// <summary>
/// Một người hoặc tập thể được khen thưởng, as events carry them. <see cref="ProposedBy"/> is the account that sent the
/// proposal naming them (their unit's officer), when they came from one; <see cref="OrganizationId"/> is their unit
/// (the unit of the initiative they are commended for, or the organization that proposed them): both are told.
/// </summary>
public sealed record CommendedRecipient(
    Guid RecipientId,
    string Kind,
    string FullName,
    string? AccountId,
    string? Email,
    string? OrganizationName,
    string ProvinceCode,
    string? CommuneCode,
    Guid? InitiativeId,
    decimal? Amount,
    string? ProposedBy = null,
    Guid? OrganizationId = null);
