using DoanKetSangTao.Contracts;
using DoanKetSangTao.Notification.API.Workers;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.Notification.API.IntegrationEvents;
using DoanKetSangTao.Data;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Notification.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "notification";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        builder.Services.AddSingleton<NotificationStore>();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value, x =>
        {
            x.AddConsumer<InitiativeRegisteredConsumer>();
            x.AddConsumer<InitiativeStatusChangedConsumer>();
            x.AddConsumer<AppraisalCaseAssignedConsumer>();
            x.AddConsumer<AccountMessageRequestedConsumer>();
            x.AddConsumer<CommendationDecidedConsumer>();
            x.AddConsumer<CertificateIssuedConsumer>();
            x.AddConsumer<CertificateRevokedConsumer>();
        });
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        builder.Services.AddSingleton<EmailDeliveryStore>();
        builder.Services.AddClaimedQueue<EmailSender, EmailDeliveryStore.DeliveryRow>();
        return builder;
    }
}
