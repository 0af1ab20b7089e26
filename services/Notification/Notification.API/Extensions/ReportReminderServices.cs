using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Notification.API.IntegrationEvents;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using MassTransit;

namespace DoanKetSangTao.Notification.API.Extensions;

/// <summary>
/// Nhắc hạn báo cáo định kỳ's services: who a report reminder reaches (identity's officers, registration's organizations).
/// Its consumers are added with the others by <see cref="AddReportConsumers"/>.
/// </summary>
public static class ReportReminderServices
{
    public static IHostApplicationBuilder AddReportReminders(this IHostApplicationBuilder builder)
    {
        var registration = builder.Configuration["Services:Registration:Grpc"]
            ?? throw new InvalidOperationException("Services:Registration:Grpc is not configured: set it to registration's gRPC address.");
        builder.Services.AddPlatformGrpcClient<OrganizationLookup.OrganizationLookupClient>(new Uri(registration), PlatformScopes.RegistrationLookups);
        builder.Services.AddScoped<ReportAudience>();
        return builder;
    }

    /// <summary>ReportDueSoon, ReportOverdue, ReportReturned and ReportAccepted, from reporting.</summary>
    public static void AddReportConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<ReportDueSoonConsumer>();
        x.AddConsumer<ReportOverdueConsumer>();
        x.AddConsumer<ReportReturnedConsumer>();
        x.AddConsumer<ReportAcceptedConsumer>();
    }
}
