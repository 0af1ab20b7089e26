using DoanKetSangTao.Files;
using DoanKetSangTao.Contracts;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.Reporting.API.IntegrationEvents;
using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Reporting.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "reporting";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        // Attachments of periodic reports and conference contributions (building-blocks/Files; the database store unless Files:Store says folder).
        builder.AddPlatformFileStorage();
        builder.AddHierarchy();
        builder.AddPeriodicReports();
        builder.AddTimeliness();
        builder.Services.AddSingleton<InitiativeCountStore>();
        builder.Services.AddSingleton<AppraisalOutcomeStore>();
        builder.Services.AddSingleton<CommendationCountStore>();
        builder.AddStatisticsServices();
        builder.AddReviewConferences();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value, x =>
        {
            x.AddConsumer<InitiativeRegisteredConsumer>();
            x.AddConsumer<AppraisalDecisionMadeConsumer>();
            x.AddConsumer<InitiativeNominatedConsumer>();
            x.AddConsumer<CommendationDecidedConsumer>();
            x.AddConsumer<CertificateRevokedConsumer>();
            x.AddConsumer<ReportCampaignConsumer>();
            x.AddStatisticsConsumers();
        });
        return builder;
    }
}
