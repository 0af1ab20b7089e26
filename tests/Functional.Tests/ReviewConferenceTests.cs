extern alias reporting;

using System.Net;
using System.Net.Http.Json;
using DoanKetSangTao.Tests.Support;
using static DoanKetSangTao.Tests.Functional.ReviewConferenceScene;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Hội nghị tổng kết (seed 004) in reporting alone: the plan and its invitation, contributions collected with their
/// files, exhibits, commendation proposals within the quota forwarded to awards once, and the D-3/D-1 reminder sent once.
/// </summary>
public sealed class ReviewConferenceTests(ServiceHost<reporting::Program> host) : IClassFixture<ServiceHost<reporting::Program>>
{
    private const string Root = "/api/v1/reports/review-conferences";

    [Fact]
    public async Task The_host_plans_assigns_and_collects_contributions_and_each_organization_sees_its_own()
    {
        using var hostClient = host.Client(Host);
        using var women = host.Client(WomenOfficer);
        using var farmers = host.Client(FarmersOfficer);
        var created = await hostClient.PostJsonAsync(Root, Plan("Hội nghị tổng kết phong trào “Đoàn kết sáng tạo”",
            (Women, "Hội Liên hiệp Phụ nữ tỉnh", 1), (Farmers, "Hội Nông dân tỉnh", 1)), HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal("host", created.Str("standing"));

        var invited = (await OutboxAsync(host.Database.ConnectionString, "ReviewConferenceInvited")).Single(e => Guid.Parse(e.Str("conferenceId")) == id);
        Assert.Equal(new[] { Farmers, Women }.Order(), invited["organizations"]!.AsArray().Select(o => Guid.Parse(o!.Str("organizationId"))).Order());
        Assert.Equal("phongvien@example.vn", invited["participants"]!.AsArray()[1]!.Str("email"));

        // Each invited organization sees the invitation in its list.
        var list = await women.GetJsonAsync(Root, HttpStatusCode.OK);
        Assert.Contains(list.AsArray(), c => c!.Id() == id && c!.Str("standing") == "invitee");

        var due = VietnamDay(20);
        var womenTopic = await hostClient.PostJsonAsync($"{Root}/{id}/contributions", new
        {
            organizationId = Women, topic = "Cách làm hay gắn với phong trào “Xây dựng người Phụ nữ Việt Nam thời đại mới”", pageLimit = 3, dueOn = due,
        }, HttpStatusCode.Created);
        var farmersTopic = await hostClient.PostJsonAsync($"{Root}/{id}/contributions", new
        {
            organizationId = Farmers, topic = "Phương pháp triển khai gắn với phong trào nông dân sản xuất kinh doanh giỏi", pageLimit = 3, dueOn = due,
        }, HttpStatusCode.Created);
        Assert.Equal("assigned", womenTopic.Str("status"));
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), womenTopic.Str("dueOnText"));

        // The women's union sends its file; the farmers cannot send to the women's contribution, nor read it.
        using (var refused = await UploadAsync(farmers, $"{Root}/{id}/contributions/{womenTopic.Id()}/files", Pdf, "tham-luan.pdf"))
        {
            await ProblemAsync(refused, HttpStatusCode.NotFound, "conference_contribution_not_found");
        }

        using var uploaded = await UploadAsync(women, $"{Root}/{id}/contributions/{womenTopic.Id()}/files", Pdf, "Tham luận Hội LHPN.pdf");
        var file = await uploaded.ReadAsync(HttpStatusCode.Created);
        var filePath = $"{Root}/{id}/contributions/{womenTopic.Id()}/files/{file.Id()}";

        // The host sees both contributions with their status; the women's union only its own.
        var full = await hostClient.GetJsonAsync($"{Root}/{id}", HttpStatusCode.OK);
        var statuses = full["contributions"]!.AsArray().ToDictionary(c => c!.Id(), c => c!.Str("status"));
        Assert.Equal("submitted", statuses[womenTopic.Id()]);
        Assert.Equal("assigned", statuses[farmersTopic.Id()]);
        Assert.Equal(2, full["participants"]!.AsArray().Count);
        var own = await women.GetJsonAsync($"{Root}/{id}", HttpStatusCode.OK);
        Assert.Equal([womenTopic.Id()], own["contributions"]!.AsArray().Select(c => c!.Id()));
        Assert.Equal([Women], own["organizations"]!.AsArray().Select(o => Guid.Parse(o!.Str("organizationId"))));
        Assert.Empty(own["participants"]!.AsArray());

        // The host downloads the file as sent; the farmers cannot.
        Assert.Equal(Pdf, await hostClient.GetByteArrayAsync(filePath));
        using (var stranger = await farmers.GetAsync(filePath))
        {
            await ProblemAsync(stranger, HttpStatusCode.NotFound, "conference_contribution_not_found");
        }
    }

    [Fact]
    public async Task Exhibits_and_proposals_stay_with_their_organization_and_proposals_beyond_the_quota_are_refused()
    {
        using var hostClient = host.Client(Host);
        using var women = host.Client(WomenOfficer);
        using var farmers = host.Client(FarmersOfficer);
        var id = (await hostClient.PostJsonAsync(Root, Plan("Hội nghị sơ kết 3 năm", (Women, "Hội Liên hiệp Phụ nữ tỉnh", 1), (Farmers, "Hội Nông dân tỉnh", 2)),
            HttpStatusCode.Created)).Id();

        await women.PostJsonAsync($"{Root}/{id}/exhibits", new { name = "Sản phẩm OCOP: trà thảo mộc", description = "Hợp tác xã phụ nữ Tam Thăng", quantity = 5 },
            HttpStatusCode.Created);
        var nominee = new
        {
            kind = "collective", fullName = "Chi hội Phụ nữ thôn 2", unitName = "Hội LHPN xã Tam Thăng",
            achievement = "Mô hình kết nối tiêu thụ sản phẩm, hỗ trợ phụ nữ khởi nghiệp",
        };
        await women.PostJsonAsync($"{Root}/{id}/nominees", nominee, HttpStatusCode.Created);

        // Beyond the quota of one: refused with Problem Details, and nothing more is stored.
        using (var over = await women.PostAsJsonAsync($"{Root}/{id}/nominees", nominee with { fullName = "Chi hội Phụ nữ thôn 3" }))
        {
            await ProblemAsync(over, (HttpStatusCode)422, "conference_quota_exceeded");
        }

        await farmers.PostJsonAsync($"{Root}/{id}/nominees", new
        {
            kind = "individual", fullName = "Nguyễn Văn Bình", position = "Chủ nhiệm", unitName = "Tổ hợp tác rau an toàn", achievement = "Nhân rộng mô hình rau an toàn",
        }, HttpStatusCode.Created);

        var hostView = await hostClient.GetJsonAsync($"{Root}/{id}", HttpStatusCode.OK);
        Assert.Equal(2, hostView["nominees"]!.AsArray().Count);
        Assert.Single(hostView["exhibits"]!.AsArray());
        Assert.Equal(1, hostView["organizations"]!.AsArray().Single(o => Guid.Parse(o!.Str("organizationId")) == Women)!["proposed"]!.GetValue<int>());
        var farmersView = await farmers.GetJsonAsync($"{Root}/{id}", HttpStatusCode.OK);
        Assert.Empty(farmersView["exhibits"]!.AsArray());
        Assert.Equal("Nguyễn Văn Bình", farmersView["nominees"]!.AsArray().Single()!.Str("fullName"));

        // The host forwards them to awards once; afterwards nothing changes them.
        using (var forwarded = await hostClient.PostAsync($"{Root}/{id}/commendations/forward", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, forwarded.StatusCode);
        }

        var proposed = (await OutboxAsync(host.Database.ConnectionString, "ConferenceCommendationsProposed")).Single(e => Guid.Parse(e.Str("conferenceId")) == id);
        Assert.Equal("49", proposed.Str("hostProvinceCode"));
        var groups = proposed["organizations"]!.AsArray();
        Assert.Equal(2, groups.Count);
        Assert.Equal("Chi hội Phụ nữ thôn 2", groups.Single(g => Guid.Parse(g!.Str("organizationId")) == Women)!["nominees"]!.AsArray().Single()!.Str("fullName"));
        using (var again = await hostClient.PostAsync($"{Root}/{id}/commendations/forward", null))
        {
            await ProblemAsync(again, HttpStatusCode.Conflict, "conference_commendations_already_forwarded");
        }

        using (var late = await farmers.PostAsJsonAsync($"{Root}/{id}/nominees", nominee))
        {
            await ProblemAsync(late, HttpStatusCode.Conflict, "conference_commendations_already_forwarded");
        }
    }

    [Fact]
    public async Task A_contribution_due_tomorrow_is_reminded_once_at_D_1_and_one_due_in_three_days_at_D_3()
    {
        using var hostClient = host.Client(Host);
        var id = (await hostClient.PostJsonAsync(Root, Plan("Hội nghị tổng kết (nhắc hạn)", (Women, "Hội Liên hiệp Phụ nữ tỉnh", 0), (Farmers, "Hội Nông dân tỉnh", 0)),
            HttpStatusCode.Created)).Id();
        var first = await hostClient.PostJsonAsync($"{Root}/{id}/contributions", new { organizationId = Farmers, topic = "Mô hình tiêu biểu", pageLimit = 3, dueOn = VietnamDay(1) },
            HttpStatusCode.Created);
        var reminder = await TestInfrastructure.EventuallyAsync(async () =>
            (await OutboxAsync(host.Database.ConnectionString, "ConferenceContributionDueSoon")).FirstOrDefault(e => Guid.Parse(e.Str("contributionId")) == first.Id()),
            TimeSpan.FromSeconds(30), "the D-1 reminder of the farmers' contribution");
        Assert.Equal(1, reminder["daysLeft"]!.GetValue<int>());
        Assert.Equal(Farmers, Guid.Parse(reminder.Str("organizationId")));

        // A second assignment wakes the worker again; once its reminder is out, the first is still reminded once.
        var second = await hostClient.PostJsonAsync($"{Root}/{id}/contributions", new { organizationId = Farmers, topic = "Tham luận thứ hai", pageLimit = 2, dueOn = VietnamDay(3) },
            HttpStatusCode.Created);
        var d3 = await TestInfrastructure.EventuallyAsync(async () =>
            (await OutboxAsync(host.Database.ConnectionString, "ConferenceContributionDueSoon")).FirstOrDefault(e => Guid.Parse(e.Str("contributionId")) == second.Id()),
            TimeSpan.FromSeconds(30), "the D-3 reminder of the second contribution");
        Assert.Equal(3, d3["daysLeft"]!.GetValue<int>());
        var all = await OutboxAsync(host.Database.ConnectionString, "ConferenceContributionDueSoon");
        Assert.Single(all, e => Guid.Parse(e.Str("contributionId")) == first.Id());
    }

    [Fact]
    public async Task Rescheduling_and_cancelling_tell_every_invitee_and_a_cancelled_conference_takes_no_more_changes()
    {
        using var hostClient = host.Client(Host);
        using var women = host.Client(WomenOfficer);
        var id = (await hostClient.PostJsonAsync(Root, Plan("Hội nghị tổng kết (dời lịch)", (Women, "Hội Liên hiệp Phụ nữ tỉnh", 1)), HttpStatusCode.Created)).Id();
        var later = StartsAt.AddDays(2);
        using (var moved = await hostClient.PutAsJsonAsync($"{Root}/{id}/schedule", new { startsAt = later, place = "Hội trường Ủy ban MTTQ tỉnh" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        }

        using (var cancelled = await hostClient.PostAsJsonAsync($"{Root}/{id}/cancel", new { reason = "Trùng lịch hội nghị của Tỉnh ủy" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        }

        var changes = (await OutboxAsync(host.Database.ConnectionString, "ReviewConferenceChanged")).Where(e => Guid.Parse(e.Str("conferenceId")) == id).ToList();
        Assert.Equal(["rescheduled", "cancelled"], changes.Select(c => c.Str("change")));
        Assert.Equal("Hội trường Ủy ban MTTQ tỉnh", changes[0].Str("place"));
        Assert.Equal(later, changes[0]["startsAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Women, Guid.Parse(changes[1]["organizations"]!.AsArray().Single()!.Str("organizationId")));

        Assert.Equal("cancelled", (await women.GetJsonAsync($"{Root}/{id}", HttpStatusCode.OK))["conference"]!.Str("status"));
        using var refused = await women.PostAsJsonAsync($"{Root}/{id}/exhibits", new { name = "Sản phẩm", quantity = 1 });
        await ProblemAsync(refused, HttpStatusCode.Conflict, "review_conference_cancelled");
    }
}
