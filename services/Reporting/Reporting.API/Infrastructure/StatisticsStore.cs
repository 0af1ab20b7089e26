using System.Text;
using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.Statistics;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>The units a caller may read, in the query's structure: a province (its communes), a commune, or neither (the nation).</summary>
public sealed record StatisticsReach(string? ProvinceCode, string? CommuneCode);

/// <summary>
/// Thống kê: sums the cube (whole months) and the facts (the days at the ends of the range, or everything when the query names
/// an organization, which the cube does not hold) for a query, grouped by its period and breakdown keys. SQL text is built only
/// from the validated query's fixed vocabularies; every value travels as a parameter.
/// </summary>
public sealed class StatisticsStore(ServiceDatabase db)
{
    private const string Columns =
        "province_code, commune_code, structure_from, campaign_id, kind, content_type, movement_area, field, status, member_organization_id";

    public Task<IReadOnlyList<StatisticsCount>> CountAsync(StatisticsQuery query, DayRange range, StatisticsReach reach, CancellationToken ct)
    {
        var factsOnly = query.Filters.OrganizationId is not null || query.By.Contains(StatisticsDimensions.Organization);
        var (months, days) = StatisticsRanges.Split(range, factsOnly);
        var parameters = new DynamicParameters(new
        {
            measures = query.Measures.ToArray(), query.Filters.CampaignId, query.Filters.Kind, query.Filters.ContentType, query.Filters.MovementArea,
            query.Filters.Field, query.Filters.Status, query.Filters.OrganizationId, query.Filters.MemberOrganizationId,
            province = reach.ProvinceCode, commune = reach.CommuneCode,
        });
        var parts = new List<string>();
        if (months is { } m)
        {
            parameters.Add("monthFrom", m.From.ToDateTime(TimeOnly.MinValue));
            parameters.Add("monthTo", m.ToExclusive.ToDateTime(TimeOnly.MinValue));
            parts.Add($"SELECT measure, month AS on_day, {Columns}, NULL::uuid AS organization_id, n FROM initiative_stats " +
                      $"WHERE month >= @monthFrom AND month < @monthTo AND {Filters(query, cube: true)}");
        }

        if (days.Count > 0)
        {
            var conditions = days.Select((d, i) =>
            {
                parameters.Add($"dayFrom{i}", d.From.ToDateTime(TimeOnly.MinValue));
                parameters.Add($"dayTo{i}", d.To.ToDateTime(TimeOnly.MinValue));
                return $"(on_day >= @dayFrom{i} AND on_day <= @dayTo{i})";
            });
            parts.Add($"SELECT measure, on_day, {Columns}, organization_id, 1::bigint AS n FROM initiative_contributions " +
                      $"WHERE ({string.Join(" OR ", conditions)}) AND {Filters(query, cube: false)}");
        }

        var sql = Sql(query, parts);
        return db.ReadAsync<IReadOnlyList<StatisticsCount>>(null, async (connection, _) =>
            (await connection.QueryAsync<StatisticsCount>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList(), ct);
    }

    private static string Sql(StatisticsQuery query, List<string> parts)
    {
        var rolled = query.Structure == StatisticsStructure.Units2025;
        var sql = new StringBuilder();
        sql.Append("WITH src AS (").AppendJoin(" UNION ALL ", parts).Append("),\n");
        sql.Append($"agg AS (SELECT measure, {PeriodKey(query.Period)} AS period, province_code, commune_code, structure_from, ")
            .Append($"{DimensionKey(query.By.ElementAtOrDefault(0))} AS k1, {DimensionKey(query.By.ElementAtOrDefault(1))} AS k2, sum(n)::bigint AS n ")
            .Append("FROM src GROUP BY 1, 2, 3, 4, 5, 6, 7),\n");
        if (rolled)
        {
            // Rolled into the 2025 units: a code filed before 1 July 2025 goes to its primary successor (the hierarchy's rule for
            // a split unit); its province is the 2025 commune's. Read from the lineage itself rather than a code-only map, since
            // codes were reused: the same code filed after the reform is already a 2025 unit.
            sql.Append("""
                mapped AS (SELECT a.measure, a.period, a.k1, a.k2, a.n,
                                  coalesce(uc.parent_code, lp.new_code, a.province_code) AS province, coalesce(lc.new_code, a.commune_code) AS commune
                           FROM agg a
                           LEFT JOIN admin_unit_lineage lc ON a.structure_from < DATE '2025-07-01' AND lc.old_code = a.commune_code
                                AND lc.level = 'commune' AND lc.primary_successor AND lc.effective_on = DATE '2025-07-01'
                           LEFT JOIN admin_unit_lineage lp ON a.structure_from < DATE '2025-07-01' AND lp.old_code = a.province_code
                                AND lp.level = 'province' AND lp.primary_successor AND lp.effective_on = DATE '2025-07-01'
                           LEFT JOIN admin_units uc ON uc.code = lc.new_code AND uc.level = 'commune' AND uc.valid_from = DATE '2025-07-01')

                """);
        }
        else
        {
            sql.Append("mapped AS (SELECT measure, period, k1, k2, n, province_code AS province, commune_code AS commune FROM agg)\n");
        }

        var area = query.AreaIsProvince ? "province" : "commune";
        string Final(int i, string k) => query.By.ElementAtOrDefault(i) == StatisticsDimensions.Area ? area : k;
        sql.Append($"SELECT period AS Period, {Final(0, "k1")} AS Key1, {Final(1, "k2")} AS Key2, measure AS Measure, sum(n)::bigint AS N FROM mapped ")
            .Append("WHERE (@province::text IS NULL OR province = @province) AND (@commune::text IS NULL OR commune = @commune) GROUP BY 1, 2, 3, 4");
        return sql.ToString();
    }

    /// <summary>The WHERE of either source; the area is narrowed here only as far as it is known before rolling up.</summary>
    private static string Filters(StatisticsQuery query, bool cube)
    {
        var older = query.Structure == StatisticsStructure.Units2025 ? " OR structure_from < DATE '2025-07-01'" : "";
        return "measure = ANY(@measures)" +
               " AND (@CampaignId::uuid IS NULL OR campaign_id = @CampaignId)" +
               " AND (@Kind::text IS NULL OR kind = @Kind)" +
               " AND (@ContentType::text IS NULL OR content_type = @ContentType)" +
               " AND (@MovementArea::text IS NULL OR movement_area = @MovementArea)" +
               " AND (@Field::text IS NULL OR field = @Field)" +
               " AND (@Status::text IS NULL OR status = @Status)" +
               " AND (@MemberOrganizationId::uuid IS NULL OR member_organization_id = @MemberOrganizationId)" +
               (cube ? "" : " AND (@OrganizationId::uuid IS NULL OR organization_id = @OrganizationId)") +
               $" AND (@province::text IS NULL OR province_code = @province{older})" +
               $" AND (@commune::text IS NULL OR commune_code = @commune{older})";
    }

    private static string PeriodKey(string? period) => period switch
    {
        "month" => "to_char(on_day, 'YYYY-MM')",
        "quarter" => "to_char(on_day, 'YYYY') || '-Q' || to_char(on_day, 'Q')",
        "half_year" => "to_char(on_day, 'YYYY') || CASE WHEN extract(month FROM on_day) <= 6 THEN '-H1' ELSE '-H2' END",
        "year" => "to_char(on_day, 'YYYY')",
        _ => "NULL::text",
    };

    /// <summary>The source column of a breakdown; the area is placed after rolling up, so it is a placeholder here.</summary>
    private static string DimensionKey(string? dimension) => dimension switch
    {
        null or StatisticsDimensions.Area => "NULL::text",
        "campaign" => "campaign_id::text",
        "organization" => "organization_id::text",
        "member_organization" => "member_organization_id::text",
        "kind" => "kind",
        "content_type" => "content_type",
        "movement_area" => "movement_area",
        "field" => "field",
        "status" => "status",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a validated dimension."),
    };
}
