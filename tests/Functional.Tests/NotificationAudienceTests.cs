extern alias notification;

using System.Net;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;
using Npgsql;
using Notices = notification::DoanKetSangTao.Notification.API.Domain.Notices;
using NotificationKinds = notification::DoanKetSangTao.Notification.API.Domain.NotificationKinds;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Who is told of what (issue 14, capability 1), with the notification service alone and the real SMTP sink: every author
/// and co-author, the unit that confirms a registration, the council's secretaries; each decision names its level; an
/// event delivered twice tells no one twice. Each test has people and units of its own.
/// </summary>
public sealed partial class NotificationAudienceTests(ServiceHost<notification::Program> host) : IClassFixture<ServiceHost<notification::Program>>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private sealed record Team(Person Lead, string LeadEmail, string CoAuthor, string CoAuthorEmail, Guid FilingUnit, Guid ConfirmingUnit)
    {
        public static Team New()
        {
            var id = Guid.NewGuid().ToString("N");
            return new(new Person($"tacgia.{id}", "Trần Thị Bình", PlatformRoles.Author, "VN/01/00004"), $"tacgia.{id}@example.vn",
                "Lê Văn Cường", $"dongtacgia.{id}@example.vn", Guid.NewGuid(), Guid.NewGuid());
        }

        /// <summary>Mẫu 1's authors: the lead (who registered), a co-author with an e-mail, and one without (who cannot be reached).</summary>
        public IReadOnlyList<AuthorContact> Authors =>
        [
            new("Trần Thị Bình", LeadEmail, true, Lead.Id),
            new(CoAuthor, CoAuthorEmail, false),
            new("Phạm Thị Dung", null, false),
        ];

        public InitiativeRegistered Registered(string title) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), title, "sang_kien",
            FilingUnit, "01", "00004", Lead.Id, Lead.Name, LeadEmail, Authors, ConfirmingUnit, "Công đoàn cơ sở Trường THCS Ba Đình");

        public InitiativeStatusChanged Changed(InitiativeRegistered r, string from, string to, string by, string? reason, CouncilAct? council = null) =>
            new(Guid.NewGuid(), DateTimeOffset.UtcNow, r.InitiativeId, r.CampaignId, r.Title, r.Kind, r.OrganizationId, r.ProvinceCode, r.CommuneCode,
                from, to, by, reason, Lead.Id, Lead.Name, LeadEmail, Authors, council);
    }

    private async Task<JsonArray> InboxAsync(Person person)
    {
        using var client = host.Client(person);
        return (await client.GetJsonAsync("/api/v1/notifications?limit=100", HttpStatusCode.OK)).AsArray();
    }

    /// <summary>The person's notices about <paramref name="subject"/>, once there are <paramref name="count"/> of them.</summary>
    private Task<List<JsonNode>> NoticesAsync(Person person, Guid subject, int count, string what) =>
        TestInfrastructure.EventuallyAsync(async () =>
            (await InboxAsync(person)).Where(n => n!["subjectId"]?.GetValue<string>() == subject.ToString()).Select(n => n!).ToList() is var found
            && found.Count >= count ? found : null, Patience, what);

    /// <summary>The letters to <paramref name="address"/> whose subject names <paramref name="title"/>, once there are <paramref name="count"/>.</summary>
    private static Task<List<MimeKit.MimeMessage>> LettersAsync(string address, string title, int count) =>
        TestInfrastructure.EventuallyAsync(() => Task.FromResult(
                Mailbox.To(address).Where(m => (m.Subject ?? string.Empty).Contains(title, StringComparison.Ordinal)).ToList() is var found && found.Count >= count ? found : null),
            Patience, $"{count} letter(s) to {address} about “{title}”");

    private async Task<long> CountAsync(string sql, object id)
    {
        await using var connection = new NpgsqlConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Co_authors_are_told_of_the_registration_and_its_confirmation_and_the_confirming_unit_gets_each_registration_in_its_inbox()
    {
        var team = Team.New();
        var upperOfficer = new Person($"canbo.captren.{team.ConfirmingUnit:N}", "Ngô Thị Lan", PlatformRoles.UnitOfficer, "VN/01", team.ConfirmingUnit);
        var filingOfficer = new Person($"canbo.coso.{team.FilingUnit:N}", "Lý Văn Phúc", PlatformRoles.UnitOfficer, "VN/01", team.FilingUnit);
        var first = team.Registered($"Sổ điểm điện tử {Guid.NewGuid():N}");
        var second = team.Registered($"Bản đồ số tổ dân phố {Guid.NewGuid():N}");

        await host.PublishAsync(first);
        await host.PublishAsync(second);

        var lead = Assert.Single(await NoticesAsync(team.Lead, first.InitiativeId, 1, "the lead's notice"));
        Assert.Equal("initiative_registered", lead.Str("kind"));
        Assert.Contains(first.Title, lead.Str("title"), StringComparison.Ordinal);
        Assert.Contains("tác giả chính", lead.Str("body"), StringComparison.Ordinal);

        // The co-author has no account: the letter reaches them, addressed to them, with their role and the next step.
        var letter = Assert.Single(await LettersAsync(team.CoAuthorEmail, first.Title, 1));
        Assert.StartsWith($"Kính gửi {team.CoAuthor},", letter.TextBody, StringComparison.Ordinal);
        Assert.Contains("đồng tác giả", letter.TextBody, StringComparison.Ordinal);
        Assert.Contains("Bước tiếp theo: Đơn vị cấp trên xem xét", letter.TextBody, StringComparison.Ordinal);

        // The unit above: one notice per registration, of a kind its officers' digest gathers; the filing unit's officer is not the one asked.
        var waiting = await TestInfrastructure.EventuallyAsync(async () =>
            (await InboxAsync(upperOfficer)).Where(n => n!.Str("kind") == "registration_awaiting_confirmation").ToList() is { Count: 2 } both ? both : null,
            Patience, "the confirming unit's two notices");
        Assert.Contains(waiting, n => n!.Str("title").Contains(first.Title, StringComparison.Ordinal));
        Assert.Contains(waiting, n => n!.Str("title").Contains(second.Title, StringComparison.Ordinal));
        Assert.All(waiting, n => Assert.Contains("Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung", n!.Str("body"), StringComparison.Ordinal));
        Assert.True(NotificationKinds.Get("registration_awaiting_confirmation").Digestible);
        Assert.DoesNotContain(await InboxAsync(filingOfficer), n => n!.Str("kind") == "registration_awaiting_confirmation");

        // Confirmed by the unit above: the co-author learns it too, and that the lead files the dossier.
        await host.PublishAsync(team.Changed(first, "registered", "confirmed", upperOfficer.Id, null));
        var confirmed = await LettersAsync(team.CoAuthorEmail, "đã được xác nhận đăng ký", 1);
        Assert.Contains("Tác giả chính (Trần Thị Bình) lập và nộp hồ sơ", Assert.Single(confirmed).TextBody, StringComparison.Ordinal);
        Assert.Contains(await NoticesAsync(team.Lead, first.InitiativeId, 2, "the lead's confirmation"), n => n.Str("kind") == "registration_confirmed");
    }

    [Fact]
    public async Task Each_decision_names_its_level_so_recognition_at_province_then_at_central_level_is_two_distinct_notices()
    {
        var team = Team.New();
        var r = team.Registered($"Tưới nhỏ giọt tiết kiệm nước {Guid.NewGuid():N}");
        var day = new DateOnly(2026, 12, 15);

        await host.PublishAsync(team.Changed(r, "under_appraisal", "recognized", "council:tinh", "Quyết định số 12/QĐ-HĐTĐ",
            new CouncilAct("province", "12/QĐ-HĐTĐ", day, "Sáng kiến có phạm vi ảnh hưởng rộng.")));
        await host.PublishAsync(team.Changed(r, "recognized", "nominated", "council:tinh", "Đề cử", new CouncilAct("province", ToLevel: "central")));
        await host.PublishAsync(team.Changed(r, "under_appraisal", "recognized", "council:tw", "Quyết định số 3/QĐ-HĐTW",
            new CouncilAct("central", "3/QĐ-HĐTW", day.AddDays(20))));

        var notices = await NoticesAsync(team.Lead, r.InitiativeId, 3, "the three notices of the councils' acts");
        Assert.Equal(3, notices.Count);
        Assert.DoesNotContain(notices, n => n.Str("kind") == "initiative_status_changed");
        var recognized = notices.Where(n => n.Str("kind") == "initiative_recognized").ToList();
        Assert.Equal(2, recognized.Count);
        var province = Assert.Single(recognized, n => n.Str("title").EndsWith("được công nhận cấp tỉnh", StringComparison.Ordinal));
        var central = Assert.Single(recognized, n => n.Str("title").EndsWith("được công nhận cấp Trung ương", StringComparison.Ordinal));
        Assert.Contains("Quyết định số 12/QĐ-HĐTĐ ngày 15/12/2026", province.Str("body"), StringComparison.Ordinal);
        Assert.Contains("đề cử những sáng kiến tiêu biểu lên hội đồng cấp Trung ương", province.Str("body"), StringComparison.Ordinal);
        Assert.Contains("Quyết định số 3/QĐ-HĐTW ngày 04/01/2027", central.Str("body"), StringComparison.Ordinal);
        Assert.Contains("Người Việt đoàn kết sáng tạo", central.Str("body"), StringComparison.Ordinal);
        var nominated = Assert.Single(notices, n => n.Str("kind") == "initiative_nominated");
        Assert.Contains("lên hội đồng cấp Trung ương", nominated.Str("title"), StringComparison.Ordinal);

        // The co-author gets the same three, by e-mail, each subject its own.
        var letters = await LettersAsync(team.CoAuthorEmail, r.Title, 3);
        Assert.Equal(3, letters.Select(l => l.Subject).Distinct().Count());
    }

    [Fact]
    public async Task Secretaries_are_told_of_a_new_case_a_resubmission_and_a_nomination()
    {
        var id = Guid.NewGuid().ToString("N");
        var secretary = new Person($"thuky.{id}", "Đỗ Minh Châu", PlatformRoles.CouncilSecretary, "VN/01");
        CouncilSecretary[] secretaries = [new(secretary.Id, secretary.Name, $"thuky.{id}@example.vn")];
        AppraisalCaseOpened Opened(string title, int version, string level, string? from) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(),
            Guid.NewGuid(), level, Guid.NewGuid(), version, $"Hội đồng thẩm định sáng kiến {id}", title, secretaries, from);
        var fresh = Opened($"Hồ sơ mới {id}", 1, "province", null);
        var again = Opened($"Hồ sơ bổ sung {id}", 2, "province", null);
        var nominated = Opened($"Hồ sơ đề cử {id}", 1, "central", "province");

        await host.PublishAsync(fresh);
        await host.PublishAsync(again);
        await host.PublishAsync(nominated);

        var opened = Assert.Single(await NoticesAsync(secretary, fresh.CaseId, 1, "the new case's notice"));
        Assert.Equal("appraisal_case_opened", opened.Str("kind"));
        Assert.Contains(fresh.Title!, opened.Str("title"), StringComparison.Ordinal);
        Assert.Contains("Bước tiếp theo: Sơ loại hồ sơ", opened.Str("body"), StringComparison.Ordinal);
        var resubmitted = Assert.Single(await NoticesAsync(secretary, again.CaseId, 1, "the resubmission's notice"));
        Assert.Equal("appraisal_case_resubmitted", resubmitted.Str("kind"));
        Assert.Contains("lần 2", resubmitted.Str("title"), StringComparison.Ordinal);
        var fromBelow = Assert.Single(await NoticesAsync(secretary, nominated.CaseId, 1, "the nomination's notice"));
        Assert.Equal("appraisal_case_nominated", fromBelow.Str("kind"));
        Assert.Contains("hội đồng cấp tỉnh", fromBelow.Str("title"), StringComparison.Ordinal);
        Assert.Single(await LettersAsync($"thuky.{id}@example.vn", nominated.Title!, 1));
    }

    [Fact]
    public async Task A_redelivered_event_tells_no_one_twice()
    {
        var team = Team.New();
        var first = team.Registered($"Nhà kính thông minh {Guid.NewGuid():N}");
        var later = team.Registered($"Thu gom rác phân loại {Guid.NewGuid():N}");

        await host.PublishAsync(first);
        await host.PublishAsync(first);
        await host.PublishAsync(later);

        // The later event's notice and letter are the signal that the redelivery, published before it, has been handled.
        await NoticesAsync(team.Lead, later.InitiativeId, 1, "the later registration's notice");
        await LettersAsync(team.CoAuthorEmail, later.Title, 1);
        // Filed once each: the lead's, the co-author's (under their e-mail) and the confirming unit's; mailed once to each author.
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM notifications WHERE subject_id = @id", first.InitiativeId));
        Assert.Equal(2, await CountAsync(
            "SELECT count(*) FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.subject_id = @id", first.InitiativeId));
        Assert.Single(await LettersAsync(team.CoAuthorEmail, first.Title, 1));
        Assert.Single(await NoticesAsync(team.Lead, first.InitiativeId, 1, "the first registration's notice"));
    }

    /// <summary>
    /// A template may use only the placeholders its kind declares (an operator's edit is checked against them), and a notice
    /// fills only those: a name spelled differently in either would leave a hole in the message.
    /// </summary>
    [Fact]
    public void Templates_and_notices_name_only_the_placeholders_their_kind_declares()
    {
        foreach (var kind in NotificationKinds.All)
        {
            var declared = kind.Placeholders.Select(p => p.Name).ToHashSet();
            foreach (var (channel, text) in kind.Defaults)
            {
                var used = Names().Matches($"{text.Subject} {text.Body}").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
                Assert.True(used.All(declared.Contains), $"{kind.Code} ({channel}) uses {string.Join(", ", used.Except(declared))}");
            }
        }

        var team = Team.New();
        var r = team.Registered("Sổ điểm điện tử");
        var notices = Notices.Registered(r)
            .Concat(Notices.StatusChanged(team.Changed(r, "registered", "returned", "canbo", "Thiếu phạm vi áp dụng")))
            .Concat(Notices.StatusChanged(team.Changed(r, "registered", "confirmed", "canbo", null)))
            .Concat(Notices.StatusChanged(team.Changed(r, "under_appraisal", "dossier_returned", "council:x", "Thiếu tờ trình", new CouncilAct("province"))))
            .Concat(Notices.StatusChanged(team.Changed(r, "under_appraisal", "not_recognized", "council:x", "Loại", new CouncilAct("commune", "1/BB", null, null))))
            .Concat(Notices.StatusChanged(team.Changed(r, "confirmed", "withdrawn", team.Lead.Id, "Chuyển công tác")))
            .Concat(Notices.DossierReceived(new DossierSubmitted(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), 2, r.InitiativeId, r.CampaignId,
                r.Title, r.Kind, null, r.OrganizationId, "01", "00004", [], team.Lead.Id, team.Authors)))
            .ToList();
        Assert.Equal(["initiative_registered", "registration_awaiting_confirmation", "registration_returned", "registration_confirmed", "dossier_returned",
            "initiative_not_recognized", "initiative_status_changed", "dossier_received"], notices.Select(n => n.Kind).Distinct());
        foreach (var notice in notices)
        {
            var declared = NotificationKinds.Get(notice.Kind).Placeholders.Select(p => p.Name);
            Assert.True(notice.Values.Keys.All(declared.Contains), $"{notice.Kind} fills {string.Join(", ", notice.Values.Keys.Except(declared))}");
        }

        // The lead withdrew it: the co-author is told, the lead is not.
        Assert.Equal([$"email:{team.CoAuthorEmail}"], notices.Where(n => n.Kind == "initiative_status_changed").Select(n => n.RecipientId));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{-?\s*([a-z_]+)|\{%-?\s*(?:if|unless|elsif)\s+([a-z_]+)")]
    private static partial System.Text.RegularExpressions.Regex Names();
}
