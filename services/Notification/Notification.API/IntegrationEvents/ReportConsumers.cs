using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.IntegrationEvents;

/// <summary>
/// Sắp đến hạn nộp báo cáo: each unit reporting listed (it had not submitted when reporting announced the step) is told,
/// through each of its officers and, for an organization, its inbox. All in the inbox's transaction: a redelivery tells no one twice.
/// </summary>
public sealed class ReportDueSoonConsumer(ServiceDatabase database, NotificationDispatcher notifications, ReportAudience audience, ILogger<ReportDueSoonConsumer> logger)
    : IdempotentConsumer<ReportDueSoon>(database, logger)
{
    protected override async Task HandleAsync(ReportDueSoon message, DatabaseSession session, CancellationToken ct)
    {
        foreach (var unit in await audience.ResolveAsync(message.Level, message.UnitCodes, message.OrganizationIds, ct))
        {
            foreach (var officer in unit.Officers)
            {
                await notifications.SendAsync(session, ReportNotices.DueSoonNotice(officer, unit.Unit, message.TemplateId, message.Title, message.Level,
                    message.DueOn, message.DaysLeft), message.EventId, ct);
            }
        }
    }
}

/// <summary>
/// Quá hạn nộp báo cáo: each late unit is told (<c>report_overdue</c>), and the Front officers of the area one level up get
/// one notice naming every late unit of theirs (<c>report_overdue_escalation</c>).
/// </summary>
public sealed class ReportOverdueConsumer(ServiceDatabase database, NotificationDispatcher notifications, ReportAudience audience, ILogger<ReportOverdueConsumer> logger)
    : IdempotentConsumer<ReportOverdue>(database, logger)
{
    protected override async Task HandleAsync(ReportOverdue message, DatabaseSession session, CancellationToken ct)
    {
        var units = await audience.ResolveAsync(message.Level, message.UnitCodes, message.OrganizationIds, ct);
        foreach (var unit in units)
        {
            foreach (var officer in unit.Officers)
            {
                await notifications.SendAsync(session, ReportNotices.OverdueNotice(officer, unit.Unit, message.TemplateId, message.Title, message.Level, message.DueOn),
                    message.EventId, ct);
            }
        }

        var bySupervisor = units.Where(u => u.SupervisorArea is not null).GroupBy(u => u.SupervisorArea!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReportUnit>)g.Select(u => u.Unit).ToList());
        foreach (var supervisor in (await audience.FrontOfficersAsync(bySupervisor.Keys, ct)).DistinctBy(o => (o.AccountId, o.AdminUnit)))
        {
            if (bySupervisor.TryGetValue(supervisor.AdminUnit, out var late))
            {
                await notifications.SendAsync(session, ReportNotices.EscalationNotice(ReportAudience.ToOfficer(supervisor), late, message.TemplateId,
                    message.Title, message.Level, message.DueOn), message.EventId, ct);
            }
        }
    }
}

/// <summary>Báo cáo bị trả lại: the unit's officers, with the reason.</summary>
public sealed class ReportReturnedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ReportAudience audience, ILogger<ReportReturnedConsumer> logger)
    : IdempotentConsumer<ReportReturned>(database, logger)
{
    protected override async Task HandleAsync(ReportReturned message, DatabaseSession session, CancellationToken ct)
    {
        foreach (var unit in await ReportUnitOf.ResolveAsync(audience, message.Level, message.UnitCode, message.ProvinceCode, message.OrganizationId, logger, ct))
        {
            foreach (var officer in unit.Officers)
            {
                await notifications.SendAsync(session, ReportNotices.ReturnedNotice(officer, unit.Unit, message.TemplateId, message.Title, message.Level, message.Reason),
                    message.EventId, ct);
            }
        }
    }
}

/// <summary>Báo cáo đã được tiếp nhận: the unit's officers.</summary>
public sealed class ReportAcceptedConsumer(ServiceDatabase database, NotificationDispatcher notifications, ReportAudience audience, ILogger<ReportAcceptedConsumer> logger)
    : IdempotentConsumer<ReportAccepted>(database, logger)
{
    protected override async Task HandleAsync(ReportAccepted message, DatabaseSession session, CancellationToken ct)
    {
        foreach (var unit in await ReportUnitOf.ResolveAsync(audience, message.Level, message.UnitCode, message.ProvinceCode, message.OrganizationId, logger, ct))
        {
            foreach (var officer in unit.Officers)
            {
                await notifications.SendAsync(session, ReportNotices.AcceptedNotice(officer, unit.Unit, message.TemplateId, message.Title, message.Level),
                    message.EventId, ct);
            }
        }
    }
}

/// <summary>The unit a single report belongs to, from the report events' <c>UnitCode</c> and <c>OrganizationId</c>.</summary>
internal static class ReportUnitOf
{
    public static async Task<IReadOnlyList<ReportUnitAudience>> ResolveAsync(ReportAudience audience, string level, string unitCode, string? provinceCode, Guid? organizationId,
        ILogger logger, CancellationToken ct)
    {
        if (organizationId is { } id)
        {
            return await audience.ResolveAsync(level, [], [id], ct);
        }

        if (level == "province")
        {
            return await audience.ResolveAsync(level, [$"VN/{unitCode}"], [], ct);
        }

        if (provinceCode is not null)
        {
            // Identity lists officers by their full area (VN/{province}/{commune}).
            return await audience.ResolveAsync(level, [$"VN/{provinceCode}/{unitCode}"], [], ct);
        }

        // Events published before they carried the province name the commune alone: its officers cannot be found.
        logger.LogWarning("Report event for commune {UnitCode} names no province; its officers cannot be looked up", unitCode);
        return [];
    }
}
