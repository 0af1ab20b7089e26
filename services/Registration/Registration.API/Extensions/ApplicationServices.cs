using DoanKetSangTao.Contracts;
using DoanKetSangTao.Registration.API.Data;
using DoanKetSangTao.Registration.API.IntegrationEvents;
using DoanKetSangTao.ServiceDefaults.Data;
using DoanKetSangTao.ServiceDefaults.Files;
using DoanKetSangTao.ServiceDefaults.Messaging;

namespace DoanKetSangTao.Registration.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "registration";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        builder.Services.AddSingleton<IDatabaseSeeder, AdministrativeUnitSeeder>();
        builder.AddPlatformFileStorage();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value, x =>
        {
            x.AddConsumer<AppraisalCaseOpenedConsumer>();
            x.AddConsumer<DossierReturnedConsumer>();
            x.AddConsumer<AppraisalDecisionConsumer>();
            x.AddConsumer<InitiativeNominatedConsumer>();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
