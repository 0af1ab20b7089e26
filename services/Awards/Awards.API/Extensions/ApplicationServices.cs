using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Awards.API.Infrastructure;
using DoanKetSangTao.Awards.API.IntegrationEvents;
using DoanKetSangTao.Contracts;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Data;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Awards.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "awards";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        builder.Services.AddSingleton<AwardTypeStore>();
        builder.Services.AddSingleton<CommendationCandidateStore>();
        builder.Services.AddSingleton<ProposalStore>();
        builder.Services.AddSingleton<DecisionStore>();
        builder.Services.AddSingleton<CertificateStore>();
        builder.Services.AddSingleton<CertificateIssuance>();
        builder.Services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section)
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" && !o.PublicBaseUrl.EndsWith('/'),
                "Certificates:PublicBaseUrl must be the platform's public address (https://…, no trailing slash): the QR codes carry it.")
            .ValidateOnStart();
        builder.Services.AddClaimedQueue<CertificateRenderer, CertificateJob>();
        builder.AddCertificates();
        builder.Services.AddSingleton<ConferenceProposalStore>();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value, x =>
        {
            x.AddConsumer<AppraisalDecisionMadeConsumer>();
            x.AddConsumer<ConferenceCommendationsProposedConsumer>();
        });
        // A decision drawn from recognized initiatives names their authors and unit, which registration owns.
        var registration = builder.Configuration["Services:Registration:Grpc"]
            ?? throw new InvalidOperationException("Services:Registration:Grpc is not configured: set it to registration's gRPC address.");
        builder.Services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(new Uri(registration), PlatformScopes.RegistrationLookups);
        return builder;
    }
}
