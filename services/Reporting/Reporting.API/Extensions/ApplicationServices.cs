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
        builder.Services.AddSingleton<InitiativeCountStore>();
        builder.Services.AddSingleton<AppraisalOutcomeStore>();
        builder.Services.AddSingleton<CommendationCountStore>();
        builder.AddReviewConferences();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value, x =>
        {
            x.AddConsumer<InitiativeRegisteredConsumer>();
            x.AddConsumer<AppraisalDecisionMadeConsumer>();
            x.AddConsumer<InitiativeNominatedConsumer>();
            x.AddConsumer<CommendationDecidedConsumer>();
            x.AddConsumer<CertificateRevokedConsumer>();
        });
        return builder;
    }
}
