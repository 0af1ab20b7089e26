using DoanKetSangTao.Contracts;
using DoanKetSangTao.Notification.API.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
            x.AddConsumer<CampaignDeadlineSetConsumer>();
            x.AddConsumer<RegistrationActedConsumer>();
            x.AddConsumer<DossierActedConsumer>();
            x.AddConsumer<DossierSubmittedConsumer>();
            x.AddConsumer<AppraisalCaseOpenedConsumer>();
            x.AddReportConsumers();
            x.AddConsumer<ReviewConferenceInvitedConsumer>();
            x.AddConsumer<ReviewConferenceChangedConsumer>();
            x.AddConsumer<ConferenceContributionDueSoonConsumer>();
        });
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton<PreferenceStore>();
        builder.Services.AddSingleton<DigestStore>();
        builder.Services.Configure<DigestOptions>(builder.Configuration.GetSection("Digests"));
        builder.Services.AddClaimedQueue<DigestSender, DigestStore.DigestRow>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddSingleton<DeliveryStore>();
        builder.Services.AddSingleton<DeliveryLogStore>();
        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection("Deliveries"));
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        builder.Services.AddSingleton<IDeliveryChannel, EmailChannel>();
        // SMS and Zalo: registered only when their provider is configured (Sms, Zalo sections).
        builder.AddProviderChannels();
        builder.AddDeliverySenders();
        builder.AddReminders();
        builder.AddReportReminders();
        return builder;
    }

    /// <summary>One sender per configured channel (<see cref="IDeliveryChannel"/>), each run by its own queue worker.</summary>
    private static void AddDeliverySenders(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => sp.GetServices<IDeliveryChannel>()
            .Select(channel => ActivatorUtilities.CreateInstance<DeliverySender>(sp, channel)).ToList());
        builder.Services.AddSingleton<IHostedService>(sp => new DeliveryWorkers(sp));
    }
}
