using System.Text.RegularExpressions;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.EndToEnd;

/// <summary>
/// The notification service's e-mail over MailKit, against the real SMTP sink (plain SMTP, no STARTTLS, no AUTH):
/// plain delivery works; a configured TLS or login that the server cannot give never falls back to sending in clear
/// or anonymously, and the delivery waits in the queue with the reason.
/// </summary>
public sealed partial class EmailDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_tls_the_local_sink_receives_the_mail_in_vietnamese_with_a_stable_message_id()
    {
        await using var notification = await NotificationProcess.StartAsync(new Dictionary<string, string> { ["Smtp__Security"] = "None" });
        var mailbox = $"mailkit.{Guid.NewGuid():N}@tacgia.example.vn";
        const string title = "Bếp ăn bán trú không khói";
        await notification.PublishRegisteredAsync(mailbox, title);

        var mail = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(NotificationProcess.MailsTo(mailbox).SingleOrDefault()), Patience, "the e-mail");
        var delivery = await TestInfrastructure.EventuallyAsync(async () =>
            await notification.DeliveryAsync(mailbox) is { Status: "sent" } d ? d : null, Patience, "the delivery marked sent");
        Assert.Contains($"Message-ID: <{delivery.Id}@doanketsangtao>", mail, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(FromHeader(), mail);
        Assert.Contains(title, ThinFlowTests.DecodeSubject(mail)); // Vietnamese, as RFC 2047 encoded words every mail client reads
        Assert.Equal(1, delivery.Attempts);
    }

    [Theory]
    [InlineData("StartTls", null, "STARTTLS")]
    [InlineData("None", "hopthu", "authentication")]
    public async Task A_tls_or_login_the_server_cannot_give_is_never_skipped_and_the_mail_waits_with_the_reason(string security, string? userName, string reason)
    {
        var settings = new Dictionary<string, string> { ["Smtp__Security"] = security };
        if (userName is not null)
        {
            settings["Smtp__UserName"] = userName;
            settings["Smtp__Password"] = "mat-khau-thu";
        }

        await using var notification = await NotificationProcess.StartAsync(settings);
        var mailbox = $"mailkit.{Guid.NewGuid():N}@tacgia.example.vn";
        await notification.PublishRegisteredAsync(mailbox, "Tủ sách pháp luật ở khu dân cư");

        // The attempt is recorded after the sender gave up on it: from then on nothing of that attempt can reach the sink.
        var delivery = await TestInfrastructure.EventuallyAsync(async () =>
            await notification.DeliveryAsync(mailbox) is { Attempts: >= 1 } d ? d : null, Patience, "a failed attempt");
        Assert.Equal("pending", delivery.Status); // an operator can fix the configuration: it is retried, not dropped
        Assert.Contains(reason, delivery.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(NotificationProcess.MailsTo(mailbox));
    }

    /// <summary>
    /// Thư sau sự cố: the service dies (SIGKILL) or stops (SIGTERM) with mails claimed and not yet sent. The provider's
    /// rate (one mail per 5 s) keeps them waiting in the sender, so the crash lands between two sends. After a restart
    /// every mailbox gets its mail exactly once, and soon: the claim of the dead sender runs out in seconds (a stop gives
    /// it back at once), where it used to hold the mails for 12.5 minutes. Patience is a minute.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_crash_or_a_stop_mid_queue_every_mail_goes_out_once_and_soon(bool kill)
    {
        var settings = new Dictionary<string, string>
        {
            ["Smtp__Security"] = "None",
            ["Smtp__PerSecond"] = "0.2",
            ["Deliveries__SendTimeout"] = "00:00:02",
        };
        var first = await NotificationProcess.StartAsync(settings);
        await using var firstOwned = first;
        var mailboxes = Enumerable.Range(1, 5).Select(i => $"crash{i}.{Guid.NewGuid():N}@tacgia.example.vn").ToList();
        foreach (var mailbox in mailboxes)
        {
            await first.PublishRegisteredAsync(mailbox, "Mô hình tổ tự quản an ninh trật tự");
        }

        // The first mail is out; the next four are queued (some claimed) behind the provider's rate.
        await TestInfrastructure.EventuallyAsync(() => Task.FromResult(mailboxes.Any(m => NotificationProcess.MailsTo(m).Count > 0) ? (bool?)true : null),
            Patience, "the first mail");
        if (kill)
        {
            await first.KillAsync();
        }
        else
        {
            await first.StopAsync();
        }

        await using var second = await first.RestartAsync(settings);
        await TestInfrastructure.EventuallyAsync(() => Task.FromResult(mailboxes.All(m => NotificationProcess.MailsTo(m).Count > 0) ? (bool?)true : null),
            Patience, "every mailbox's mail after the restart");
        var deliveries = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var rows = (await Task.WhenAll(mailboxes.Select(second.DeliveriesAsync))).SelectMany(r => r).ToList();
            return rows.All(r => r.Status == "sent") ? rows : null;
        }, Patience, "every delivery recorded sent");

        Assert.All(mailboxes, m => Assert.Single(NotificationProcess.MailsTo(m)));
        Assert.Equal(mailboxes.Count, deliveries.Count);
    }

    /// <summary>The From header, folded or not, with the configured sender.</summary>
    [GeneratedRegex(@"(?m)^From:(?:.*\r?\n[ \t])*.*<?doanketsangtao@mattran\.org\.vn")]
    private static partial Regex FromHeader();
}
