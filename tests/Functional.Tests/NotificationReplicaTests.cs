extern alias notification;

using System.Net;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Tests.Support;
using NDomain = notification::DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Two notification replicas on one database and broker: each digest goes out once, whichever replica claims it.</summary>
public sealed class NotificationReplicaTests(NotificationReplicasHost host) : IClassFixture<NotificationReplicasHost>
{
    [Fact]
    public async Task Two_replicas_send_each_digest_once()
    {
        var people = Enumerable.Range(0, 6).Select(i => new Person($"tacgia.tonghop.{Guid.NewGuid():N}", "Vũ Thị Hạnh", PlatformRoles.Author, "VN/01/00004")).ToList();
        var emails = new List<string>();
        foreach (var person in people)
        {
            using var client = host.Client(person);
            await client.PutJsonAsync("/api/v1/notification-preferences", new { digest = "daily" }, HttpStatusCode.OK);
            var email = ChannelNotices.NewEmail();
            emails.Add(email);
            for (var i = 1; i <= 3; i++)
            {
                await host.DispatchAsync(ChannelNotices.Registered($"Sáng kiến tổng hợp {i}", email) with { RecipientId = person.Id });
            }
        }

        // 07:30 in Vietnam comes for every digest at once: both replicas are woken and race for them.
        var ids = people.Select(p => p.Id).ToArray();
        Assert.Equal(6L, await host.ScalarAsync<long>("SELECT count(*) FROM digests WHERE recipient_id = ANY(@ids) AND status = 'pending'", new { ids }));
        await host.ExecuteAsync("UPDATE digests SET next_attempt_at = now() WHERE recipient_id = ANY(@ids); SELECT pg_notify('dkst_digest', '')", new { ids });

        await TestInfrastructure.EventuallyAsync(async () =>
            await host.ScalarAsync<long>("SELECT count(*) FROM digests WHERE recipient_id = ANY(@ids) AND status = 'sent'", new { ids }) == 6 ? "sent" : null,
            TimeSpan.FromSeconds(30), "every digest to be sent");
        // A digest's message is queued in the transaction that marks it sent: once sent, the count is final.
        var deliveries = await host.DeliveriesToAsync([.. emails]);
        Assert.Equal(emails.Order(), deliveries.Select(d => d.Address).Order());
        foreach (var email in emails)
        {
            var letter = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(Mailbox.To(email).SingleOrDefault()), TimeSpan.FromSeconds(30), "the digest");
            Assert.Contains("Tổng hợp 3 thông báo", letter.Subject, StringComparison.Ordinal);
        }
    }
}
