extern alias notification;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;
using Kinds = notification::DoanKetSangTao.Notification.API.Domain.NotificationKinds;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Mẫu thông báo, through the API against the real service: an operator's edit words the very next message (in the
/// inbox and in the SMTP sink), an invalid template changes nothing, a rollback restores the old text, a preview changes
/// nothing, a test send really goes out, and no one but an operator reaches any of it.
/// </summary>
public sealed class NotificationTemplateTests(ServiceHost<notification::Program> host) : IClassFixture<ServiceHost<notification::Program>>
{
    private const string Api = "/api/v1/notification-templates";
    private const string Registered = "initiative_registered";

    private static readonly Person Operator = new("vanhanh.mau", "Bùi Thị Khánh", PlatformRoles.Operator, "VN");

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>One time for every registration, so that notices worded by the same template read the same.</summary>
    private static readonly DateTimeOffset RegisteredAt = new(2026, 12, 7, 9, 30, 0, TimeSpan.FromHours(7));

    /// <summary>
    /// A kind whose templates no test of the class changes (the refusals and previews leave it as shipped), and another
    /// that the test send edits: picked from the catalogue by the channels they ship, whatever kinds it holds.
    /// </summary>
    private static readonly string UnchangedKind = Kinds.All
        .First(k => k.Code != Registered && new[] { "in_app", "email", "sms" }.All(k.Defaults.ContainsKey)).Code;

    private static readonly string SentKind = Kinds.All
        .Last(k => k.Code != Registered && k.Code != UnchangedKind && new[] { "in_app", "email" }.All(k.Defaults.ContainsKey)).Code;

    [Fact]
    public async Task An_edit_words_the_next_message_a_rollback_restores_the_old_text_and_a_failing_one_falls_back()
    {
        // Only recipient_name is used (every kind has it, whatever its other placeholders), and the event's title is the
        // same each time, so that the default's wording can be compared across notices.
        const string title = "Sổ tay số cho tổ dân phố";
        var author = new Person($"tacgia.mau.{Guid.NewGuid():N}", "Trần Thị Bình", PlatformRoles.Author, "VN/01/00004");
        var email = $"{author.Id}@example.org";
        var shipped = await RegisterAsync(author, author.Name, email, title);

        using var op = host.Client(Operator);
        var v1 = await op.PutJsonAsync($"{Api}/{Registered}/in_app",
            new { subject = "Bản sửa một – {{ recipient_name }}", body = "Nội dung sửa một cho {{ recipient_name }}.", note = "Thêm lời chào" },
            HttpStatusCode.Created);
        Assert.Equal(1, v1["version"]!.GetValue<int>());
        await op.PutJsonAsync($"{Api}/{Registered}/email",
            new { subject = "[Thư sửa] Gửi {{ recipient_name }}", body = "Xin chào {{ recipient_name }}!\n\n(mẫu thư sửa)" }, HttpStatusCode.Created);

        var first = await RegisterAsync(author, author.Name, email, title);
        Assert.Equal("Bản sửa một – Trần Thị Bình", first.Str("title"));
        Assert.Equal("Nội dung sửa một cho Trần Thị Bình.", first.Str("body"));
        var letter = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(
            Mailbox.To(email).SingleOrDefault(m => m.Subject?.StartsWith("[Thư sửa]", StringComparison.Ordinal) == true)), Wait, "the letter in the new words");
        Assert.Equal("[Thư sửa] Gửi Trần Thị Bình", letter!.Subject);
        Assert.StartsWith("Xin chào Trần Thị Bình!", letter.TextBody, StringComparison.Ordinal);

        // A second edit, then back to the first: a new version (3) with the first one's text; history is kept.
        await op.PutJsonAsync($"{Api}/{Registered}/in_app",
            new { subject = "Bản sửa hai – {{ recipient_name }}", body = "Hai.", baseVersion = 1 }, HttpStatusCode.Created);
        var restored = await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 1 }, HttpStatusCode.Created);
        Assert.Equal(3, restored["version"]!.GetValue<int>());
        Assert.Equal(1, restored["restoredFrom"]!.GetValue<int>());
        Assert.Equal("Bản sửa một – Trần Thị Bình", (await RegisterAsync(author, author.Name, email, title)).Str("title"));

        // Back to the shipped default (version 0): the kind's own wording again.
        var back = await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 0, note = "Dùng lại mẫu mặc định" }, HttpStatusCode.Created);
        Assert.True(back["isDefault"]!.GetValue<bool>());
        var again = await RegisterAsync(author, author.Name, email, title);
        Assert.Equal(shipped.Str("title"), again.Str("title"));
        Assert.Equal(shipped.Str("body"), again.Str("body"));

        var template = await op.GetJsonAsync($"{Api}/{Registered}/in_app", HttpStatusCode.OK);
        Assert.Equal(4, template["activeVersion"]!.GetValue<int>());
        Assert.Equal([4, 3, 2, 1, 0], template["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("Nội dung sửa một cho {{ recipient_name }}.", template["versions"]![3]!.Str("body"));
        Assert.Equal("Bùi Thị Khánh", template["versions"]![0]!.Str("authorName"));

        // Restoring the text already in force adds nothing; an unknown version is not found.
        await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 0 }, HttpStatusCode.OK);
        await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 9 }, HttpStatusCode.NotFound);

        // A version that passes with the samples but runs away with a real value (a long name): the notice still
        // arrives, worded by the default.
        var longName = "Hợp tác xã " + string.Concat(Enumerable.Repeat("Nông nghiệp ", 12));
        var byDefault = await RegisterAsync(author, longName, email, title);
        await op.PutJsonAsync($"{Api}/{Registered}/in_app", new
        {
            subject = "Mẫu chạy mãi",
            body = "Chào{% assign n = recipient_name.size | minus: 20 %}{% for i in (1..n) %}{% for j in (1..n) %}{% for k in (1..n) %}{% endfor %}{% endfor %}{% endfor %}",
        }, HttpStatusCode.Created);
        var fallen = await RegisterAsync(author, longName, email, title);
        Assert.Equal(byDefault.Str("title"), fallen.Str("title"));
        Assert.Equal(byDefault.Str("body"), fallen.Str("body"));
        Assert.NotEqual("Mẫu chạy mãi", fallen.Str("title"));
    }

    [Fact]
    public async Task An_invalid_template_is_refused_and_changes_nothing()
    {
        var kind = UnchangedKind;
        using var op = host.Client(Operator);
        var before = await op.GetJsonAsync($"{Api}/{kind}/sms", HttpStatusCode.OK);
        var placeholders = before["placeholders"]!.AsArray().Select(p => p!.Str("name")).ToList();
        Assert.Contains("recipient_name", placeholders);

        var syntax = await Refused(op, $"{Api}/{kind}/sms", new { body = "{{ recipient_name | khong_dau " }, "template_syntax_error");
        Assert.NotEmpty(syntax["errors"]!["body"]!.AsArray());
        var unknown = await Refused(op, $"{Api}/{kind}/sms", new { body = "{{ ten_sang_kien | khong_dau }}" }, "template_unknown_placeholder");
        Assert.Contains("ten_sang_kien", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Refused(op, $"{Api}/{kind}/sms", new { body = "{{ recipient_name }} ơi" }, "sms_not_gsm7");
        await Refused(op, $"{Api}/{kind}/sms", new { body = new string('x', 307) }, "sms_too_long");
        await Refused(op, $"{Api}/{kind}/email", new { body = "{{ recipient_name }}" }, "template_subject_required");
        await Refused(op, $"{Api}/{kind}/in_app", new { subject = "Thử", body = "{% include 'khac' %}" }, "template_tag_not_allowed");

        // Zalo: a kind that ships a Zalo template (decisions, reminders, digests) refuses a parameter over its type's cap.
        var overCap = new { body = "customer_name [customer_name]: {{ recipient_name }} {{ recipient_name }} {{ recipient_name }}", providerTemplateId = "231677" };
        await Refused(op, $"{Api}/digest/zalo", overCap, "zalo_parameter_too_long");

        foreach (var channel in new[] { "sms", "email", "in_app" })
        {
            var after = await op.GetJsonAsync($"{Api}/{kind}/{channel}", HttpStatusCode.OK);
            Assert.Equal(0, after["activeVersion"]!.GetValue<int>());
            Assert.Single(after["versions"]!.AsArray());
        }

        Assert.Equal(before.ToJsonString(), (await op.GetJsonAsync($"{Api}/{kind}/sms", HttpStatusCode.OK)).ToJsonString());
    }

    [Fact]
    public async Task A_preview_renders_a_proposal_or_the_template_in_force_and_changes_nothing()
    {
        var kind = UnchangedKind;
        using var op = host.Client(Operator);
        var proposal = await op.PostJsonAsync($"{Api}/{kind}/sms/preview",
            new { body = "Kinh gui {{ recipient_name | khong_dau }}", values = new { recipient_name = "Đặng Thị Hoa" } }, HttpStatusCode.OK);
        Assert.Equal("Kinh gui Dang Thi Hoa", proposal.Str("body"));
        Assert.Equal("Đặng Thị Hoa", proposal["values"]!.Str("recipient_name"));
        Assert.Null(proposal["version"]);

        // The template in force (the default) previews as the same text proposed would.
        var shipped = (await op.GetJsonAsync($"{Api}/{kind}/email", HttpStatusCode.OK))["active"]!;
        var inForce = await op.PostJsonAsync($"{Api}/{kind}/email/preview", new { }, HttpStatusCode.OK);
        var same = await op.PostJsonAsync($"{Api}/{kind}/email/preview", new { subject = shipped.Str("subject"), body = shipped.Str("body") }, HttpStatusCode.OK);
        Assert.Equal(0, inForce["version"]!.GetValue<int>());
        Assert.Equal(same.Str("subject"), inForce.Str("subject"));
        Assert.Equal(same.Str("body"), inForce.Str("body"));

        // Saving the default's own text back adds no version.
        var unchanged = await op.PutJsonAsync($"{Api}/{kind}/email", new { subject = shipped.Str("subject"), body = shipped.Str("body") }, HttpStatusCode.OK);
        Assert.Equal(0, unchanged["version"]!.GetValue<int>());

        await Refused(op, $"{Api}/{kind}/sms/preview", new { body = "{{ khong_co }}" }, "template_unknown_placeholder");
        await Refused(op, $"{Api}/{kind}/sms/preview", new { values = new { khong_co = "x" } }, "template_value_unknown");

        var list = await op.GetJsonAsync(Api, HttpStatusCode.OK);
        var channels = list.AsArray().Single(k => k!.Str("kind") == kind)!["channels"]!.AsArray();
        Assert.All(channels, c => Assert.Equal(0, c!["activeVersion"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_test_send_goes_out_through_the_channels_sender()
    {
        var kind = SentKind;
        using var op = host.Client(Operator);
        await op.PutJsonAsync($"{Api}/{kind}/email",
            new { subject = "Thử mẫu cho {{ recipient_name }}", body = "Kính gửi {{ recipient_name }},\n-- gửi thử" }, HttpStatusCode.Created);

        var address = $"thu.mau.{Guid.NewGuid():N}@example.org";
        var queued = await op.PostJsonAsync($"{Api}/{kind}/email/test-send",
            new { address, values = new { recipient_name = "Lê Văn Thử" } }, HttpStatusCode.Accepted);
        Assert.Equal(1, queued["version"]!.GetValue<int>());
        var letter = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(Mailbox.To(address).SingleOrDefault()), Wait, "the test letter");
        Assert.Equal("Thử mẫu cho Lê Văn Thử", letter!.Subject);
        Assert.StartsWith("Kính gửi Lê Văn Thử,", letter.TextBody, StringComparison.Ordinal);
        Assert.Contains("-- gửi thử", letter.TextBody, StringComparison.Ordinal);

        var inbox = await op.PostJsonAsync($"{Api}/{kind}/in_app/test-send", new { }, HttpStatusCode.Accepted);
        var notices = await op.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK);
        Assert.Contains(notices.AsArray(), n => n!.Str("id") == inbox.Str("notificationId") && n!.Str("kind") == kind);

        await Refused(op, $"{Api}/{kind}/email/test-send", new { address = "khong-phai-dia-chi" }, "validation_failed");
    }

    [Fact]
    public async Task Only_operators_reach_templates()
    {
        using var officer = host.Client(People.HanoiOfficer);
        using var author = host.Client(People.AuthorBinh);
        using var anonymous = host.Client();

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync($"{Api}/{Registered}/email")).StatusCode);
        using var put = await officer.PutAsJsonAsync($"{Api}/{Registered}/email", new { subject = "x", body = "y" });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        using var send = await author.PostAsJsonAsync($"{Api}/{Registered}/email/test-send", new { address = "a@example.org" });
        Assert.Equal(HttpStatusCode.Forbidden, send.StatusCode);
        using var rollback = await officer.PostAsJsonAsync($"{Api}/{Registered}/email/rollback", new { version = 0 });
        Assert.Equal(HttpStatusCode.Forbidden, rollback.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Api)).StatusCode);
    }

    /// <summary>Publishes a registration by <paramref name="author"/> and answers the inbox notice it became.</summary>
    private async Task<JsonNode> RegisterAsync(Person author, string contactName, string email, string title)
    {
        var registered = new InitiativeRegistered(Guid.NewGuid(), RegisteredAt, Guid.NewGuid(), Guid.NewGuid(), title, "sang_kien",
            Guid.NewGuid(), "01", "00004", author.Id, contactName, email);
        await host.PublishAsync(registered);
        using var client = host.Client(author);
        return (await TestInfrastructure.EventuallyAsync(async () =>
            (await client.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK)).AsArray()
                .SingleOrDefault(n => n!["subjectId"]?.GetValue<string>() == registered.InitiativeId.ToString()),
            Wait, $"the notice of “{title}”"))!;
    }

    private static async Task<JsonNode> Refused(HttpClient client, string path, object body, string code)
    {
        using var response = path.EndsWith("preview", StringComparison.Ordinal) || path.EndsWith("test-send", StringComparison.Ordinal)
            ? await client.PostAsJsonAsync(path, body)
            : await client.PutAsJsonAsync(path, body);
        var problem = await response.ReadAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.Str("code"));
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        return problem;
    }
}
