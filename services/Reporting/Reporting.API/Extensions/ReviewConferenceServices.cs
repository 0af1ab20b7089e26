using DoanKetSangTao.Reporting.API.Infrastructure;
using DoanKetSangTao.Reporting.API.Workers;

namespace DoanKetSangTao.Reporting.API.Extensions;

/// <summary>Hội nghị sơ kết, tổng kết: the stores, and the D-3 / D-1 reminder worker.</summary>
public static class ReviewConferenceServices
{
    public static IHostApplicationBuilder AddReviewConferences(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReviewConferenceStore>();
        builder.Services.AddSingleton<ReviewConferencePartsStore>();
        builder.Services.AddSingleton<ConferenceReminderStore>();
        builder.Services.AddSingleton<ConferenceReminderSignal>();
        builder.Services.AddOptions<ConferenceReminderOptions>().BindConfiguration(ConferenceReminderOptions.Section);
        builder.Services.AddHostedService<ConferenceContributionReminders>();
        return builder;
    }
}
