namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// The identity service needs an e-mail to reach a person about their account (confirm the address, reset the password,
/// an invitation to set one). The notification service sends it through its channel, and it cannot be muted: a person
/// who turned notices off still gets the letter that lets them into their account. <see cref="Body"/> holds a one-time link.
/// </summary>
public sealed record AccountMessageRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid AccountId,
    string Kind,
    string Email,
    string FullName,
    string Subject,
    string Body) : IIntegrationEvent
{
    public const string EmailConfirmation = "email_confirmation";
    public const string PasswordReset = "password_reset";
    public const string Invitation = "account_invitation";
}
