namespace DoanKetSangTao.Reporting.API.Domain.Timeliness;

/// <summary>One parent's figures: a province over its communes (or its member organizations).</summary>
public sealed record ParentTimeliness(string Code, TimelinessFigures Figures);

/// <summary>
/// Tổng hợp theo cấp trên (roll-up by parent): the centre sees each province's figures over its communes, a province its
/// own. Units whose province is unknown (an organization filed under an area not in force) are grouped under "".
/// </summary>
public static class TimelinessRollUp
{
    public static IReadOnlyList<ParentTimeliness> ByParent(IEnumerable<UnitTimeliness> units) =>
        units.GroupBy(u => u.Unit.ParentCode ?? string.Empty)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ParentTimeliness(g.Key, TimelinessFigures.Of(g.ToList())))
            .ToList();

    /// <summary>Danh sách chưa báo cáo (who has not reported), in parent then code order.</summary>
    public static IReadOnlyList<ExpectedUnit> Missing(IEnumerable<UnitTimeliness> units) =>
        units.Where(u => u.State == UnitReportState.Missing).Select(u => u.Unit)
            .OrderBy(u => u.ParentCode, StringComparer.Ordinal).ThenBy(u => u.Code, StringComparer.Ordinal).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>"on_time", "late", "missing": the state as the API names it.</summary>
    public static string CodeOf(UnitReportState state) => state switch
    {
        UnitReportState.OnTime => "on_time",
        UnitReportState.Late => "late",
        _ => "missing",
    };
}
