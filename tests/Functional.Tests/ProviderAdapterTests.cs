extern alias notification;

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.ProviderSimulators;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Channels = notification::DoanKetSangTao.Notification.API.Channels;
using NInfrastructure = notification::DoanKetSangTao.Notification.API.Infrastructure;
using NDomain = notification::DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>The local eSMS and Zalo ZNS servers, started once for a test class.</summary>
public sealed class ProviderSimulatorsFixture : IAsyncLifetime
{
    private RunningSimulators? simulators;

    public Uri Address => simulators!.BaseAddress;

    public async Task InitializeAsync() => simulators = await ProviderSimulator.StartAsync(0, new Dictionary<string, string?>
    {
        ["Esms:ApiKey"] = NotificationChannelsHost.ApiKey, ["Esms:SecretKey"] = NotificationChannelsHost.SecretKey, ["Zalo:AccessToken"] = NotificationChannelsHost.AccessToken,
    });

    public async Task DisposeAsync()
    {
        if (simulators is not null)
        {
            await simulators.DisposeAsync();
        }
    }

    public async Task PostAsync(string path, object body)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var response = await http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> ReceivedAsync(string provider, string phone)
    {
        using var http = new HttpClient { BaseAddress = Address };
        return (await http.GetFromJsonAsync<JsonArray>($"_sim/messages?provider={provider}&phone={phone}"))!;
    }
}

/// <summary>
/// Each adapter alone against its provider's local server: what it sends for a message and what it makes of each
/// documented answer (accepted, refused for good, worth a retry). The delivery queue around them is NotificationChannelTests'.
/// </summary>
public sealed class ProviderAdapterTests(ProviderSimulatorsFixture sim) : IClassFixture<ProviderSimulatorsFixture>
{
    private const string TemplateId = "348712";

    private Channels.ZaloZnsChannel Zalo(Action<Channels.ZaloOptions>? configure = null)
    {
        var options = new Channels.ZaloOptions { BaseUrl = sim.Address.ToString(), AccessToken = NotificationChannelsHost.AccessToken };
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddHttpClient(Channels.ZaloZnsChannel.HttpClientName, http => Channels.ProviderChannels.Configure(http, options.BaseUrl!, options.Timeout));
        var clients = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        // A fixed access token: the token store hands it out as is and never reads its table (no database here).
        var tokens = new NInfrastructure.ZaloTokenStore(null!, clients, Options.Create(options), TimeProvider.System);
        return new Channels.ZaloZnsChannel(clients, Options.Create(options), tokens);
    }

    private Channels.SmsGatewayChannel Sms(string apiKey = NotificationChannelsHost.ApiKey)
    {
        var options = new Channels.SmsOptions
        {
            BaseUrl = sim.Address.ToString(), ApiKey = apiKey, SecretKey = NotificationChannelsHost.SecretKey, Brandname = NotificationChannelsHost.Brandname,
        };
        var services = new ServiceCollection();
        services.AddHttpClient(Channels.SmsGatewayChannel.HttpClientName, http => Channels.ProviderChannels.Configure(http, options.BaseUrl!, options.Timeout));
        return new Channels.SmsGatewayChannel(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), Options.Create(options));
    }

    private static async Task<Channels.ChannelReceipt> SendAsync(Channels.IDeliveryChannel channel, Guid id, string address, NDomain.RenderedMessage content)
    {
        await using var session = await channel.OpenAsync(CancellationToken.None);
        return await session.SendAsync(new Channels.OutgoingMessage(id, address, "Nguyễn Văn An", content), CancellationToken.None);
    }

    private static NDomain.RenderedMessage Zns(IReadOnlyDictionary<string, string>? parameters, string? template = TemplateId) =>
        new(null, "(văn bản cho Zalo)", template, parameters);

    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["ten_nguoi_nhan"] = "Nguyễn Văn An",
        ["ten_sang_kien"] = "Tưới nhỏ giọt tiết kiệm nước",
        ["ngay_dang_ky"] = "07/12/2026",
    };

    private Task RegisterTemplateAsync(int cap = 100) => sim.PostAsync("_sim/templates",
        new TemplateSpec(TemplateId, Parameters.Keys.ToDictionary(k => k, _ => cap)));

    [Fact]
    public async Task Zalo_gets_the_approved_template_its_parameters_the_84_number_and_the_delivery_as_tracking_id()
    {
        await RegisterTemplateAsync();
        var phone = NotificationChannelsHost.NewPhone();
        var id = Guid.CreateVersion7();

        var receipt = await SendAsync(Zalo(), id, phone.Written, Zns(Parameters));

        var received = Assert.Single(await sim.ReceivedAsync(SimulatorState.Zalo, phone.International))!;
        Assert.Equal(("0", TemplateId, id.ToString("N"), NotificationChannelsHost.AccessToken),
            (received.Str("code"), received.Str("templateId"), received.Str("trackingId"), received.Str("credential")));
        Assert.Equal(Parameters.OrderBy(p => p.Key), received["templateData"]!.AsObject().Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>())).OrderBy(p => p.Key));
        Assert.Equal(received.Str("providerMessageId"), receipt.ProviderMessageId);
    }

    [Theory]
    [InlineData("-108")]
    [InlineData("-118")]
    [InlineData("-119")]
    public async Task Zalo_refusals_about_the_recipient_are_permanent_with_zalos_code(string code)
    {
        await RegisterTemplateAsync();
        var phone = NotificationChannelsHost.NewPhone();
        await sim.PostAsync("_sim/faults", new Fault(SimulatorState.Zalo, code, Phone: phone.International));

        var refused = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Zalo(), Guid.CreateVersion7(), phone.Written, Zns(Parameters)));
        Assert.Equal((code, true), (refused.Code, refused.Permanent));
    }

    [Fact]
    public async Task An_unknown_template_and_parameters_zalo_rejects_are_permanent()
    {
        await RegisterTemplateAsync(cap: 10);
        var phone = NotificationChannelsHost.NewPhone();

        var unknown = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Zalo(), Guid.CreateVersion7(), phone.Written, Zns(Parameters, "999999")));
        Assert.Equal(("-109", true), (unknown.Code, unknown.Permanent));
        // Registered at Zalo with 10-character parameters: the name does not fit there, though our default cap allows it.
        var tooLong = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Zalo(), Guid.CreateVersion7(), phone.Written, Zns(Parameters)));
        Assert.Equal(("-112", true), (tooLong.Code, tooLong.Permanent));
        await RegisterTemplateAsync();
    }

    [Theory]
    [InlineData("-115")]
    [InlineData("-124")]
    [InlineData("-100")]
    public async Task Zalo_out_of_quota_a_stale_token_or_an_unknown_error_are_retried(string code)
    {
        await RegisterTemplateAsync();
        var phone = NotificationChannelsHost.NewPhone();
        await sim.PostAsync("_sim/faults", new Fault(SimulatorState.Zalo, code, Phone: phone.International));

        var refused = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Zalo(), Guid.CreateVersion7(), phone.Written, Zns(Parameters)));
        Assert.Equal((code, false), (refused.Code, refused.Permanent));
    }

    [Fact]
    public async Task A_zalo_outage_or_a_timeout_is_a_transport_error_for_the_queue_to_retry()
    {
        await RegisterTemplateAsync();
        var phone = NotificationChannelsHost.NewPhone();
        await sim.PostAsync("_sim/faults", new Fault(SimulatorState.Zalo, "http:502", Phone: phone.International));
        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(Zalo(), Guid.CreateVersion7(), phone.Written, Zns(Parameters)));

        await sim.PostAsync("_sim/faults", new Fault(SimulatorState.Zalo, "timeout", Phone: phone.International));
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            SendAsync(Zalo(o => o.Timeout = TimeSpan.FromSeconds(1)), Guid.CreateVersion7(), phone.Written, Zns(Parameters)));
        Assert.IsNotType<Channels.ChannelRefusedException>(error);
    }

    [Fact]
    public async Task A_message_that_cannot_be_a_zns_is_refused_for_good_before_any_call()
    {
        await RegisterTemplateAsync();
        var phone = NotificationChannelsHost.NewPhone();
        var cases = new (NDomain.RenderedMessage Content, Action<Channels.ZaloOptions>? Limits, string Code)[]
        {
            (Zns(null), null, "zalo_no_parameters"),
            (Zns(Parameters, template: null), null, "zalo_no_template"),
            (Zns(new Dictionary<string, string> { ["a"] = new('x', 150), ["b"] = new('y', 150), ["c"] = new('z', 150) }), null, "zalo_too_long"),
        };
        foreach (var (content, limits, code) in cases)
        {
            var refused = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Zalo(limits), Guid.CreateVersion7(), phone.Written, content));
            Assert.Equal((code, true), (refused.Code, refused.Permanent));
        }

        var invalid = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Zalo(), Guid.CreateVersion7(), "024 3825 0000", Zns(Parameters)));
        Assert.Equal(("invalid_phone", true), (invalid.Code, invalid.Permanent));
        // Refused here, so the provider's quota was not spent on them.
        Assert.Empty(await sim.ReceivedAsync(SimulatorState.Zalo, phone.International));
    }

    [Fact]
    public async Task An_sms_sent_again_after_a_crash_is_not_delivered_twice_and_counts_as_accepted()
    {
        var phone = NotificationChannelsHost.NewPhone();
        var id = Guid.CreateVersion7();
        var content = new NDomain.RenderedMessage(null, "Sang kien da duoc xac nhan. Chi tiet tren ung dung Doan ket sang tao.");

        var first = await SendAsync(Sms(), id, phone.Written, content);
        var again = await SendAsync(Sms(), id, phone.Written, content);

        var received = await sim.ReceivedAsync(SimulatorState.Esms, phone.National);
        Assert.Equal(["100", "124"], received.Select(m => m!.Str("code")));
        Assert.Equal("0", received[0]!.Str("isUnicode"));
        Assert.Equal(received[0]!.Str("providerMessageId"), first.ProviderMessageId);
        Assert.Equal($"esms-request:{id:N}", again.ProviderMessageId);
    }

    [Fact]
    public async Task Sms_wrong_keys_wait_for_an_operator_and_a_bad_number_is_refused_for_good()
    {
        var phone = NotificationChannelsHost.NewPhone();
        var content = new NDomain.RenderedMessage(null, "Thong bao thu.");

        var keys = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Sms(apiKey: "khoa-sai"), Guid.CreateVersion7(), phone.Written, content));
        Assert.Equal(("101", false), (keys.Code, keys.Permanent));
        var local = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Sms(), Guid.CreateVersion7(), "12345", content));
        Assert.Equal(("invalid_phone", true), (local.Code, local.Permanent));
        await sim.PostAsync("_sim/faults", new Fault(SimulatorState.Esms, "108", Phone: phone.National));
        var format = await Assert.ThrowsAsync<Channels.ChannelRefusedException>(() => SendAsync(Sms(), Guid.CreateVersion7(), phone.Written, content));
        Assert.Equal(("108", true), (format.Code, format.Permanent));
    }
}
