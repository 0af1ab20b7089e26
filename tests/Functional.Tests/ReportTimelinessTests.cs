extern alias reporting;

using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dapper;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using reporting::DoanKetSangTao.Reporting.API.Workers;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Tỷ lệ báo cáo và đúng hạn on a running reporting service: the hierarchy and the reports are written as their owners
/// would write them (admin_units, report_templates, periodic_reports), then read through the API; the deadline
/// announcer runs on the service's database with a clock the test sets.
/// </summary>
public sealed class ReportTimelinessTests(ServiceHost<reporting::Program> host) : IClassFixture<ServiceHost<reporting::Program>>
{
    private static readonly Person Centre = new("canbo.tw", "Nguyễn Văn Trung", PlatformRoles.FrontOfficer, "VN");
    private static readonly Person Province97 = new("canbo.tinh.97", "Lê Văn Tỉnh", PlatformRoles.FrontOfficer, "VN/97");
    private static readonly Person Commune97004 = new("canbo.xa.97004", "Đỗ Thị Xã", PlatformRoles.FrontOfficer, "VN/97/97004");

    [Fact]
    public async Task A_commune_merged_mid_period_is_expected_once_and_the_boundary_of_the_due_date_is_Vietnams_midnight()
    {
        await using var db = NpgsqlDataSource.Create(host.Database.ConnectionString);
        await using var connection = await db.OpenConnectionAsync();
        // Province 97: 97001 and 97002 were merged into 97003 on 01/03/2026; 97004 and 97005 go on.
        await connection.ExecuteAsync(
            """
            INSERT INTO admin_units (code, level, name, unit_type, parent_code, valid_from, valid_to) VALUES
              ('97', 'province', 'Tỉnh Thử Nghiệm', 'Tỉnh', NULL, '2000-01-01', NULL),
              ('97001', 'commune', 'Xã An Cũ', 'Xã', '97', '2000-01-01', '2026-03-01'),
              ('97002', 'commune', 'Xã Bình Cũ', 'Xã', '97', '2000-01-01', '2026-03-01'),
              ('97003', 'commune', 'Phường An Bình', 'Phường', '97', '2026-03-01', NULL),
              ('97004', 'commune', 'Xã Đông Hòa', 'Xã', '97', '2000-01-01', NULL),
              ('97005', 'commune', 'Xã Tây Sơn', 'Xã', '97', '2000-01-01', NULL);
            INSERT INTO admin_unit_lineage (old_code, level, new_code, effective_on, resolution, primary_successor) VALUES
              ('97001', 'commune', '97003', '2026-03-01', 'NQ thử nghiệm', true), ('97002', 'commune', '97003', '2026-03-01', 'NQ thử nghiệm', true);
            """);
        var template = await TemplateAsync(connection, "commune", new DateOnly(2026, 5, 15));
        await ReportAsync(connection, template, "97001", "submitted", DateTimeOffset.Parse("2026-02-20T03:00:00Z")); // before the merger
        await ReportAsync(connection, template, "97003", "accepted", DateTimeOffset.Parse("2026-05-15T16:59:59Z"));  // 23:59:59 on 15/05 in Hà Nội
        await ReportAsync(connection, template, "97004", "submitted", DateTimeOffset.Parse("2026-05-15T17:00:00Z")); // 00:00 on 16/05
        await ReportAsync(connection, template, "97005", "draft", null);

        using var province = host.Client(Province97);
        var report = await province.GetJsonAsync($"/api/v1/reports/timeliness/{template}?level=commune&provinceCode=97", HttpStatusCode.OK);
        var level = report["levels"]!.AsArray().Single()!;
        Assert.Equal("15/05/2026", level.Str("dueOnText"));
        Assert.Equal((3, 2, 1, 1, 1), Figures(level["figures"]!));
        Assert.Equal(0.6667m, level["figures"]!["reportingRate"]!.GetValue<decimal>());
        Assert.Equal(["97003:on_time", "97004:late", "97005:missing"], level["units"]!.AsArray().Select(u => $"{u!.Str("code")}:{u!.Str("state")}"));
        Assert.Equal("Xã Tây Sơn", level["missing"]!.AsArray().Single()!.Str("name"));

        // The centre sees each province's figures, named; a commune officer only their commune.
        using var centre = host.Client(Centre);
        var national = (await centre.GetJsonAsync($"/api/v1/reports/timeliness/{template}?level=commune", HttpStatusCode.OK))["levels"]![0]!;
        var row = national["byParent"]!.AsArray().Single(p => p!.Str("code") == "97")!;
        Assert.Equal(("Tỉnh Thử Nghiệm", (3, 2, 1, 1, 1)), (row.Str("name"), Figures(row["figures"]!)));
        using var commune = host.Client(Commune97004);
        var own = (await commune.GetJsonAsync($"/api/v1/reports/timeliness/{template}?provinceCode=97", HttpStatusCode.OK))["levels"]![0]!;
        Assert.Equal((1, 1, 0, 1, 0), Figures(own["figures"]!));

        // The campaign's summary lists the template's level with the same figures.
        var campaign = await province.GetJsonAsync($"/api/v1/reports/timeliness?campaignId={CampaignOf(template)}&provinceCode=97", HttpStatusCode.OK);
        Assert.Equal((3, 2, 1, 1, 1), Figures(campaign["templates"]!.AsArray().Single()!["figures"]!));
    }

    [Fact]
    public async Task The_missing_list_downloads_as_xlsx_and_csv_with_its_Vietnamese_names_and_nothing_outside_the_callers_reach()
    {
        await using var db = NpgsqlDataSource.Create(host.Database.ConnectionString);
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO admin_units (code, level, name, unit_type, parent_code, valid_from, valid_to) VALUES
              ('99', 'province', 'Tỉnh Ba Mươi Ba', 'Tỉnh', NULL, '2000-01-01', NULL),
              ('99001', 'commune', 'Phường Hòa Khánh', 'Phường', '99', '2000-01-01', NULL),
              ('99002', 'commune', 'Xã Quế Sơn', 'Xã', '99', '2000-01-01', NULL)
            ON CONFLICT DO NOTHING;
            """);
        var template = await TemplateAsync(connection, "commune", new DateOnly(2026, 6, 5));
        await ReportAsync(connection, template, "99001", "submitted", DateTimeOffset.Parse("2026-06-01T03:00:00Z"));
        using var province = host.Client(new Person("canbo.tinh.99", "Vũ Văn Tỉnh", PlatformRoles.FrontOfficer, "VN/99"));

        using var xlsx = await province.GetAsync($"/api/v1/reports/timeliness/{template}/missing?level=commune&provinceCode=99");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var cells = XlsxTexts(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains("Xã Quế Sơn", cells);
        Assert.Contains("Tỉnh Ba Mươi Ba", cells);
        Assert.DoesNotContain("Phường Hòa Khánh", cells);
        Assert.Contains("Tổng số: 1 đơn vị chưa nộp báo cáo.", cells);

        using var csv = await province.GetAsync($"/api/v1/reports/timeliness/{template}/missing?level=commune&provinceCode=99&format=csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["STT,Mã,Đơn vị,Tỉnh/thành phố,Mã tổ chức", "1,99002,Xã Quế Sơn,Tỉnh Ba Mươi Ba,"], lines);

        // Another province's officer, an unknown parameter, an unknown level: refused with Problem Details.
        using var other = host.Client(People.HcmOfficer);
        var refused = await other.GetJsonAsync($"/api/v1/reports/timeliness/{template}?provinceCode=99", HttpStatusCode.Forbidden);
        Assert.Equal("report_outside_scope", refused.Str("code"));
        var misspelt = await province.GetJsonAsync($"/api/v1/reports/timeliness/{template}?provinceCode=99&kind=annual", HttpStatusCode.BadRequest);
        Assert.Equal("unknown_parameter", misspelt.Str("code"));
        await province.GetJsonAsync($"/api/v1/reports/timeliness/{template}?provinceCode=99&level=district", HttpStatusCode.BadRequest);
        await province.GetJsonAsync($"/api/v1/reports/timeliness/{template}/missing?provinceCode=99", HttpStatusCode.BadRequest);
        await province.GetJsonAsync($"/api/v1/reports/timeliness/{template}/missing?provinceCode=99&level=commune&format=pdf", HttpStatusCode.BadRequest);
        await province.GetJsonAsync("/api/v1/reports/timeliness?campaignId=khong-phai-ma&provinceCode=99", HttpStatusCode.BadRequest);
        var unknown = await province.GetJsonAsync($"/api/v1/reports/timeliness/{Guid.NewGuid()}?provinceCode=99", HttpStatusCode.NotFound);
        Assert.Equal("report_template_not_found", unknown.Str("code"));
    }

    [Fact]
    public async Task Two_workers_announce_each_step_once_listing_only_the_units_that_have_not_submitted_at_that_moment()
    {
        await using var db = NpgsqlDataSource.Create(host.Database.ConnectionString);
        await using var connection = await db.OpenConnectionAsync();
        // Due dates far from the real clock, so the service's own worker has nothing to announce for them.
        await connection.ExecuteAsync(
            """
            INSERT INTO admin_units (code, level, name, unit_type, parent_code, valid_from, valid_to) VALUES
              ('98', 'province', 'Tỉnh Chín Hai', 'Tỉnh', NULL, '2000-01-01', NULL),
              ('98001', 'commune', 'Xã Một', 'Xã', '98', '2000-01-01', NULL),
              ('98002', 'commune', 'Xã Hai', 'Xã', '98', '2000-01-01', NULL),
              ('98003', 'commune', 'Xã Ba', 'Xã', '98', '2000-01-01', NULL);
            """);
        var due = new DateOnly(2031, 3, 20);
        var template = await TemplateAsync(connection, "commune", due);
        await ReportAsync(connection, template, "98002", "submitted", DateTimeOffset.Parse("2031-03-01T03:00:00Z"));

        // D-3 at 08:30 in Hà Nội: two replicas race, several passes each.
        var d3 = new FixedClock(VietnamTime.StartOfDay(due.AddDays(-3)).AddHours(8.5));
        Assert.Equal(1, await RaceAsync(db, d3));
        Assert.Equal(0, await RaceAsync(db, d3));

        // Xã Ba submits before D-1: it is not in D-1's list.
        await ReportAsync(connection, template, "98003", "submitted", DateTimeOffset.Parse("2031-03-18T03:00:00Z"));
        Assert.Equal(1, await RaceAsync(db, new FixedClock(VietnamTime.StartOfDay(due.AddDays(-1)).AddHours(9))));
        // D+1: overdue, once.
        var overdue = new FixedClock(VietnamTime.StartOfDay(due.AddDays(1)).AddHours(8));
        Assert.Equal(1, await RaceAsync(db, overdue));
        Assert.Equal(0, await RaceAsync(db, overdue));

        var events = (await connection.QueryAsync<(string Type, string Payload)>(
            "SELECT message_type, payload::text FROM outbox_messages WHERE payload->>'templateId' = @t ORDER BY created_at",
            new { t = template.ToString() })).ToList();
        Assert.Equal(3, events.Count);
        var units = events.Select(e => JsonNode.Parse(e.Payload)!["unitCodes"]!.AsArray().Select(u => u!.GetValue<string>()).Where(u => u.StartsWith("VN/98/", StringComparison.Ordinal)).ToList()).ToList();
        Assert.Equal(["VN/98/98001", "VN/98/98003"], units[0]);
        Assert.Equal(["VN/98/98001"], units[1]);
        Assert.Equal(["VN/98/98001"], units[2]);
        Assert.Contains("ReportDueSoon", events[0].Type, StringComparison.Ordinal);
        Assert.Equal(3, JsonNode.Parse(events[0].Payload)!["daysLeft"]!.GetValue<int>());
        Assert.Contains("ReportOverdue", events[2].Type, StringComparison.Ordinal);
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_deadline_announcements WHERE template_id = @template", new { template }));
    }

    /// <summary>Two announcers (two replicas) on the one database, each running three passes at once; the events they published.</summary>
    private static async Task<int> RaceAsync(NpgsqlDataSource db, TimeProvider clock)
    {
        var workers = Enumerable.Range(0, 2)
            .Select(_ => new ReportDeadlineAnnouncer(new ServiceDatabase(db, new Outbox()), clock, NullLogger<ReportDeadlineAnnouncer>.Instance)).ToList();
        var passes = await Task.WhenAll(workers.SelectMany(w => Enumerable.Range(0, 3).Select(_ => w.RunOnceAsync(CancellationToken.None))));
        return passes.Sum();
    }

    private static readonly Dictionary<Guid, Guid> Campaigns = [];

    private static Guid CampaignOf(Guid template) => Campaigns[template];

    private static async Task<Guid> TemplateAsync(NpgsqlConnection connection, string level, DateOnly dueOn)
    {
        var (template, campaign) = (Guid.NewGuid(), Guid.NewGuid());
        lock (Campaigns)
        {
            Campaigns[template] = campaign;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO report_templates (id, campaign_id, kind, title, period_from, period_to, created_by, created_at)
            VALUES (@template, @campaign, 'six_month', 'Báo cáo sơ kết 6 tháng đầu năm', @from, @to, 'canbo.tw', now());
            INSERT INTO report_due_dates (template_id, level, due_on) VALUES (@template, @level, @dueOn);
            """, new { template, campaign, from = new DateOnly(dueOn.Year, 1, 1), to = new DateOnly(dueOn.Year, 6, 30), level, dueOn });
        return template;
    }

    private static Task ReportAsync(NpgsqlConnection connection, Guid template, string unit, string status, DateTimeOffset? firstSubmittedAt) =>
        connection.ExecuteAsync(
            """
            INSERT INTO periodic_reports (id, template_id, level, unit_code, status, figures, narrative, first_submitted_at, submitted_at,
                                          version, created_by, created_at, updated_at)
            VALUES (@id, @template, 'commune', @unit, @status, '{}', '{}', @firstSubmittedAt, @firstSubmittedAt, 1, 'canbo', now(), now())
            """, new { id = Guid.NewGuid(), template, unit, status, firstSubmittedAt });

    private static (int, int, int, int, int) Figures(JsonNode f) =>
        (f["expected"]!.GetValue<int>(), f["received"]!.GetValue<int>(), f["onTime"]!.GetValue<int>(), f["late"]!.GetValue<int>(), f["missing"]!.GetValue<int>());

    /// <summary>Every text of the first sheet (the writer puts text inline).</summary>
    private static List<string> XlsxTexts(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var stream = sheet.Open();
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        return XDocument.Load(stream).Descendants(ns + "t").Select(t => t.Value).ToList();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
