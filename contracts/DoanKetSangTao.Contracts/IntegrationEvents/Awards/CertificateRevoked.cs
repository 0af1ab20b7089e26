namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// A certificate no longer holds: its decision was revoked (thu hồi, with the revoking decision's number) or
/// superseded (thay thế) by another. Its verification page says so from this moment.
/// </summary>
public sealed record CertificateRevoked(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VerificationCode,
    Guid DecisionId,
    Guid RecipientId,
    string? AccountId,
    string? Email,
    string DecisionNumber,
    string Reason,
    bool Superseded) : IIntegrationEvent;
