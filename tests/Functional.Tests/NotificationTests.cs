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

    [Fact]
    public async Task A_commendation_tells_each_person_named_the_unit_that_proposed_them_and_their_units_officers_only()
    {
        var unit = Guid.NewGuid();
        var officer = new Person($"canbo.donvi.{unit:N}", "Ngô Thị Lan", DoanKetSangTao.Domain.PlatformRoles.MemberOrganizationOfficer, "VN/01", unit);
        var author = new Person($"tacgia.{unit:N}", "Nguyễn Văn An", DoanKetSangTao.Domain.PlatformRoles.Author, "VN/01/00004");
        var elsewhere = new Person($"canbo.khac.{unit:N}", "Lý Văn Phúc", DoanKetSangTao.Domain.PlatformRoles.UnitOfficer, "VN/79", Guid.NewGuid());
        var decided = new CommendationDecided(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "mttq:VN/01", "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            "province", "01", null, "7/QĐ-MTTQ", DateOnly.FromDateTime(DateTime.UtcNow), "bang_khen_tinh", "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh",
            [
                new CommendedRecipient(Guid.NewGuid(), "individual", "Nguyễn Văn An", author.Id, null, "Trường THCS Ba Đình", "01", "00004", null, null, officer.Id, unit),
                new CommendedRecipient(Guid.NewGuid(), "collective", "Công đoàn trường THCS Ba Đình", null, null, null, "01", "00004", null, null, officer.Id, unit),
            ]);

        await Host.PublishAsync(decided);

        using var an = Host.Client(author);
        var own = await TestInfrastructure.EventuallyAsync(async () =>
            (await an.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK)).AsArray().SingleOrDefault(n => n!.Str("kind") == "commendation_decided"),
            TimeSpan.FromSeconds(30), "the person's notice");
        Assert.Contains("7/QĐ-MTTQ", own!.Str("body"), StringComparison.Ordinal);

        // The unit's officer: the proposer's notice and the unit inbox's, each once, naming both recipients.
        using var lan = Host.Client(officer);
        var unitNotices = await TestInfrastructure.EventuallyAsync(async () =>
            (await lan.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK)).AsArray() is var all && all.Count == 2 ? all : null,
            TimeSpan.FromSeconds(30), "the unit's notices");
        Assert.All(unitNotices!, n => Assert.Contains("Công đoàn trường THCS Ba Đình", n!.Str("body"), StringComparison.Ordinal));
        var unitInbox = unitNotices!.Single(n => n!.Str("title").StartsWith("Đơn vị có", StringComparison.Ordinal))!;
        await lan.PostJsonAsync($"/api/v1/notifications/{unitInbox.Str("id")}/read", new { }, HttpStatusCode.NoContent);

        // An officer of another unit sees none of it, and cannot mark it read.
        using var phuc = Host.Client(elsewhere);
        Assert.Empty((await phuc.GetJsonAsync("/api/v1/notifications", HttpStatusCode.OK)).AsArray());
        await phuc.PostJsonAsync($"/api/v1/notifications/{unitInbox.Str("id")}/read", new { }, HttpStatusCode.NotFound);
    }
}
