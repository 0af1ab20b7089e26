extern alias notification;

using System.Net;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Nhật ký gửi tin: operators see each message per channel with its attempts, and replay what failed. An address the
/// e-mail library cannot parse is a real permanent failure: the delivery ends 'failed' at once, with the reason.
/// </summary>
public sealed class NotificationDeliveryLogTests(ServiceHost<notification::Program> host) : IClassFixture<ServiceHost<notification::Program>>
{
    private static readonly Person Operator = new("vanhanh.thongbao", "Đỗ Minh Quân", PlatformRoles.Operator, "VN");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_failed_delivery_shows_its_attempts_and_an_operator_replays_it_once()
    {
        var badAddress = $"khong-hop-le-{Guid.NewGuid():N}@@tacgia";
        await host.PublishAsync(Registered(badAddress));
        using var ops = host.Client(Operator);

        var failed = await TestInfrastructure.EventuallyAsync(async () =>
            (await ops.GetJsonAsync($"/api/v1/notification-deliveries?status=failed&address={Uri.EscapeDataString(badAddress)}", HttpStatusCode.OK))
                .AsArray().SingleOrDefault(), Patience, "the failed delivery");
        Assert.Equal("email", failed!.Str("channel"));
        var id = failed.Str("id");
        var detail = await ops.GetJsonAsync($"/api/v1/notification-deliveries/{id}", HttpStatusCode.OK);
        var attempt = Assert.Single(detail["attempts"]!.AsArray())!;
        Assert.Equal("failed", attempt.Str("outcome"));
        Assert.False(string.IsNullOrEmpty(attempt.Str("error")));

        var replayed = await ops.PostJsonAsync($"/api/v1/notification-deliveries/{id}/replay", new { }, HttpStatusCode.Accepted);
        Assert.Equal(0, replayed["attempts"]!.GetValue<int>());

        // The replay is tried again (and fails again, for the same reason): the log keeps the replay and the new attempt.
        var after = await TestInfrastructure.EventuallyAsync(async () =>
        {
            var d = await ops.GetJsonAsync($"/api/v1/notification-deliveries/{id}", HttpStatusCode.OK);
            return d["attempts"]!.AsArray().Count == 3 ? d : null;
        }, Patience, "the replayed attempt");
        Assert.Equal(["failed", "replayed", "failed"], after["attempts"]!.AsArray().Select(a => a!.Str("outcome")));
    }

    [Fact]
    public async Task A_sent_delivery_cannot_be_replayed_and_only_operators_read_the_log()
    {
        var mailbox = $"nhatky.{Guid.NewGuid():N}@tacgia.example.vn";
        await host.PublishAsync(Registered(mailbox));
        using var ops = host.Client(Operator);
        var sent = await TestInfrastructure.EventuallyAsync(async () =>
            (await ops.GetJsonAsync($"/api/v1/notification-deliveries?status=sent&address={mailbox}", HttpStatusCode.OK)).AsArray().SingleOrDefault(),
            Patience, "the sent delivery");
        Assert.False(string.IsNullOrEmpty(sent!.Str("providerMessageId"))); // the SMTP server's answer to DATA

        var refused = await ops.PostJsonAsync($"/api/v1/notification-deliveries/{sent.Str("id")}/replay", new { }, HttpStatusCode.Conflict);
        Assert.Equal("delivery_not_replayable", refused.Str("code"));
        Assert.Single(await TestInfrastructure.EventuallyAsync(() => Task.FromResult(MailsTo(mailbox) is { Count: > 0 } m ? m : null), Patience, "the mail"));

        var bad = await ops.GetJsonAsync($"/api/v1/notification-deliveries?status=lost&channel=fax&address={new string('a', 321)}", HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["address"]);
        Assert.NotNull(bad["errors"]!["status"]);
        Assert.NotNull(bad["errors"]!["channel"]);

        using var officer = host.Client(People.HanoiOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/notification-deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/v1/notification-deliveries/{sent.Str("id")}/replay", null)).StatusCode);
    }

    private static InitiativeRegistered Registered(string email) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(),
        "Sổ tay điện tử cho tổ hòa giải", "sang_kien", Guid.NewGuid(), "01", "00004", People.AuthorBinh.Id, People.AuthorBinh.Name, email);

    private static List<string> MailsTo(string mailbox) =>
        Directory.EnumerateFiles(TestInfrastructure.MailDirectory, "*.eml").Select(File.ReadAllText).Where(t => t.Contains(mailbox, StringComparison.Ordinal)).ToList();
}
