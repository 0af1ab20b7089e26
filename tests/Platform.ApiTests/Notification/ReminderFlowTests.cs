using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Notification;

/// <summary>
/// Nhắc hạn, the "done when" through the gateway: a campaign's dossier deadline approaches and only the units
/// without a submitted dossier get the D-3 and D-1 reminders (in their inbox, and by e-mail to their officers through
/// the real SMTP sink); the one that submits after D-3 gets no D-1; the province's Front officer gets the D+1 list of
/// late units; a step run again (a second replica, a lease run out) and a redelivered announcement send nothing twice.
/// Steps fire at 08:00 Vietnam time: the test sets deadlines whose step's last 08:00 has just passed, which the schedule
/// sends at once (the latest step past when a deadline is announced).
/// </summary>
public sealed class ReminderFlowTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Only_units_without_a_dossier_are_reminded_one_that_submits_gets_no_D1_and_the_province_officer_gets_the_late_list_once()
    {
        var world = await World.OfAsync(platform);
        // The most recent 08:00 in Vietnam: a step that fired then is due now.
        var vietnam = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var fired = DateOnly.FromDateTime(vietnam.TimeOfDay >= TimeSpan.FromHours(8) ? vietnam.Date : vietnam.Date.AddDays(-1));
        // Days left are counted on the day the reminder goes: after midnight, a step of yesterday's 08:00 has one day less.
        var today = DateOnly.FromDateTime(vietnam.Date);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        var year = fired.AddDays(-2).Year;
        var campaignId = (await hanoi.PostJsonAsync("/api/v1/campaigns", new
        {
            year,
            name = $"Đợt thi đua nhắc hạn {Guid.NewGuid():N}"[..32],
            provinceCode = "01",
            registrationDueBefore = $"{year + 1}-01-10",
        }, HttpStatusCode.Created)).Id();

        // Three units under the ward union, each with an officer and an author whose initiative the union confirms.
        var units = new List<(Guid Id, string Name, Person Officer, Person Author, Guid Initiative)>();
        using var branch = platform.Client(world.BranchOfficer);
        foreach (var name in new[] { "Công đoàn Trường Tiểu học Kim Mã", "Công đoàn Trường THCS Giảng Võ", "Công đoàn Trường THPT Phan Đình Phùng" })
        {
            var id = (await hanoi.PostJsonAsync("/api/v1/organizations",
                new { name, kind = "member_organization_branch", communeCode = "00004", parentId = world.Branch }, HttpStatusCode.Created)).Id();
            var officer = new Person($"canbo.nhachan.{units.Count}", $"Cán bộ đơn vị {units.Count}", PlatformRoles.UnitOfficer, "VN/01/00004", id);
            var author = new Person($"tacgia.nhachan.{units.Count}", $"Tác giả {units.Count}", PlatformRoles.Author, "VN/01/00004", id);
            using var authorClient = platform.Client(author);
            var initiative = await World.RegisterAsync(authorClient,
                world.Registration($"Sáng kiến của {name}", campaignId: campaignId, organizationId: id, authors: [new { fullName = author.Name, isLead = true, contributionPercent = 100 }]));
            await branch.PostJsonAsync($"/api/v1/initiatives/{initiative.Id()}/confirm", new { }, HttpStatusCode.OK);
            platform.Token(officer); // the officer's account exists at identity before any reminder looks for it
            units.Add((id, name, officer, author, initiative.Id()));
        }

        var (submitted, late, lagging) = (units[0], units[1], units[2]);
        await SubmitDossierAsync(submitted.Author, submitted.Initiative);

        // D-3: the last day is three days after the last 08:00.
        await SetDossierDeadlineAsync(hanoi, campaignId, fired.AddDays(4));
        foreach (var unit in new[] { late, lagging })
        {
            // Two: the unit's inbox and the officer's own (their e-mail), both read by the officer.
            var reminders = await RemindersAsync(unit.Officer, campaignId, 2, "the D-3 reminder to the unit's inbox and its officer");
            Assert.Equal(2, reminders.Count);
            Assert.All(reminders, node =>
            {
                var reminder = node!;
                Assert.Contains(unit.Name, reminder.Str("body"), StringComparison.Ordinal);
                Assert.Contains(Left(fired.AddDays(3), today), reminder.Str("title"), StringComparison.Ordinal);
                Assert.Contains(fired.AddDays(3).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), reminder.Str("body"), StringComparison.Ordinal);
            });
        }

        Assert.Empty(await RemindersAsync(submitted.Officer, campaignId, 0, "nothing for the unit that submitted"));
        var officerAccount = platform.AccountId(late.Officer);
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("notification",
            "SELECT count(*) FROM deliveries WHERE kind = 'deadline_reminder' AND recipient_id = @officerAccount AND channel = 'email' AND status = 'sent'",
            new { officerAccount }) == 1 ? "sent" : null,
            Wait, "the D-3 reminder e-mailed to the officer through the SMTP server");

        // The same step run again, as by a second replica whose claim came after the first's: the ledger sends nothing twice.
        var ledger = await platform.ScalarAsync<long>("notification", "SELECT count(*) FROM reminder_sent");
        var rerun = await platform.ScalarAsync<Guid>("notification",
            """
            UPDATE reminder_steps s SET status = 'pending', next_attempt_at = now() FROM reminder_deadlines d
            WHERE d.id = s.deadline_id AND d.campaign_id = @campaignId AND s.step = 'd-3' AND s.status = 'sent' RETURNING s.id
            """, new { campaignId });
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<string>("notification",
            "SELECT status FROM reminder_steps WHERE id = @rerun", new { rerun }) == "sent" ? "ran" : null, Wait, "the step run a second time");
        Assert.Equal(ledger, await platform.ScalarAsync<long>("notification", "SELECT count(*) FROM reminder_sent"));
        Assert.Equal(2, (await RemindersAsync(late.Officer, campaignId, 2, "still the two D-3 notices")).Count);

        // The second unit submits after D-3; the deadline is brought forward so that D-1 is due: only the third is reminded.
        await SubmitDossierAsync(late.Author, late.Initiative);
        await SetDossierDeadlineAsync(hanoi, campaignId, fired.AddDays(2));
        var d1 = await RemindersAsync(lagging.Officer, campaignId, 4, "the D-1 reminder to the unit that has still not submitted");
        Assert.Equal(2, d1.Count(n => n!.Str("title").Contains(Left(fired.AddDays(1), today), StringComparison.Ordinal)));
        Assert.Equal(2, (await RemindersAsync(late.Officer, campaignId, 2, "no D-1 for the unit that submitted")).Count);

        // D+1: the window closed yesterday; the province's Front officer gets one notice naming the one late unit.
        await SetDossierDeadlineAsync(hanoi, campaignId, fired);
        var overdue = await TestInfrastructure.EventuallyAsync(async () =>
            (await hanoi.GetJsonAsync("/api/v1/notifications?limit=100", HttpStatusCode.OK)).AsArray()
                .SingleOrDefault(n => n!.Str("kind") == "deadline_overdue" && n!["subjectId"]?.GetValue<string>() == campaignId.ToString()),
            Wait, "the D+1 list of late units to the province officer");
        Assert.Contains(lagging.Name, overdue!.Str("body"), StringComparison.Ordinal);
        Assert.DoesNotContain(late.Name, overdue.Str("body"), StringComparison.Ordinal);
        Assert.DoesNotContain(submitted.Name, overdue.Str("body"), StringComparison.Ordinal);
        Assert.Contains("1 đơn vị", overdue.Str("title"), StringComparison.Ordinal);

        // The last announcement redelivered: ignored (counted on the inbox row), and nothing is sent again.
        var sentBefore = await platform.ScalarAsync<long>("notification", "SELECT count(*) FROM reminder_sent");
        var payload = await platform.ScalarAsync<string>("registration",
            "SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%CampaignDeadlineSet' AND payload->>'campaignId' = @id ORDER BY sequence DESC LIMIT 1",
            new { id = campaignId.ToString() });
        var announced = JsonSerializer.Deserialize<CampaignDeadlineSet>(payload, Http.Options)!;
        await platform.PublishAsync(announced);
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<int>("notification",
            "SELECT deliveries FROM inbox_messages WHERE message_id = @EventId AND consumer LIKE '%CampaignDeadlineSetConsumer'", new { announced.EventId }) > 1 ? "ignored" : null,
            Wait, "the redelivery to arrive");
        Assert.Equal(sentBefore, await platform.ScalarAsync<long>("notification", "SELECT count(*) FROM reminder_sent"));
        Assert.Single((await hanoi.GetJsonAsync("/api/v1/notifications?limit=100", HttpStatusCode.OK)).AsArray(),
            n => n!.Str("kind") == "deadline_overdue" && n!["subjectId"]?.GetValue<string>() == campaignId.ToString());
    }

    private static string Left(DateOnly lastDay, DateOnly today) =>
        lastDay == today ? "hôm nay là ngày cuối" : $"còn {lastDay.DayNumber - today.DayNumber} ngày";

    private static async Task SetDossierDeadlineAsync(HttpClient officer, Guid campaignId, DateOnly dueBefore) =>
        await officer.PutJsonAsync($"/api/v1/campaigns/{campaignId}/deadlines/dossier", new { dueBefore = dueBefore.ToString("yyyy-MM-dd") }, HttpStatusCode.OK);

    /// <summary>The deadline reminders about the campaign an officer reads (their own and their unit's inbox), once there are <paramref name="count"/>.</summary>
    private async Task<List<JsonNode?>> RemindersAsync(Person officer, Guid campaignId, int count, string what)
    {
        using var client = platform.Client(officer);
        async Task<List<JsonNode?>> ReadAsync() => (await client.GetJsonAsync("/api/v1/notifications?limit=100", HttpStatusCode.OK)).AsArray()
            .Where(n => n!.Str("kind") == "deadline_reminder" && n!["subjectId"]?.GetValue<string>() == campaignId.ToString()).ToList();
        return count == 0 ? await ReadAsync() : await TestInfrastructure.EventuallyAsync(async () => await ReadAsync() is { } found && found.Count >= count ? found : null, Wait, what);
    }

    private async Task SubmitDossierAsync(Person author, Guid initiativeId)
    {
        using var client = platform.Client(author);
        var dossierId = (await client.PostJsonAsync("/api/v1/dossiers", new { initiativeId }, HttpStatusCode.Created)).Id();
        await (await World.UploadAsync(client, dossierId, "cover_letter", "to-trinh.pdf", World.Pdf)).JsonAsync(HttpStatusCode.Created);
        await client.PutJsonAsync($"/api/v1/dossiers/{dossierId}", World.DossierContent("Giải pháp số hóa sổ sách của nhà trường."), HttpStatusCode.OK);
        await client.PostJsonAsync($"/api/v1/dossiers/{dossierId}/submit", new { }, HttpStatusCode.OK);
    }
}
