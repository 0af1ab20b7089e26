namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>
/// Where a report's pre-filled figures come from: the platform's counts of a campaign's initiatives for one area (a
/// province, a commune, a member organization's initiatives, or the whole country when all are null) over a period.
/// Each measure counts the initiatives that reached it within the period (registered, confirmed, dossier filed,
/// recognized at each level, nominated, commended); replications are those of initiatives registered by the period's end.
/// </summary>
public interface IReportFigureSource
{
    Task<IReadOnlyList<FigureRow>> CountAsync(Guid campaignId, string? provinceCode, string? communeCode, Guid? memberOrganizationId,
        DateOnly from, DateOnly to, CancellationToken ct);
}
