using DoanKetSangTao.Contracts;
using DoanKetSangTao.ServiceDefaults.Data;
using DoanKetSangTao.ServiceDefaults.Messaging;

namespace DoanKetSangTao.Awards.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "awards";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        // No consumers yet: the bus and outbox are here so that commendation events have one way out.
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value);
        return builder;
    }
}
