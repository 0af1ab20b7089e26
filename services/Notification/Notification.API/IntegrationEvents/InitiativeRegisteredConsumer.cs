using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>Xác nhận đăng ký: tells the author, in the app and by e-mail, that their initiative was registered.</summary>
public sealed class InitiativeRegisteredConsumer(NpgsqlDataSource db, ILogger<InitiativeRegisteredConsumer> logger)
    : IdempotentConsumer<InitiativeRegistered>(db, logger)
{
    public const string Kind = "initiative_registered";

    protected override async Task HandleAsync(InitiativeRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var title = $"Đã đăng ký sáng kiến “{message.Title}”";
        var body = $"Sáng kiến “{message.Title}” của {message.ContactName} đã được ghi nhận vào lúc " +
                   $"{VietnamTime.FormatDateTime(message.OccurredAt)}. Đơn vị cấp trên sẽ xem xét và xác nhận trong thời gian tới.";
        await Notice.SendAsync(transaction, Kind, message.RegisteredBy, message.ContactEmail, message.ContactName, title, body, message.InitiativeId,
            message.EventId, cancellationToken);
    }
}
