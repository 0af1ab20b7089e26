using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Thư về tài khoản: the identity service's letters (confirm the e-mail, reset the password, set a first password), queued
/// for the e-mail channel in the inbox's transaction so a redelivered event sends no second letter. They cannot be muted:
/// no preference of the person is consulted, since the letter is what lets them into their account.
/// </summary>
public sealed class AccountMessageRequestedConsumer(ServiceDatabase database, ILogger<AccountMessageRequestedConsumer> logger)
    : IdempotentConsumer<AccountMessageRequested>(database, logger)
{
    protected override Task HandleAsync(AccountMessageRequested message, DatabaseSession session, CancellationToken cancellationToken) =>
        EmailDeliveryStore.EnqueueAsync(session, notificationId: null, message.Email, message.FullName, message.Subject,
            Notice.LetterTo(message.FullName, message.Body), cancellationToken);
}
