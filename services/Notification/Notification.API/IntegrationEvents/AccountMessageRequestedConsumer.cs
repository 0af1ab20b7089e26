using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Thư về tài khoản: the identity service's letters (confirm the e-mail, reset the password, set a first password), queued
/// for the e-mail channel in the inbox's transaction so a redelivered event sends no second letter. They cannot be muted
/// (account security), and go by e-mail only: a person who has no account yet has no inbox.
/// </summary>
public sealed class AccountMessageRequestedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ILogger<AccountMessageRequestedConsumer> logger)
    : IdempotentConsumer<AccountMessageRequested>(database, logger)
{
    protected override Task HandleAsync(AccountMessageRequested message, DatabaseSession session, CancellationToken cancellationToken) =>
        notifications.SendAsync(session, new Notice(NotificationKinds.AccountLetterKind, $"email:{message.Email.ToLowerInvariant()}", message.FullName,
            new Contact(message.Email), null, new Dictionary<string, string> { ["subject"] = message.Subject, ["body"] = message.Body }),
            message.EventId, cancellationToken);
}
