using DoanKetSangTao.Data;
using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.Reporting.API.IntegrationEvents;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanKetSangTao.Reporting.API.Extensions;

/// <summary>Thống kê (statistics): the facts, the cube, the event history and the consumers that keep them.</summary>
public static class StatisticsServices
{
    public static IHostApplicationBuilder AddStatisticsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FactStore>();
        builder.Services.AddSingleton<StatisticsStore>();
        builder.Services.AddSingleton<EventHistoryStore>();
        builder.Services.AddSingleton<ReadModelProjector>();
        builder.Services.AddSingleton<ReadModelRebuild>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The consumers statistics adds to reporting's bus (the others are in ApplicationServices).</summary>
    public static void AddStatisticsConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<InitiativeStatusChangedConsumer>();
        x.AddConsumer<InitiativeReplicatedConsumer>();
    }

    /// <summary>
    /// Reporting's own operator command, run with the service's binary instead of starting it (called before the building block's
    /// <c>migrate</c> / <c>replay-errors</c>): <c>rebuild-read-models</c> applies the schema, then rebuilds the read models from the
    /// event history, printing progress.
    /// </summary>
    public static async Task<bool> TryRunStatisticsCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not ["rebuild-read-models"])
        {
            return false;
        }

        await DatabaseExtensions.MigrateAsync(app.Services, CancellationToken.None);
        await app.Services.GetRequiredService<ReadModelRebuild>().RunAsync(Console.Out, CancellationToken.None);
        return true;
    }
}
