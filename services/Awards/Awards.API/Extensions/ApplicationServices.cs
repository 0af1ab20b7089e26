using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Awards.API.IntegrationEvents;
using DoanKetSangTao.Contracts;
using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "awards";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        builder.Services.AddSingleton<AwardTypeStore>();
        builder.Services.AddSingleton<CommendationCandidateStore>();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value, x => x.AddConsumer<AppraisalDecisionMadeConsumer>());
        return builder;
    }
}
