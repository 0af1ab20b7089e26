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

    [Fact]
    public async Task An_edit_words_the_next_message_and_a_rollback_restores_the_old_text()
    {
        using var op = host.Client(Operator);
        var v1 = await op.PutJsonAsync($"{Api}/{Registered}/in_app",
            new { subject = "Đã ghi nhận: {{ title }}", body = "Bản sửa thứ nhất. {{ body }}", note = "Thêm lời mở đầu" }, HttpStatusCode.Created);
        Assert.Equal(1, v1["version"]!.GetValue<int>());
        var mail = await op.PutJsonAsync($"{Api}/{Registered}/email",
            new { subject = "[Đoàn kết sáng tạo] {{ title }}", body = "Xin chào {{ recipient_name }}!\n\n{{ body }}\n\n(mẫu thư sửa)" }, HttpStatusCode.Created);
        Assert.Equal(1, mail["version"]!.GetValue<int>());

        var author = new Person($"tacgia.mau.{Guid.NewGuid():N}", "Trần Thị Bình", PlatformRoles.Author, "VN/01/00004");
        var email = $"{author.Id}@example.org";
        var first = await RegisterAsync(author, email, "Sổ tay số cho tổ dân phố");
        Assert.Equal("Đã ghi nhận: Đã đăng ký sáng kiến “Sổ tay số cho tổ dân phố”", first.Str("title"));
        Assert.StartsWith("Bản sửa thứ nhất. Sáng kiến “Sổ tay số cho tổ dân phố”", first.Str("body"), StringComparison.Ordinal);
        var letter = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(Mailbox.To(email).SingleOrDefault()), Wait, "the author's letter");
        Assert.Equal("[Đoàn kết sáng tạo] Đã đăng ký sáng kiến “Sổ tay số cho tổ dân phố”", letter!.Subject);
        Assert.StartsWith("Xin chào Trần Thị Bình!", letter.TextBody, StringComparison.Ordinal);
        Assert.Contains("(mẫu thư sửa)", letter.TextBody, StringComparison.Ordinal);

        // A second edit, then back to the first: a new version (3) with the first one's text; history is kept.
        await op.PutJsonAsync($"{Api}/{Registered}/in_app", new { subject = "Bản hai: {{ title }}", body = "{{ body }}", baseVersion = 1 }, HttpStatusCode.Created);
        var restored = await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 1 }, HttpStatusCode.Created);
        Assert.Equal(3, restored["version"]!.GetValue<int>());
        Assert.Equal(1, restored["restoredFrom"]!.GetValue<int>());
        var second = await RegisterAsync(author, email, "Bản đồ số khu phố");
        Assert.Equal("Đã ghi nhận: Đã đăng ký sáng kiến “Bản đồ số khu phố”", second.Str("title"));

        // Back to the shipped default (version 0): the kind's own wording again.
        var shipped = await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 0, note = "Dùng lại mẫu mặc định" }, HttpStatusCode.Created);
        Assert.True(shipped["isDefault"]!.GetValue<bool>());
        var third = await RegisterAsync(author, email, "Chợ phiên không tiền mặt");
        Assert.Equal("Đã đăng ký sáng kiến “Chợ phiên không tiền mặt”", third.Str("title"));

        var template = await op.GetJsonAsync($"{Api}/{Registered}/in_app", HttpStatusCode.OK);
        Assert.Equal(4, template["activeVersion"]!.GetValue<int>());
        Assert.Equal([4, 3, 2, 1, 0], template["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("Bản sửa thứ nhất. {{ body }}", template["versions"]![3]!.Str("body"));
        Assert.Equal("Bùi Thị Khánh", template["versions"]![0]!.Str("authorName"));

        // Saving the text already in force adds nothing.
        await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 0 }, HttpStatusCode.OK);
        await op.PostJsonAsync($"{Api}/{Registered}/in_app/rollback", new { version = 9 }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_template_is_refused_and_changes_nothing()
    {
        const string kind = "initiative_status_changed";
        using var op = host.Client(Operator);
        var before = await op.GetJsonAsync($"{Api}/{kind}/sms", HttpStatusCode.OK);
        var placeholders = before["placeholders"]!.AsArray().Select(p => p!.Str("name")).ToList();
        Assert.Contains("recipient_name", placeholders);

        var syntax = await Refused(op, $"{Api}/{kind}/sms", new { body = "{{ title | khong_dau " }, "template_syntax_error");
        Assert.NotEmpty(syntax["errors"]!["body"]!.AsArray());
        var unknown = await Refused(op, $"{Api}/{kind}/sms", new { body = "{{ ten_sang_kien | khong_dau }}" }, "template_unknown_placeholder");
        Assert.Contains("ten_sang_kien", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Refused(op, $"{Api}/{kind}/sms", new { body = "{{ recipient_name }} ơi" }, "sms_not_gsm7");
        await Refused(op, $"{Api}/{kind}/sms", new { body = new string('x', 307) }, "sms_too_long");
        await Refused(op, $"{Api}/{kind}/email", new { body = "{{ body }}" }, "template_subject_required");
        await Refused(op, $"{Api}/{kind}/in_app", new { subject = "{{ title }}", body = "{% include 'khac' %}" }, "template_tag_not_allowed");

        // Zalo: a kind that ships a Zalo template refuses a parameter over its cap; a kind that ships none has no Zalo template.
        var zaloKind = Kinds.All.FirstOrDefault(k => k.Defaults.ContainsKey("zalo"));
        var overCap = new { body = "customer_name [customer_name]: {{ recipient_name }} {{ recipient_name }} {{ recipient_name }}", providerTemplateId = "231677" };
        if (zaloKind is not null)
        {
            await Refused(op, $"{Api}/{zaloKind.Code}/zalo", overCap, "zalo_parameter_too_long");
        }
        else
        {
            using var response = await op.PutAsJsonAsync($"{Api}/{kind}/zalo", overCap);
            Assert.Equal("notification_template_not_found", (await response.ReadAsync(HttpStatusCode.NotFound)).Str("code"));
        }

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
        const string kind = "certificate_revoked";
        using var op = host.Client(Operator);
        var proposal = await op.PostJsonAsync($"{Api}/{kind}/sms/preview",
            new { body = "{{ title | khong_dau }} - {{ recipient_name | khong_dau }}", values = new { recipient_name = "Đặng Thị Hoa" } }, HttpStatusCode.OK);
        Assert.EndsWith(" - Dang Thi Hoa", proposal.Str("body"), StringComparison.Ordinal);
        Assert.Null(proposal["version"]);

        var inForce = await op.PostJsonAsync($"{Api}/{kind}/email/preview", new { }, HttpStatusCode.OK);
        Assert.Equal(0, inForce["version"]!.GetValue<int>());
        Assert.StartsWith("Kính gửi Nguyễn Văn An", inForce.Str("body"), StringComparison.Ordinal);

        await Refused(op, $"{Api}/{kind}/sms/preview", new { body = "{{ khong_co }}" }, "template_unknown_placeholder");
        await Refused(op, $"{Api}/{kind}/sms/preview", new { values = new { khong_co = "x" } }, "template_value_unknown");

        var list = await op.GetJsonAsync(Api, HttpStatusCode.OK);
        var channels = list.AsArray().Single(k => k!.Str("kind") == kind)!["channels"]!.AsArray();
        Assert.All(channels, c => Assert.Equal(0, c!["activeVersion"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_test_send_goes_out_through_the_channels_sender()
    {
        const string kind = "appraisal_case_assigned";
        using var op = host.Client(Operator);
        await op.PutJsonAsync($"{Api}/{kind}/email",
            new { subject = "Thử mẫu: {{ title }}", body = "Kính gửi {{ recipient_name }},\n{{ body }}\n-- gửi thử" }, HttpStatusCode.Created);

        var address = $"thu.mau.{Guid.NewGuid():N}@example.org";
        var queued = await op.PostJsonAsync($"{Api}/{kind}/email/test-send",
            new { address, values = new { recipient_name = "Lê Văn Thử" } }, HttpStatusCode.Accepted);
        Assert.Equal(1, queued["version"]!.GetValue<int>());
        var letter = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(Mailbox.To(address).SingleOrDefault()), Wait, "the test letter");
        Assert.StartsWith("Thử mẫu: ", letter!.Subject, StringComparison.Ordinal);
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
    private async Task<JsonNode> RegisterAsync(Person author, string email, string title)
    {
        var registered = new InitiativeRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), title, "sang_kien",
            Guid.NewGuid(), "01", "00004", author.Id, author.Name, email);
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
