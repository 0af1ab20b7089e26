namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Giấy chứng nhận / giấy khen đã sẵn sàng: the certificate of one recipient of an issued decision is made and can be
/// downloaded; <see cref="VerificationCode"/> is the code of its public verification page.
/// </summary>
public sealed record CertificateIssued(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VerificationCode,
    Guid DecisionId,
    Guid RecipientId,
    string RecipientName,
    string? AccountId,
    string? Email,
    string DecisionNumber,
    string AwardTypeName) : IIntegrationEvent;
