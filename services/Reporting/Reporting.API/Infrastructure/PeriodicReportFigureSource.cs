using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>
/// Pre-filled figures from <c>initiative_facts</c> (the statistics read model: one row per initiative, its current
/// state and the day it reached each step). Point <see cref="IReportFigureSource"/> elsewhere to change where they come from.
/// </summary>
public sealed class PeriodicReportFigureSource(ServiceDatabase db) : IReportFigureSource
{
    public Task<IReadOnlyList<FigureRow>> CountAsync(Guid campaignId, string? provinceCode, string? communeCode, Guid? memberOrganizationId,
        DateOnly from, DateOnly to, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<FigureRow>>(null, async (connection, _) => (await connection.QueryAsync<CountRow>(new CommandDefinition(
            """
            SELECT kind AS Kind, field AS Field,
                   count(*) FILTER (WHERE registered_on BETWEEN @from AND @to) AS Registered,
                   count(*) FILTER (WHERE confirmed_on BETWEEN @from AND @to) AS Confirmed,
                   count(*) FILTER (WHERE dossier_on BETWEEN @from AND @to) AS WithDossier,
                   count(*) FILTER (WHERE recognized_commune_on BETWEEN @from AND @to) AS RecognizedCommune,
                   count(*) FILTER (WHERE recognized_province_on BETWEEN @from AND @to) AS RecognizedProvince,
                   count(*) FILTER (WHERE recognized_central_on BETWEEN @from AND @to) AS RecognizedCentral,
                   count(*) FILTER (WHERE nominated_on BETWEEN @from AND @to) AS Nominated,
                   count(*) FILTER (WHERE commended_on BETWEEN @from AND @to) AS Commended,
                   coalesce(sum(replications) FILTER (WHERE registered_on <= @to), 0)::bigint AS Replications
            FROM initiative_facts
            WHERE campaign_id = @campaignId
              AND (@provinceCode::text IS NULL OR province_code = @provinceCode)
              AND (@communeCode::text IS NULL OR commune_code = @communeCode)
              AND (@memberOrganizationId::uuid IS NULL OR member_organization_id = @memberOrganizationId)
            GROUP BY kind, field
            """, new { campaignId, provinceCode, communeCode, memberOrganizationId, from, to }, cancellationToken: ct)))
            .Select(r => new FigureRow(r.Kind, r.Field, new Dictionary<string, long>(StringComparer.Ordinal)
            {
                [ReportMeasures.Registered] = r.Registered,
                [ReportMeasures.Confirmed] = r.Confirmed,
                [ReportMeasures.WithDossier] = r.WithDossier,
                [ReportMeasures.RecognizedCommune] = r.RecognizedCommune,
                [ReportMeasures.RecognizedProvince] = r.RecognizedProvince,
                [ReportMeasures.RecognizedCentral] = r.RecognizedCentral,
                [ReportMeasures.Nominated] = r.Nominated,
                [ReportMeasures.Commended] = r.Commended,
                [ReportMeasures.Replications] = r.Replications,
            })).ToList(), ct);

    private sealed class CountRow
    {
        public string Kind { get; init; } = "";
        public string? Field { get; init; }
        public long Registered { get; init; }
        public long Confirmed { get; init; }
        public long WithDossier { get; init; }
        public long RecognizedCommune { get; init; }
        public long RecognizedProvince { get; init; }
        public long RecognizedCentral { get; init; }
        public long Nominated { get; init; }
        public long Commended { get; init; }
        public long Replications { get; init; }
    }
}
