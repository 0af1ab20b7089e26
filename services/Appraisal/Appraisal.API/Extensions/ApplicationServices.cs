using DoanKetSangTao.Appraisal.API.Apis;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Appraisal.API.IntegrationEvents;
using DoanKetSangTao.Contracts;
using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Data;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Appraisal.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "appraisal";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        builder.Services.AddSingleton<IDatabaseSeeder, SimilarityCorpusKeys>();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value, x =>
        {
            x.AddConsumer<InitiativeRegisteredConsumer>();
            x.AddConsumer<DossierSubmittedConsumer>();
            x.AddConsumer<InitiativeWithdrawnConsumer>();
        });
        var registration = builder.Configuration["Services:Registration:Grpc"]
            ?? throw new InvalidOperationException("Services:Registration:Grpc is not configured: set it to registration's gRPC address.");
        builder.Services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(new Uri(registration), PlatformScopes.RegistrationLookups);
        builder.Services.AddPlatformGrpcClient<DossierLookup.DossierLookupClient>(new Uri(registration), PlatformScopes.RegistrationLookups);
        builder.Services.AddPlatformGrpcClient<OrganizationLookup.OrganizationLookupClient>(new Uri(registration), PlatformScopes.RegistrationLookups);
        builder.Services.AddPlatformGrpcClient<CampaignLookup.CampaignLookupClient>(new Uri(registration), PlatformScopes.RegistrationLookups);
        var identity = builder.Configuration["Services:Identity:Grpc"]
            ?? throw new InvalidOperationException("Services:Identity:Grpc is not configured: set it to identity's gRPC address.");
        builder.Services.AddPlatformGrpcClient<AccountDirectory.AccountDirectoryClient>(new Uri(identity), PlatformScopes.IdentityAccounts);
        builder.Services.AddSingleton<ScoringProgressStore>();
        builder.Services.AddScoped<OrganizationDirectory>();
        builder.Services.AddScoped<CampaignDirectory>();
        return builder;
    }

    /// <summary>
    /// Every appraisal route group, one stage a file, in the order the OpenAPI document lists them: what appraisal
    /// received, the councils (set-up, membership, scheme, progress, assignment, nominations, audit), the cases
    /// (the case, screening, assignment, scoring, decision), the authors' outcomes, and the councils' exports.
    /// </summary>
    public static WebApplication MapAppraisalApis(this WebApplication app)
    {
        app.MapAppraisalIntakeApi();
        app.MapCouncilsApi();
        app.MapCouncilMembershipApi();
        app.MapCouncilPeopleApi();
        app.MapCouncilSchemeApi();
        app.MapCouncilProgressApi();
        app.MapCouncilAssignmentsApi();
        app.MapNominationsApi();
        app.MapCouncilAuditApi();
        app.MapCasesApi();
        app.MapCaseScreeningApi();
        app.MapCaseAssignmentApi();
        app.MapCaseScoringApi();
        app.MapCaseDecisionApi();
        app.MapOutcomesApi();
        app.MapCouncilExportsApi();
        return app;
    }
}
