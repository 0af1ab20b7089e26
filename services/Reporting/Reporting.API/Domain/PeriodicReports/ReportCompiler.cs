namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>An administrative unit a compiled report expects a report from (in force on the due date).</summary>
public sealed record ExpectedUnit(string Code, string Name);

/// <summary>
/// Tổng hợp báo cáo (compiling): a province compiles its communes' and member organizations' ACCEPTED reports into its
/// own draft; the centre its provinces' and the central member organizations'. Rules:
/// <list type="bullet">
/// <item>figures are the sum, key by key, of the accepted AREA reports (communes for a province, provinces for the centre),
/// models built included. Member organizations' figures are listed with their report but not added: their initiatives
/// are already counted in the area they were filed in, and adding them would count them twice;</item>
/// <item>each narrative section keeps the compiling officer's own text and gathers every accepted lower report's text
/// for that section, with its source (level, unit, organization);</item>
/// <item>the units included, and those not yet accepted: each lower report in another state, and each unit in force on
/// the due date that opened no report at all (missing);</item>
/// <item>re-compiling starts again from the reports accepted now: figures and gathered sources are replaced (an edit to
/// the figures made before is lost; edit them after the last compilation), the officer's own section texts are kept.</item>
/// </list>
/// </summary>
public static class ReportCompiler
{
    public static readonly DoanKetSangTao.Domain.Refusal NotACompiler = DoanKetSangTao.Domain.Refusal.Conflict("report_not_compiled",
        "Chỉ báo cáo của tỉnh và của Trung ương mới tổng hợp từ báo cáo cấp dưới.");

    public static bool Compiles(string level) => level is ReportLevels.Province or ReportLevels.Central;

    /// <summary>The level whose reports are summed into a compiling report of <paramref name="level"/>.</summary>
    public static string AreaLevelBelow(string level) => level == ReportLevels.Central ? ReportLevels.Province : ReportLevels.Commune;

    /// <summary>Whether <paramref name="lower"/> is one of the reports <paramref name="target"/> compiles.</summary>
    public static bool IsBelow(PeriodicReport target, PeriodicReport lower) => target.Level switch
    {
        ReportLevels.Province => lower.ProvinceCode == target.ProvinceCode && lower.Level is ReportLevels.Commune or ReportLevels.MemberOrg,
        ReportLevels.Central => lower.Level == ReportLevels.Province || (lower.Level == ReportLevels.MemberOrg && lower.UnitCode == ReportTemplate.National),
        _ => false,
    };

    public static PeriodicReport Compile(PeriodicReport target, IEnumerable<PeriodicReport> candidates, IReadOnlyList<ExpectedUnit> expected, DateTimeOffset now)
    {
        var areaLevel = AreaLevelBelow(target.Level);
        var names = expected.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var lower = candidates.Where(r => r.Id != target.Id && IsBelow(target, r))
            .OrderBy(r => r.Level == areaLevel ? 0 : 1).ThenBy(r => r.UnitCode, StringComparer.Ordinal)
            .ThenBy(r => r.OrganizationName, StringComparer.Ordinal).ToList();
        var accepted = lower.Where(r => r.Status == ReportStatuses.Accepted).ToList();

        var figures = ReportFigures.Sum(accepted.Where(r => r.Level == areaLevel).Select(r => r.Figures));
        var narrative = ReportNarrative.Sections.ToDictionary(s => s.Code, s =>
        {
            var own = target.Narrative.GetValueOrDefault(s.Code)?.Text ?? string.Empty;
            var sources = accepted
                .Select(r => (r, text: r.Narrative.GetValueOrDefault(s.Code)?.Text))
                .Where(x => !string.IsNullOrWhiteSpace(x.text))
                .Select(x => new NarrativeSource(x.r.Id, x.r.Level, x.r.UnitCode, x.r.OrganizationName, x.text!))
                .ToList();
            return new NarrativeSection(own, sources);
        }, StringComparer.Ordinal);

        var included = accepted.Select(r => new CompiledUnit(r.Id, r.Level, r.UnitCode, names.GetValueOrDefault(r.UnitCode), r.OrganizationName, r.AcceptedAt, r.Level == areaLevel)).ToList();
        var pending = lower.Where(r => r.Status != ReportStatuses.Accepted)
            .Select(r => new PendingUnit(r.Level, r.UnitCode, names.GetValueOrDefault(r.UnitCode), r.OrganizationName, r.Status))
            .Concat(expected.Where(u => !lower.Any(r => r.Level == areaLevel && r.UnitCode == u.Code))
                .Select(u => new PendingUnit(areaLevel, u.Code, u.Name, null, ReportStatuses.Missing)))
            .ToList();

        return target with
        {
            Figures = figures,
            Narrative = narrative,
            Compilation = new ReportCompilation(included, pending),
            CompiledAt = now,
            Version = target.Version + 1,
            UpdatedAt = now,
        };
    }
}
