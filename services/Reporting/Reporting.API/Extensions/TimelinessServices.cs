using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.Reporting.API.Workers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoanKetSangTao.Reporting.API.Extensions;

/// <summary>Tỷ lệ báo cáo và đúng hạn (reporting rate and timeliness): its store, and the worker that announces report deadlines.</summary>
public static class TimelinessServices
{
    public static IHostApplicationBuilder AddTimeliness(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TimelinessStore>();
        builder.Services.Configure<ReportDeadlineOptions>(builder.Configuration.GetSection("ReportDeadlines"));
        builder.Services.AddSingleton<ReportDeadlineAnnouncer>();
        builder.Services.AddHostedService<ReportDeadlineWorker>();
        return builder;
    }
}
