extern alias notification;

using DoanKetSangTao.ProviderSimulators;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Channels = notification::DoanKetSangTao.Notification.API.Channels;
using NDomain = notification::DoanKetSangTao.Notification.API.Domain;
using Workers = notification::DoanKetSangTao.Notification.API.Workers;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Notices for the author of a registered initiative, the kind every channel test sends.</summary>
internal static class ChannelNotices
{
    public static NDomain.Notice Registered(string title, string? email = null, string? phone = null)
    {
        const string name = "Nguyễn Văn An";
        return new NDomain.Notice(NDomain.Notices.InitiativeRegisteredKind, $"tacgia.{Guid.NewGuid():N}", name, new NDomain.Contact(email, phone), Guid.NewGuid(),
            new Dictionary<string, string>
            {
                ["recipient_name"] = name,
                ["initiative_title"] = title,
                ["registered_at"] = "09:30 07/12/2026",
                ["author_role"] = "tác giả chính",
                ["lead_author"] = name,
                ["organization_name"] = "Trường THCS Ba Đình",
                ["next_step"] = "Chờ đơn vị cấp trên xác nhận.",
            });
    }

    public static string NewEmail() => $"kenh.{Guid.NewGuid():N}@tacgia.example.vn";
}

/// <summary>
/// SMS and Zalo through the delivery queue, against the local eSMS and Zalo ZNS servers: what reaches them, how their
/// refusals and outages are logged, retried and handed to the next channel.
/// </summary>
public sealed class NotificationChannelTests(ProvidersOnHost host) : IClassFixture<ProvidersOnHost>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_sms_reaches_the_gateway_under_the_brandname_with_the_rendered_text_and_the_delivery_id()
    {
        var phone = NotificationChannelsHost.NewPhone();
        await host.EnqueueAsync(ChannelNotices.Registered("Tưới nhỏ giọt tiết kiệm nước", phone: phone.Written),
            (NDomain.NotificationChannels.Sms, phone.Written), (NDomain.NotificationChannels.Email, ChannelNotices.NewEmail()));

        var sent = await TestInfrastructure.EventuallyAsync(async () =>
            (await host.DeliveriesToAsync(phone.Written)).SingleOrDefault(d => d.Status == "sent"), Wait, "the SMS to be recorded as sent");
        var received = Assert.Single(await host.ReceivedAsync(SimulatorState.Esms, phone.National))!;
        Assert.Equal("100", received.Str("code"));
        Assert.Equal(NotificationChannelsHost.Brandname, received.Str("brandname"));
        Assert.Equal("2", received.Str("smsType"));
        Assert.Equal(NotificationChannelsHost.ApiKey, received.Str("credential"));
        // The kind's SMS template, rendered with the notice's values (its wording is the templates' to choose).
        Assert.StartsWith("Da ghi nhan dang ky sang kien", received.Str("content"), StringComparison.Ordinal);
        Assert.Contains("09:30 07/12/2026", received.Str("content"), StringComparison.Ordinal);
        Assert.Equal(received.Str("content").Any(c => c > '\u007f') ? "1" : "0", received.Str("isUnicode"));
        Assert.Equal(sent.Id.ToString("N"), received.Str("requestId"));
        // The gateway's SMSID is the provider id in the delivery and in its log.
        Assert.Equal(received.Str("providerMessageId"), sent.ProviderMessageId);
        var attempt = Assert.Single(await host.AttemptsAsync(sent.Id));
        Assert.Equal(("sent", received.Str("providerMessageId")), (attempt.Outcome, attempt.ProviderMessageId));
    }

    [Fact]
    public async Task A_number_the_gateway_refuses_falls_back_to_email_and_the_refusal_is_logged()
    {
        var phone = NotificationChannelsHost.NewPhone();
        var email = ChannelNotices.NewEmail();
        // eSMS's documented refusal of a blocked number (99): no retry changes it.
        await host.TellToFailAsync(new Fault(SimulatorState.Esms, "99", Phone: phone.National));
        await host.EnqueueAsync(ChannelNotices.Registered("Sổ tay số hộ nghèo", email, phone.Written),
            (NDomain.NotificationChannels.Sms, phone.Written), (NDomain.NotificationChannels.Email, email));

        var letter = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(Mailbox.To(email).SingleOrDefault()), Wait, "the e-mail the SMS fell back to");
        Assert.Contains("Sổ tay số hộ nghèo", letter.Subject, StringComparison.Ordinal);
        var deliveries = await host.DeliveriesToAsync(phone.Written, email);
        var sms = Assert.Single(deliveries, d => d.Channel == "sms");
        var mail = Assert.Single(deliveries, d => d.Channel == "email");
        Assert.Equal(("failed", 1), (sms.Status, sms.Attempts));
        Assert.Equal(sms.Id, mail.FallbackOf);
        var refused = Assert.Single(await host.AttemptsAsync(sms.Id));
        Assert.Equal("failed", refused.Outcome);
        Assert.StartsWith("99:", refused.Error, StringComparison.Ordinal);
        Assert.Single(await host.ReceivedAsync(SimulatorState.Esms, phone.National));
    }

    [Fact]
    public async Task A_gateway_outage_is_retried_with_backoff_and_the_message_then_goes_once()
    {
        var phone = NotificationChannelsHost.NewPhone();
        var email = ChannelNotices.NewEmail();
        await host.TellToFailAsync(new Fault(SimulatorState.Esms, "http:503", Count: 2, Phone: phone.National));
        await host.EnqueueAsync(ChannelNotices.Registered("Bản đồ số tổ dân phố", email, phone.Written),
            (NDomain.NotificationChannels.Sms, phone.Written), (NDomain.NotificationChannels.Email, email));

        var sent = await TestInfrastructure.EventuallyAsync(async () =>
            (await host.DeliveriesToAsync(phone.Written)).SingleOrDefault(d => d.Status == "sent"), Wait, "the SMS to go after the outage");
        Assert.Equal(["http:503", "http:503", "100"], (await host.ReceivedAsync(SimulatorState.Esms, phone.National)).Select(m => m!.Str("code")));
        var attempts = await host.AttemptsAsync(sent.Id);
        Assert.Equal(["retry", "retry", "sent"], attempts.Select(a => a.Outcome));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Contains("503", attempts[0].Error, StringComparison.Ordinal);
        // A transient failure does not hand over: the e-mail was never queued.
        Assert.DoesNotContain(await host.DeliveriesToAsync(email), d => d.FallbackOf == sent.Id);
    }

    [Fact]
    public async Task An_empty_gateway_balance_waits_in_backoff_instead_of_falling_back()
    {
        var phone = NotificationChannelsHost.NewPhone();
        await host.TellToFailAsync(new Fault(SimulatorState.Esms, "103", Count: 1, Phone: phone.National));
        await host.EnqueueAsync(ChannelNotices.Registered("Thư viện sách nói", phone: phone.Written), (NDomain.NotificationChannels.Sms, phone.Written));

        // eSMS 103 (balance spent) is an operator's to fix: retried, not refused for good.
        var sent = await TestInfrastructure.EventuallyAsync(async () =>
            (await host.DeliveriesToAsync(phone.Written)).SingleOrDefault(d => d.Status == "sent"), Wait, "the SMS to go once the balance is back");
        Assert.Equal(["retry", "sent"], (await host.AttemptsAsync(sent.Id)).Select(a => a.Outcome));
        Assert.StartsWith("103:", (await host.AttemptsAsync(sent.Id))[0].Error, StringComparison.Ordinal);
    }
}

/// <summary>A provider's rate and daily quota, as configured, hold at the gateway.</summary>
public sealed class ProviderLimitTests(ProvidersLimitedHost host) : IClassFixture<ProvidersLimitedHost>
{
    [Fact]
    public async Task The_gateway_gets_no_more_than_its_rate_and_the_daily_quota_holds_the_rest_unclaimed()
    {
        const int queued = ProvidersLimitedHost.PerDay + 2;
        var phones = Enumerable.Range(0, queued).Select(_ => NotificationChannelsHost.NewPhone()).ToList();
        await host.EnqueueAllAsync(phones.Select(p => (ChannelNotices.Registered("Đèn đường năng lượng mặt trời", phone: p.Written), NDomain.NotificationChannels.Sms, p.Written)));

        var all = phones.Select(p => p.Written).ToArray();
        await TestInfrastructure.EventuallyAsync(async () =>
            (await host.DeliveriesToAsync(all)).Count(d => d.Status == "sent") == ProvidersLimitedHost.PerDay ? "quota reached" : null,
            TimeSpan.FromSeconds(30), "the day's quota of SMS to be sent");

        // All were due in one transaction, so a sender that ignored the quota would have claimed the rest with the last
        // ones: they would be leased or sent by now, not pending and untried.
        var held = (await host.DeliveriesToAsync(all)).Where(d => d.Status != "sent").ToList();
        Assert.Equal(queued - ProvidersLimitedHost.PerDay, held.Count);
        Assert.All(held, d => Assert.Equal(("pending", 0, (DateTime?)null), (d.Status, d.Attempts, d.LeaseUntil)));
        foreach (var d in held)
        {
            Assert.Empty(await host.AttemptsAsync(d.Id));
        }

        // The rate: a full bucket (2) at first, then 2 a second; in any second at most the bucket and one refill.
        var times = new List<DateTimeOffset>();
        foreach (var p in phones)
        {
            times.AddRange((await host.ReceivedAsync(SimulatorState.Esms, p.National)).Select(m => DateTimeOffset.Parse(m!.Str("at"), System.Globalization.CultureInfo.InvariantCulture)));
        }

        times.Sort();
        Assert.Equal(ProvidersLimitedHost.PerDay, times.Count);
        var perSecond = (int)ProvidersLimitedHost.PerSecond;
        Assert.All(times, t => Assert.True(times.Count(u => u >= t && u < t.AddSeconds(1)) <= 2 * perSecond, $"More than {2 * perSecond} SMS within a second of {t:O}."));
        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(((times.Count - (2 * perSecond)) / ProvidersLimitedHost.PerSecond) - 0.2),
            $"{times.Count} SMS went out in {(times[^1] - times[0]).TotalSeconds:0.00} s, faster than {ProvidersLimitedHost.PerSecond} a second.");
    }
}

/// <summary>Hạn mức trong ngày across replicas: each replica's claims count what the others sent and hold in flight.</summary>
public sealed class ProviderQuotaReplicaTests(ProvidersQuotaReplicasHost host) : IClassFixture<ProvidersQuotaReplicasHost>
{
    [Fact]
    public async Task Two_replicas_send_no_more_than_the_daily_quota_between_them()
    {
        // More than the quota and more than a batch (5) per replica: two replicas each claiming a batch against the
        // quota's sent count alone would send 10.
        const int queued = ProvidersQuotaReplicasHost.PerDay + 4;
        var phones = Enumerable.Range(0, queued).Select(_ => NotificationChannelsHost.NewPhone()).ToList();
        await host.EnqueueAllAsync(phones.Select(p => (ChannelNotices.Registered("Bếp ăn bán trú tiết kiệm", phone: p.Written), NDomain.NotificationChannels.Sms, p.Written)));

        var all = phones.Select(p => p.Written).ToArray();
        // Settled: at least the quota sent and nothing in flight on either replica.
        var settled = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var rows = await host.DeliveriesToAsync(all);
            return rows.Count(d => d.Status == "sent") >= ProvidersQuotaReplicasHost.PerDay && rows.All(d => d.Status != "sending") ? rows : null;
        }, TimeSpan.FromSeconds(30), "the day's quota of SMS to be sent");

        Assert.Equal(ProvidersQuotaReplicasHost.PerDay, settled.Count(d => d.Status == "sent"));
        Assert.All(settled.Where(d => d.Status != "sent"), d => Assert.Equal(("pending", 0, (DateTime?)null), (d.Status, d.Attempts, d.LeaseUntil)));
        var received = 0;
        foreach (var p in phones)
        {
            received += (await host.ReceivedAsync(SimulatorState.Esms, p.National)).Count;
        }

        Assert.Equal(ProvidersQuotaReplicasHost.PerDay, received);
    }
}

/// <summary>Without credentials the SMS and Zalo adapters are not registered: no sender, so nothing can call the providers.</summary>
public sealed class ProvidersOffTests(ProvidersOffHost host) : IClassFixture<ProvidersOffHost>
{
    [Fact]
    public void Unconfigured_providers_have_no_adapter_and_no_sender()
    {
        Assert.Equal([NDomain.NotificationChannels.Email], host.Services.GetServices<Channels.IDeliveryChannel>().Select(c => c.Channel));
        Assert.Equal([NDomain.NotificationChannels.Email], host.Services.GetRequiredService<List<Workers.DeliverySender>>().Select(s => s.Channel));
    }
}
