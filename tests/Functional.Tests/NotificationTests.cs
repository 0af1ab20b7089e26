extern alias notification;

using System.Net;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>Notification alone: a consumed event becomes an in-app notice for its recipient, and for no one else.</summary>
public sealed class NotificationTests(ServiceHost<notification::Program> host) : ServiceTests<notification::Program>(host)
{
    protected override string Name => "notification";

    protected override string ProtectedPath => "/api/v1/notifications";

    [Fact]
    public async Task A_registration_becomes_a_notice_for_its_author_only()
    {
        var registered = new InitiativeRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(),
            "Ứng dụng bản đồ số cho tổ dân phố", "sang_kien", Guid.NewGuid(), "01", "00004",
            People.AuthorBinh.Id, People.AuthorBinh.Name, null);

        await Host.PublishAsync(registered);

        using var binh = Host.Client(People.AuthorBinh);
        var notice = await TestInfrastructure.EventuallyAsync(async () =>
            (await binh.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK)).AsArray()
                .SingleOrDefault(n => n!["subjectId"]?.GetValue<string>() == registered.InitiativeId.ToString()),
            TimeSpan.FromSeconds(30), "the author's notice");
        Assert.Equal("initiative_registered", notice.Str("kind"));
        Assert.Contains("Ứng dụng bản đồ số cho tổ dân phố", notice.Str("title"), StringComparison.Ordinal);
        Assert.Null(notice["readAt"]?.GetValue<string>());

        using var other = Host.Client(People.HanoiOfficer);
        Assert.DoesNotContain((await other.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK)).AsArray(),
            n => n!["subjectId"]?.GetValue<string>() == registered.InitiativeId.ToString());
    }
}
