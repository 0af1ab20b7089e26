using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;
using DoanKetSangTao.Reporting.API.Infrastructure;

namespace DoanKetSangTao.Reporting.API.Extensions;

/// <summary>Báo cáo định kỳ: templates, reports, the figures they are pre-filled from.</summary>
public static class PeriodicReportServices
{
    public static IHostApplicationBuilder AddPeriodicReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportTemplateStore>();
        builder.Services.AddSingleton<PeriodicReportStore>();
        builder.Services.AddSingleton<PeriodicReportAttachmentStore>();
        // Statistics' read model once merged: repoint this one line to read figures elsewhere.
        builder.Services.AddSingleton<IReportFigureSource, PeriodicReportFigureSource>();
        return builder;
    }
}
