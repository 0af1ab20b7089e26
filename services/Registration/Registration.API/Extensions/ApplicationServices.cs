using DoanKetSangTao.Contracts;
using DoanKetSangTao.Contracts.Appraisal.V1;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.Registration.API.IntegrationEvents;
using DoanKetSangTao.Data;
using DoanKetSangTao.Files;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Messaging;

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
        // Who on a council may read a dossier is appraisal's rule (its rosters and assignments): asked, not copied.
        var appraisal = builder.Configuration["Services:Appraisal:Grpc"]
            ?? throw new InvalidOperationException("Services:Appraisal:Grpc is not configured: set it to appraisal's gRPC address.");
        builder.Services.AddPlatformGrpcClient<CaseAccess.CaseAccessClient>(new Uri(appraisal), PlatformScopes.AppraisalCaseAccess);
        builder.Services.AddTransient<DossierReaders>();

        // All SQL lives in these stores and query classes (Infrastructure/); handlers, consumers and gRPC services call them.
        builder.Services.AddSingleton<InitiativeStore>();
        builder.Services.AddSingleton<InitiativeQueries>();
        builder.Services.AddSingleton<FilingStore>();
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<DeadlineProgressStore>();
        builder.Services.AddSingleton<DossierStore>();
        builder.Services.AddSingleton<ConfirmationListStore>();
        builder.Services.AddSingleton<OrganizationStore>();
        builder.Services.AddSingleton<AdministrativeUnitStore>();
        builder.Services.AddSingleton<AppraisalFactsStore>();
        builder.Services.AddSingleton<GalleryStore>();
        builder.Services.AddSingleton<AppraisalOutcomeServices>();
        return builder;
    }
}
