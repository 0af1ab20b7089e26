using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Commands;
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
        builder.Services.AddSingleton<IOperatorCommand, RebuildReadModelsCommand>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The consumers statistics adds to reporting's bus (the others are in ApplicationServices).</summary>
    public static void AddStatisticsConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<InitiativeStatusChangedConsumer>();
        x.AddConsumer<InitiativeReplicatedConsumer>();
    }
}
