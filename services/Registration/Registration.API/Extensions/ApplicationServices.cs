using DoanKetSangTao.Contracts;
using DoanKetSangTao.Registration.API.Data;
using DoanKetSangTao.ServiceDefaults.Data;
using DoanKetSangTao.ServiceDefaults.Messaging;

namespace DoanKetSangTao.Registration.API.Extensions;

public static class ApplicationServices
{
    public const string ServiceName = "registration";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformDatabase(typeof(ApplicationServices).Assembly, ServiceName);
        builder.Services.AddSingleton<IDatabaseSeeder, AdministrativeUnitSeeder>();
        builder.AddPlatformMessaging(ServiceName, ContractsAssembly.Value);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
