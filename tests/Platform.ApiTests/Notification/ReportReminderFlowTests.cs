using System.Net;
using System.Text.Json.Nodes;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Notification;

/// <summary>
/// Nhắc hạn báo cáo định kỳ across the platform: reporting's worker announces a report template's due date (with the
/// real clock: one template whose D-3 08:00 has just passed, one whose D+1 08:00 has), notification asks identity for
/// the officers and reminds the commune that has not submitted in its officer's inbox and by e-mail (through the SMTP
/// sink), tells it at D+1 that it is late, and gives the province's Front officer the list of late communes. The
/// commune that submitted is in neither list.
/// </summary>
public sealed class ReportReminderFlowTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    // Reporting's worker looks once a minute.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(150);

    private static readonly Person CommuneOfficer = new("canbo.xa.badinh.baocao", "Ngô Thị Hạnh", PlatformRoles.FrontOfficer, "VN/01/00004");

    [Fact]
    public async Task A_commune_that_has_not_reported_is_reminded_by_inbox_and_mail_and_the_province_is_told_it_is_late()
    {
        _ = await World.OfAsync(platform);
        platform.Token(CommuneOfficer); // the officer's account exists before notification looks for it
        var vietnam = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var fired = DateOnly.FromDateTime(vietnam.TimeOfDay >= TimeSpan.FromHours(8) ? vietnam.Date : vietnam.Date.AddDays(-1));
        var (dueSoon, overdue) = (Guid.NewGuid(), Guid.NewGuid());
        await platform.ScalarAsync<int>("reporting",
            """
            INSERT INTO admin_units (code, level, name, unit_type, parent_code, valid_from, valid_to) VALUES
              ('01', 'province', 'Thành phố Hà Nội', 'Thành phố', NULL, '2025-07-01', NULL),
              ('00004', 'commune', 'Phường Ba Đình', 'Phường', '01', '2025-07-01', NULL),
              ('00008', 'commune', 'Phường Ngọc Hà', 'Phường', '01', '2025-07-01', NULL)
            ON CONFLICT DO NOTHING;
            INSERT INTO report_templates (id, campaign_id, kind, title, period_from, period_to, created_by, created_at) VALUES
              (@dueSoon, @campaign, 'six_month', 'Báo cáo sơ kết 6 tháng (nhắc hạn)', '2026-01-01', '2026-06-30', 'canbo.tw', now()),
              (@overdue, @campaign, 'annual', 'Báo cáo tổng kết năm (quá hạn)', '2026-01-01', '2026-12-31', 'canbo.tw', now());
            INSERT INTO report_due_dates (template_id, level, due_on) VALUES (@dueSoon, 'commune', @d3), (@overdue, 'commune', @d1);
            INSERT INTO periodic_reports (id, template_id, level, unit_code, status, figures, narrative, first_submitted_at, submitted_at,
                                          version, created_by, created_at, updated_at)
            SELECT gen_random_uuid(), t, 'commune', '00008', 'submitted', '{}', '{}', now(), now(), 1, 'canbo', now(), now()
            FROM unnest(ARRAY[@dueSoon, @overdue]) AS t;
            SELECT 1;
            """, new { dueSoon, overdue, campaign = Guid.NewGuid(), d3 = fired.AddDays(3), d1 = fired.AddDays(-1) });

        var reminder = await NoticeAsync(CommuneOfficer, "report_due_soon", dueSoon, "the D-3 reminder to the commune's officer");
        Assert.Contains("Báo cáo sơ kết 6 tháng (nhắc hạn)", reminder.Str("title"), StringComparison.Ordinal);
        Assert.Contains(fired.AddDays(3).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), reminder.Str("body"), StringComparison.Ordinal);
        Assert.Contains("00004", reminder.Str("body"), StringComparison.Ordinal);
        var account = platform.AccountId(CommuneOfficer);
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("notification",
            "SELECT count(*) FROM deliveries WHERE kind = 'report_due_soon' AND recipient_id = @account AND channel = 'email' AND status = 'sent'",
            new { account }) == 1 ? "sent" : null, Wait, "the reminder e-mailed to the officer through the SMTP server");

        var late = await NoticeAsync(CommuneOfficer, "report_overdue", overdue, "the D+1 notice to the late commune");
        Assert.Contains("Báo cáo tổng kết năm (quá hạn)", late.Str("body"), StringComparison.Ordinal);
        var escalation = await NoticeAsync(World.ProvinceOfficer, "report_overdue_escalation", overdue, "the list of late communes to the province");
        Assert.Contains("00004", escalation.Str("body"), StringComparison.Ordinal);
        Assert.DoesNotContain("00008", escalation.Str("body"), StringComparison.Ordinal);

        // Each step once: the reporting ledger holds one row per template and step, and one event each.
        Assert.Equal(2, await platform.ScalarAsync<long>("reporting",
            "SELECT count(*) FROM report_deadline_announcements WHERE template_id IN (@dueSoon, @overdue) AND event_id IS NOT NULL", new { dueSoon, overdue }));
    }

    /// <summary>The one notice of a kind about a template in the person's inbox, once it is there.</summary>
    private async Task<JsonNode> NoticeAsync(Person person, string kind, Guid template, string what)
    {
        using var client = platform.Client(person);
        return (await TestInfrastructure.EventuallyAsync(async () =>
            (await client.GetJsonAsync("/api/v1/notifications?limit=100", HttpStatusCode.OK)).AsArray()
                .SingleOrDefault(n => n!.Str("kind") == kind && n!["subjectId"]?.GetValue<string>() == template.ToString()), Wait, what))!;
    }
}
