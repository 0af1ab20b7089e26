using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Commands;
using DoanKetSangTao.Reporting.API.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanKetSangTao.Reporting.API.Extensions;

/// <summary>Địa giới hành chính theo thời gian: the shipped hierarchy's seeder, its store and loader, and the <c>admin-units</c> command.</summary>
public static class HierarchyServices
{
    public static IHostApplicationBuilder AddHierarchy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IDatabaseSeeder, AdminUnitSeeder>();
        builder.Services.AddSingleton<AdminUnitStore>();
        builder.Services.AddSingleton<AdminUnitLoader>();
        builder.Services.AddSingleton<IOperatorCommand, AdminUnitsCommand>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
