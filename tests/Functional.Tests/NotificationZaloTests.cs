extern alias notification;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ProviderSimulators;
using DoanKetSangTao.Tests.Support;
using NDomain = notification::DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Zalo ZNS end to end: a kind ships Zalo parameter lines without an approved template id; the plan leaves Zalo out until an
/// operator saves the id through the templates API; then a person who prefers Zalo gets the ZNS message at the local Zalo
/// server with the approved id and the rendered parameters; a Zalo refusal hands over to SMS, and an SMS refusal to e-mail.
/// Every notice goes through the dispatcher (preferences, plan) and the real queue and adapters.
/// </summary>
public sealed class NotificationZaloTests(ProvidersOnHost host) : IClassFixture<ProvidersOnHost>
{
    private const string Templates = "/api/v1/notification-templates";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly Person Operator = new("vanhanh.zalo", "Bùi Thị Khánh", PlatformRoles.Operator, "VN");

    [Fact]
    public async Task Zalo_is_planned_only_once_the_approved_id_is_set_and_then_carries_the_rendered_parameters()
    {
        const string kind = NDomain.Notices.InitiativeRecognizedKind;
        var (person, phone, email) = await PersonPreferringZaloAsync("Lê Thị Thu");
        using var op = host.Client(Operator);

        // Shipped without an id: marked as needing one, no test send, and the plan starts at SMS.
        var shipped = await GetAsync(op, $"{Templates}/{kind}/zalo");
        Assert.True(shipped["needsProviderTemplateId"]!.GetValue<bool>());
        Assert.Null(shipped["active"]!["providerTemplateId"]);
        using (var test = await op.PostAsJsonAsync($"{Templates}/{kind}/zalo/test-send", new { address = phone.Written }))
        {
            Assert.Equal("zalo_template_id_missing", (await test.ReadAsync(HttpStatusCode.UnprocessableEntity)).Str("code"));
        }

        await host.DispatchAsync(Recognized(person, phone.Written, email, "Sổ tay điện tử cho tổ hòa giải"));
        var sms = await TestInfrastructure.EventuallyAsync(async () =>
            (await host.DeliveriesToAsync(Stored(phone))).SingleOrDefault(d => d.Status == "sent"), Wait, "the SMS sent while Zalo has no id");
        Assert.Equal("sms", sms.Channel);
        Assert.Empty(await host.ReceivedAsync(SimulatorState.Zalo, phone.International));

        // The operator registers the template with Zalo (here: the local server), then saves its id.
        var templateId = await RegisterAtZaloAsync(new()
        {
            ["ten_nguoi_nhan"] = 30, ["ten_sang_kien"] = 200, ["cap_hoi_dong"] = 30, ["so_quyet_dinh"] = 30, ["ngay_quyet_dinh"] = 20,
        });
        var saved = await op.PutJsonAsync($"{Templates}/{kind}/zalo",
            new { body = shipped["active"]!["body"]!.GetValue<string>(), providerTemplateId = templateId, note = "Mã mẫu ZNS đã được Zalo duyệt" },
            HttpStatusCode.Created);
        Assert.Equal(templateId, saved.Str("providerTemplateId"));
        Assert.False((await GetAsync(op, $"{Templates}/{kind}/zalo"))["needsProviderTemplateId"]!.GetValue<bool>());

        await host.DispatchAsync(Recognized(person, phone.Written, email, "Bản đồ số điểm sạt lở"));
        var zalo = await TestInfrastructure.EventuallyAsync(async () =>
            (await host.DeliveriesToAsync(Stored(phone))).SingleOrDefault(d => d.Channel == "zalo" && d.Status == "sent"), Wait, "the ZNS message");
        var received = Assert.Single(await host.ReceivedAsync(SimulatorState.Zalo, phone.International))!;
        Assert.Equal("0", received.Str("code"));
        Assert.Equal(templateId, received.Str("templateId"));
        Assert.Equal(zalo.Id.ToString("N"), received.Str("trackingId"));
        Assert.Equal(received.Str("providerMessageId"), zalo.ProviderMessageId);
        var data = received["templateData"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["ten_nguoi_nhan"] = "Lê Thị Thu",
            ["ten_sang_kien"] = "Bản đồ số điểm sạt lở",
            ["cap_hoi_dong"] = "cấp tỉnh",
            ["so_quyet_dinh"] = "27/QĐ-HĐTĐ",
            ["ngay_quyet_dinh"] = "15/12/2026",
        }, data);
        // Zalo took it: nothing else went for this notice (one SMS from before the id was set).
        Assert.Single(await host.ReceivedAsync(SimulatorState.Esms, phone.National));
    }

    [Fact]
    public async Task A_zalo_refusal_falls_back_to_sms_and_an_sms_refusal_then_to_email()
    {
        const string kind = NDomain.Notices.InitiativeNominatedKind;
        using var op = host.Client(Operator);
        var templateId = await RegisterAtZaloAsync(new() { ["ten_nguoi_nhan"] = 30, ["ten_sang_kien"] = 200, ["cap_de_cu"] = 30 });
        var shipped = await GetAsync(op, $"{Templates}/{kind}/zalo");
        await op.PutJsonAsync($"{Templates}/{kind}/zalo", new { body = shipped["active"]!["body"]!.GetValue<string>(), providerTemplateId = templateId },
            HttpStatusCode.Created);

        // No Zalo account for either number (-118, for good); the second number is also blocked at the SMS gateway (99).
        var (toSms, smsPhone, _) = await PersonPreferringZaloAsync("Phạm Văn Minh");
        var (toEmail, emailPhone, email) = await PersonPreferringZaloAsync("Đỗ Thị Lan");
        await host.TellToFailAsync(new Fault(SimulatorState.Zalo, "-118", Phone: smsPhone.International));
        await host.TellToFailAsync(new Fault(SimulatorState.Zalo, "-118", Phone: emailPhone.International));
        await host.TellToFailAsync(new Fault(SimulatorState.Esms, "99", Phone: emailPhone.National));
        await host.DispatchAsync(Nominated(toSms, smsPhone.Written, ChannelNotices.NewEmail(), "Ứng dụng đặt lịch khám bệnh"));
        await host.DispatchAsync(Nominated(toEmail, emailPhone.Written, email, "Thùng rác phân loại tại nguồn"));

        var bySms = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var all = await host.DeliveriesToAsync(Stored(smsPhone));
            return all.Any(d => d.Channel == "sms" && d.Status == "sent") ? all : null;
        }, Wait, "the SMS the refused ZNS fell back to");
        Assert.Equal([("zalo", "failed"), ("sms", "sent")], bySms.Select(d => (d.Channel, d.Status)));
        Assert.Equal(bySms[0].Id, bySms[1].FallbackOf);
        Assert.StartsWith("-118:", Assert.Single(await host.AttemptsAsync(bySms[0].Id)).Error, StringComparison.Ordinal);
        Assert.Contains("Ung dung dat lich kham benh", Assert.Single(await host.ReceivedAsync(SimulatorState.Esms, smsPhone.National))!.Str("content"),
            StringComparison.Ordinal);

        var letter = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(Mailbox.To(email).SingleOrDefault()), Wait, "the e-mail after Zalo and SMS refused");
        Assert.Contains("Thùng rác phân loại tại nguồn", letter.Subject, StringComparison.Ordinal);
        var chain = await host.DeliveriesToAsync(Stored(emailPhone), email);
        Assert.Equal([("zalo", "failed"), ("sms", "failed"), ("email", "sent")], chain.Select(d => (d.Channel, d.Status)));
        Assert.Equal([chain[0].Id, chain[1].Id], [chain[1].FallbackOf!.Value, chain[2].FallbackOf!.Value]);
        Assert.StartsWith("-118:", Assert.Single(await host.AttemptsAsync(chain[0].Id)).Error, StringComparison.Ordinal);
        Assert.StartsWith("99:", Assert.Single(await host.AttemptsAsync(chain[1].Id)).Error, StringComparison.Ordinal);
    }

    /// <summary>A person who chose Zalo, then SMS, then e-mail for decisions, with a fresh number.</summary>
    private async Task<(Person Person, (string Written, string National, string International) Phone, string Email)> PersonPreferringZaloAsync(string name)
    {
        var person = new Person($"tacgia.zalo.{Guid.NewGuid():N}", name, PlatformRoles.Author, "VN/01/00004");
        var phone = NotificationChannelsHost.NewPhone();
        using var http = host.Client(person);
        await http.PutJsonAsync("/api/v1/notification-preferences", new
        {
            phone = phone.Written,
            digest = "immediate",
            categories = new[] { new { category = NDomain.NotificationCategories.Appraisal, channels = new[] { "zalo", "sms", "email" } } },
        }, HttpStatusCode.OK);
        return (person, phone, ChannelNotices.NewEmail());
    }

    /// <summary>A template as Zalo approved it for the Official Account (the local server checks every parameter against it).</summary>
    private async Task<string> RegisterAtZaloAsync(Dictionary<string, int> parameters)
    {
        var templateId = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var sim = host.Simulators();
        using var response = await sim.PostAsJsonAsync("_sim/templates", new TemplateSpec(templateId, parameters));
        response.EnsureSuccessStatusCode();
        return templateId;
    }

    /// <summary>The number as preferences store it and deliveries carry it (+84…).</summary>
    private static string Stored((string Written, string National, string International) phone) => "+" + phone.International;

    private static async Task<JsonNode> GetAsync(HttpClient http, string path) => await http.GetJsonAsync(path, HttpStatusCode.OK);

    private static NDomain.Notice Recognized(Person person, string phone, string email, string title) =>
        new(NDomain.Notices.InitiativeRecognizedKind, person.Id, person.Name, new NDomain.Contact(email, phone), Guid.NewGuid(), new Dictionary<string, string>
        {
            ["initiative_title"] = title, ["level_name"] = "cấp tỉnh", ["decision_number"] = "27/QĐ-HĐTĐ", ["decision_date"] = "15/12/2026",
            ["next_step"] = "Hội đồng cấp tỉnh xem xét đề cử lên hội đồng cấp Trung ương.",
        });

    private static NDomain.Notice Nominated(Person person, string phone, string email, string title) =>
        new(NDomain.Notices.InitiativeNominatedKind, person.Id, person.Name, new NDomain.Contact(email, phone), Guid.NewGuid(), new Dictionary<string, string>
        {
            ["initiative_title"] = title, ["from_level_name"] = "cấp tỉnh", ["to_level_name"] = "cấp Trung ương",
            ["next_step"] = "Hội đồng cấp Trung ương thẩm định sáng kiến từ hồ sơ đã nộp.",
        });
}
