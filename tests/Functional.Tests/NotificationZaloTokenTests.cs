extern alias notification;

using System.Net;
using System.Net.Http.Json;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ProviderSimulators;
using DoanKetSangTao.Tests.Support;
using NDomain = notification::DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Làm mới mã truy cập Zalo OA: the first send refreshes with the configured refresh token; when the access token expires,
/// ZNS refuses it (-124), one replica refreshes with the refresh token the last refresh answered (single-use), and the
/// messages go. Two replicas share the queue: never two refreshes at once, never a spent refresh token.
/// </summary>
public sealed class NotificationZaloTokenTests(ProvidersZaloOAuthHost host) : IClassFixture<ProvidersZaloOAuthHost>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_expired_token_is_refreshed_once_across_replicas_and_the_messages_then_go()
    {
        const string kind = NDomain.Notices.InitiativeRecognizedKind;
        var templateId = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var sim = host.Simulators())
        {
            using var registered = await sim.PostAsJsonAsync("_sim/templates", new TemplateSpec(templateId, new()
            {
                ["ten_nguoi_nhan"] = 30, ["ten_sang_kien"] = 200, ["cap_hoi_dong"] = 30, ["so_quyet_dinh"] = 30, ["ngay_quyet_dinh"] = 20,
            }));
            registered.EnsureSuccessStatusCode();
        }

        using var op = host.Client(new Person("vanhanh.zalo.token", "Bùi Thị Khánh", PlatformRoles.Operator, "VN"));
        var shipped = await op.GetJsonAsync($"/api/v1/notification-templates/{kind}/zalo", HttpStatusCode.OK);
        await op.PutJsonAsync($"/api/v1/notification-templates/{kind}/zalo",
            new { body = shipped["active"]!["body"]!.GetValue<string>(), providerTemplateId = templateId }, HttpStatusCode.Created);

        // First send: no token yet, one refresh with the refresh token the OA's authorization gave.
        var first = NotificationChannelsHost.NewPhone();
        await host.EnqueueAsync(Notice("Máy sấy nông sản năng lượng mặt trời"), (NDomain.NotificationChannels.Zalo, first.Written));
        await SentAsync(first.Written);
        var refreshes = await RefreshesAsync();
        Assert.Equal([(ProvidersZaloOAuthHost.FirstRefreshToken, true)], refreshes.Select(r => (r.RefreshToken, r.Accepted)));

        // 25 hours later: every token Zalo issued has expired; a burst of messages reaches both replicas.
        using (var sim = host.Simulators())
        {
            (await sim.PostAsync("_sim/zalo/expire", null)).EnsureSuccessStatusCode();
        }

        var phones = Enumerable.Range(0, 8).Select(_ => NotificationChannelsHost.NewPhone()).ToList();
        await host.EnqueueAllAsync(phones.Select(p => (Notice("Hệ thống tưới tự động"), NDomain.NotificationChannels.Zalo, p.Written)));
        foreach (var phone in phones)
        {
            await SentAsync(phone.Written);
            Assert.Single(await host.ReceivedAsync(SimulatorState.Zalo, phone.International), m => m!.Str("code") == "0");
        }

        // One more refresh, with the refresh token the first one answered; no refresh token used twice, none refused.
        refreshes = await RefreshesAsync();
        Assert.Equal(2, refreshes.Count);
        Assert.All(refreshes, r => Assert.True(r.Accepted));
        Assert.NotEqual(ProvidersZaloOAuthHost.FirstRefreshToken, refreshes[1].RefreshToken);
        // The expired token was refused at least once (-124) before the refresh.
        var answered = new List<string>();
        foreach (var phone in phones)
        {
            answered.AddRange((await host.ReceivedAsync(SimulatorState.Zalo, phone.International)).Select(m => m!.Str("code")));
        }

        Assert.Contains("-124", answered);
    }

    private async Task SentAsync(string address) => await TestInfrastructure.EventuallyAsync(async () =>
        (await host.DeliveriesToAsync(address)).SingleOrDefault(d => d.Status == "sent"), Wait, $"the ZNS message to {address}");

    private async Task<List<ZaloRefresh>> RefreshesAsync()
    {
        using var sim = host.Simulators();
        return (await sim.GetFromJsonAsync<List<ZaloRefresh>>("_sim/zalo/refreshes"))!;
    }

    private static NDomain.Notice Notice(string title) =>
        new(NDomain.Notices.InitiativeRecognizedKind, $"tacgia.{Guid.NewGuid():N}", "Ngô Văn Hải", new NDomain.Contact(), Guid.NewGuid(), new Dictionary<string, string>
        {
            ["recipient_name"] = "Ngô Văn Hải", ["initiative_title"] = title, ["level_name"] = "cấp tỉnh", ["decision_number"] = "31/QĐ-HĐTĐ",
            ["decision_date"] = "16/12/2026", ["next_step"] = "Chờ xem xét đề cử.",
        });
}
