using DoanKetSangTao.Domain;
using DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

namespace DoanKetSangTao.Tests.ReportingUnitTests;

/// <summary>Báo cáo định kỳ's rules: timeliness at the boundary, figures summed, compiling, lifecycle, access.</summary>
public sealed class PeriodicReportRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_report_due_15_05_is_on_time_until_the_end_of_15_may_in_vietnam_and_late_from_midnight()
    {
        var due = new DateOnly(2026, 5, 15);
        // 23:59:59 on 15/05 in Vietnam is 16:59:59 UTC.
        Assert.True(ReportTimeliness.IsOnTime(new DateTimeOffset(2026, 5, 15, 16, 59, 59, TimeSpan.Zero), due));
        Assert.False(ReportTimeliness.IsOnTime(new DateTimeOffset(2026, 5, 15, 17, 0, 0, TimeSpan.Zero), due));
        Assert.False(ReportTimeliness.IsOnTime(new DateTimeOffset(2026, 5, 16, 0, 30, 0, TimeSpan.FromHours(7)), due));
        Assert.True(ReportTimeliness.IsOnTime(new DateTimeOffset(2026, 5, 15, 23, 59, 0, TimeSpan.FromHours(7)), due));
        Assert.True(ReportTimeliness.IsOnTime(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), null));
    }

    [Fact]
    public void A_resubmission_keeps_the_first_submission_time_that_timeliness_is_judged_on()
    {
        var report = Report("commune", "01001", "01");
        var first = ReportLifecycle.Submit(report, Now);
        var returned = ReportLifecycle.Return(first, "Bổ sung.", Now.AddDays(10));
        var again = ReportLifecycle.Submit(returned, Now.AddDays(20));
        Assert.Equal((Now, Now.AddDays(20), (string?)null), (again.FirstSubmittedAt!.Value, again.SubmittedAt!.Value, again.ReturnedReason));
        Assert.Equal(4, again.Version);
        Assert.Equal("report_version_stale", ReportLifecycle.CanEdit(returned, 2)?.Code);
        Assert.Null(ReportLifecycle.CanEdit(returned, 3));
        Assert.Equal("report_not_editable", ReportLifecycle.CanEdit(again, again.Version)?.Code);
        Assert.Equal("report_not_submitted", ReportLifecycle.CanReview(returned)?.Code);
        Assert.Equal("report_nothing_above", ReportLifecycle.CanSubmit(Report("central", "VN", null))?.Code);
    }

    [Fact]
    public void Figures_are_grouped_by_kind_and_field_and_summed_key_by_key()
    {
        var a = ReportFigures.FromRows(
            [Row("sang_kien", "y_te", registered: 2, recognized: 1), Row("sang_kien", null, registered: 1), Row("y_tuong_moi", "y_te", registered: 3)], modelsBuilt: 2);
        var b = ReportFigures.FromRows([Row("mo_hinh", "giao_duc", registered: 5)], modelsBuilt: 1);
        Assert.Equal((6, 1, 2), (a.TotalOf("registered"), a.TotalOf("recognized_commune"), a.TotalOf("models_built")));
        Assert.Equal(5, a.ByField["y_te"]["registered"]);
        Assert.Equal(1, a.ByField[ReportDimensionNames.NoField]["registered"]);
        Assert.False(a.ByKind["sang_kien"].ContainsKey("models_built"));

        var sum = ReportFigures.Sum([a, b]);
        Assert.Equal((11, 3), (sum.TotalOf("registered"), sum.TotalOf("models_built")));
        Assert.Equal(["mo_hinh", "sang_kien", "y_tuong_moi"], sum.ByKind.Keys);
        Assert.Equal(5, sum.ByField["giao_duc"]["registered"]);
        Assert.Equal(ReportMeasures.All.Count, sum.Total.Count);
    }

    [Fact]
    public void Typed_figures_take_known_measures_only_from_zero_to_a_billion()
    {
        var errors = new FieldErrors();
        ReportFigures.Check(new ReportFigures(new Dictionary<string, long> { ["registered"] = -1, ["bịa"] = 1 },
            new Dictionary<string, IReadOnlyDictionary<string, long>> { ["Sáng kiến"] = new Dictionary<string, long>() },
            new Dictionary<string, IReadOnlyDictionary<string, long>> { ["y_te"] = new Dictionary<string, long> { ["commended"] = ReportFigures.MaxValue + 1 } }), errors);
        Assert.Equal(["figures.total.registered", "figures.total", "figures.byKind", "figures.byField.y_te.commended"], errors.ByField.Keys);
    }

    [Fact]
    public void A_province_compiles_the_accepted_commune_reports_sums_their_figures_gathers_their_texts_and_names_the_missing()
    {
        var target = Report("province", "01", "01") with { Narrative = Narrative(("propaganda", "Toàn tỉnh.")) };
        var one = Accepted(Report("commune", "01001", "01", registered: 2, models: 1) with { Narrative = Narrative(("propaganda", "Xã một.")) });
        var two = Accepted(Report("commune", "01002", "01", registered: 3, models: 2) with { Narrative = Narrative(("difficulties", "Thiếu kinh phí.")) });
        var submitted = ReportLifecycle.Submit(Report("commune", "01003", "01", registered: 7), Now);
        var union = Accepted(Report("member_org", "01", "01", registered: 40, models: 9) with
        {
            OrganizationId = Guid.NewGuid(), OrganizationName = "Hội Nông dân tỉnh", Narrative = Narrative(("propaganda", "Hội viên hưởng ứng.")),
        });
        var elsewhere = Accepted(Report("commune", "79001", "79", registered: 100));
        ExpectedUnit[] expected = [new("01001", "Phường Một"), new("01002", "Xã Hai"), new("01003", "Xã Ba"), new("01004", "Xã Bốn")];

        var compiled = ReportCompiler.Compile(target, [union, two, elsewhere, submitted, one, target], expected, Now);

        Assert.Equal((5, 3), (compiled.Figures.TotalOf("registered"), compiled.Figures.TotalOf("models_built")));
        Assert.Equal("Toàn tỉnh.", compiled.Narrative["propaganda"].Text);
        Assert.Equal([("01001", "Xã một."), ("01", "Hội viên hưởng ứng.")], compiled.Narrative["propaganda"].Sources.Select(s => (s.UnitCode, s.Text)));
        Assert.Equal("01002", Assert.Single(compiled.Narrative["difficulties"].Sources).UnitCode);
        Assert.Equal([("01001", "Phường Một", true), ("01002", "Xã Hai", true), ("01", (string?)null, false)],
            compiled.Compilation!.Included.Select(u => (u.UnitCode, u.UnitName, u.FiguresSummed)));
        Assert.Equal([("01003", "submitted"), ("01004", "missing")], compiled.Compilation.NotYetAccepted.Select(u => (u.UnitCode, u.Status)));
        Assert.Equal(target.Version + 1, compiled.Version);

        // Re-compiling after a third acceptance takes it in; the officer's own text stays.
        var third = ReportLifecycle.Accept(submitted, Now);
        var again = ReportCompiler.Compile(compiled, [one, two, third, union], expected, Now);
        Assert.Equal(12, again.Figures.TotalOf("registered"));
        Assert.Equal("Toàn tỉnh.", again.Narrative["propaganda"].Text);
        Assert.Equal([("01004", "missing")], again.Compilation!.NotYetAccepted.Select(u => (u.UnitCode, u.Status)));
    }

    [Fact]
    public void The_level_above_reviews_a_commune_its_province_a_province_the_centre_a_member_organization_its_own_level_front()
    {
        var centre = Caller("VN");
        var hanoi = Caller("VN/01");
        var baDinh = Caller("VN/01/00004");
        var commune = Report("commune", "00004", "01");
        var province = Report("province", "01", "01");
        var communeUnion = Report("member_org", "00004", "01") with { OrganizationId = Guid.NewGuid() };
        Assert.Equal((false, true, false), (ReportAccess.CanReview(baDinh, commune), ReportAccess.CanReview(hanoi, commune), ReportAccess.CanReview(centre, commune)));
        Assert.Equal((false, true), (ReportAccess.CanReview(hanoi, province), ReportAccess.CanReview(centre, province)));
        Assert.Equal((true, false), (ReportAccess.CanReview(baDinh, communeUnion), ReportAccess.CanReview(hanoi, communeUnion)));
        Assert.True(ReportAccess.CanFile(baDinh, commune));
        Assert.False(ReportAccess.CanFile(Caller("VN/01/00007"), commune));
        Assert.False(ReportAccess.CanRead(Caller("VN/01/00007"), commune));
        Assert.True(ReportAccess.CanRead(hanoi, communeUnion));
        Assert.False(ReportAccess.CanRead(Caller("VN/79"), commune));
        var officer = new ReportCaller("hoi", false, true, AdministrativeScope.TryParse("VN/01/00004"), communeUnion.OrganizationId);
        Assert.Equal((true, true, false), (ReportAccess.CanRead(officer, communeUnion), ReportAccess.CanFile(officer, communeUnion), ReportAccess.CanRead(officer, commune)));
    }

    [Fact]
    public void A_province_template_sets_due_dates_for_its_communes_and_member_organizations_only()
    {
        var errors = new FieldErrors();
        ReportTemplateRules.Check(Guid.NewGuid(), "six_month", "Báo cáo 6 tháng", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30),
            new Dictionary<string, DateOnly> { ["province"] = new(2026, 6, 5), ["commune"] = new(2025, 12, 1) }, national: false, errors);
        Assert.Equal(["dueDates.province", "dueDates.commune"], errors.ByField.Keys);
        var template = new ReportTemplate(Guid.NewGuid(), Guid.NewGuid(), "six_month", "B", new(2026, 1, 1), new(2026, 6, 30), "VN", "tw", Now,
            new Dictionary<string, DateOnly> { ["commune"] = new(2026, 5, 15) }, [new ProvinceDueDate("01", "commune", new(2026, 5, 10))]);
        Assert.Equal((new DateOnly(2026, 5, 10), new DateOnly(2026, 5, 15), (DateOnly?)null),
            (template.DueOnFor("commune", "01"), template.DueOnFor("commune", "79"), template.DueOnFor("province", "01")));
    }

    private static ReportCaller Caller(string scope) => new("x", true, false, AdministrativeScope.TryParse(scope), null);

    private static FigureRow Row(string kind, string? field, long registered, long recognized = 0) =>
        new(kind, field, new Dictionary<string, long> { ["registered"] = registered, ["recognized_commune"] = recognized });

    private static IReadOnlyDictionary<string, NarrativeSection> Narrative(params (string Code, string Text)[] sections) =>
        ReportNarrative.Sections.ToDictionary(s => s.Code, s => new NarrativeSection(sections.FirstOrDefault(x => x.Code == s.Code).Text ?? string.Empty, []));

    private static PeriodicReport Accepted(PeriodicReport r) => ReportLifecycle.Accept(ReportLifecycle.Submit(r, Now), Now);

    private static PeriodicReport Report(string level, string unit, string? province, long registered = 0, long models = 0) =>
        PeriodicReport.Open(Guid.NewGuid(), Guid.NewGuid(), new ReportingUnit(level, unit, province, null), null,
            ReportFigures.FromRows([Row("sang_kien", "y_te", registered)], models), "x", Now);
}
