extern alias reporting;

using System.Net;
using System.Net.Http.Json;
using static DoanKetSangTao.Tests.Functional.ReviewConferenceScene;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// Quyền với hội nghị: the host level manages, invited organizations act on their own parts, nobody else sees it —
/// writes as strictly as reads; bad input is refused with Problem Details and stores nothing.
/// </summary>
public sealed class ReviewConferenceAccessTests(ServiceHost<reporting::Program> host) : IClassFixture<ServiceHost<reporting::Program>>
{
    private const string Root = "/api/v1/reports/review-conferences";

    [Fact]
    public async Task Nobody_but_the_host_and_the_invitees_sees_the_conference_or_changes_it()
    {
        using var hostClient = host.Client(Host);
        var id = (await hostClient.PostJsonAsync(Root, Plan("Hội nghị tổng kết (quyền)", (Women, "Hội Liên hiệp Phụ nữ tỉnh", 1)), HttpStatusCode.Created)).Id();
        var contribution = (await hostClient.PostJsonAsync($"{Root}/{id}/contributions",
            new { organizationId = Women, topic = "Chủ đề", pageLimit = 3, dueOn = VietnamDay(10) }, HttpStatusCode.Created)).Id();

        foreach (var stranger in new[] { OtherProvince, CommuneOfficer, Uninvited })
        {
            using var http = host.Client(stranger);
            Assert.DoesNotContain((await http.GetJsonAsync(Root, HttpStatusCode.OK)).AsArray(), c => c!.Id() == id);
            foreach (var response in new[]
            {
                await http.GetAsync($"{Root}/{id}"),
                await http.PutAsJsonAsync($"{Root}/{id}/schedule", new { startsAt = StartsAt, place = "Nơi khác" }),
                await http.PostAsJsonAsync($"{Root}/{id}/cancel", new { reason = "Không có quyền" }),
                await http.PostAsJsonAsync($"{Root}/{id}/invitees", new { organizations = new[] { new { organizationId = Guid.NewGuid(), name = "Đơn vị", quota = 1 } } }),
                await http.PostAsJsonAsync($"{Root}/{id}/exhibits", new { name = "Hiện vật", quantity = 1 }),
                await http.PostAsJsonAsync($"{Root}/{id}/nominees", new { kind = "individual", fullName = "Người lạ", achievement = "Thành tích" }),
                await UploadAsync(http, $"{Root}/{id}/contributions/{contribution}/files", Pdf, "x.pdf"),
                await http.PostAsync($"{Root}/{id}/commendations/forward", null),
            })
            {
                using (response)
                {
                    await ProblemAsync(response, HttpStatusCode.NotFound, "review_conference_not_found");
                }
            }
        }

        // The invitee may not manage; the host may not act for an invitee.
        using var women = host.Client(WomenOfficer);
        using (var manage = await women.PostAsJsonAsync($"{Root}/{id}/cancel", new { reason = "Không phải cơ quan tổ chức" }))
        {
            await ProblemAsync(manage, HttpStatusCode.Forbidden, "review_conference_host_only");
        }

        using (var act = await hostClient.PostAsJsonAsync($"{Root}/{id}/exhibits", new { name = "Hiện vật", quantity = 1 }))
        {
            await ProblemAsync(act, HttpStatusCode.Forbidden, "review_conference_invitee_only");
        }

        // An author has no business with conferences at all.
        using var author = host.Client(People.AuthorBinh);
        using var denied = await author.GetAsync(Root);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var view = await hostClient.GetJsonAsync($"{Root}/{id}", HttpStatusCode.OK);
        Assert.Equal("planned", view["conference"]!.Str("status"));
        Assert.Empty(view["exhibits"]!.AsArray());
        Assert.Empty(view["nominees"]!.AsArray());
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_stores_nothing()
    {
        using var hostClient = host.Client(Host);
        var before = (await hostClient.GetJsonAsync(Root, HttpStatusCode.OK)).AsArray().Count;
        using (var bad = await hostClient.PostAsJsonAsync(Root, new
        {
            kind = "hop_mat", title = "", startsAt = DateTimeOffset.UtcNow.AddDays(-1), place = " ",
            participants = new[] { new { name = "Khách", email = "không-phải-thư" } },
            organizations = new[] { new { organizationId = Women, name = "Hội LHPN", quota = 99 } },
        }))
        {
            var problem = await ProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
            var fields = problem["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
            Assert.Superset(new HashSet<string> { "campaignId", "kind", "title", "hostName", "startsAt", "place", "participants[0]", "organizations[0]" }, fields);
            Assert.Contains("startsAt", fields);
        }

        Assert.Equal(before, (await hostClient.GetJsonAsync(Root, HttpStatusCode.OK)).AsArray().Count);

        var id = (await hostClient.PostJsonAsync(Root, Plan("Hội nghị tổng kết (dữ liệu sai)", (Women, "Hội Liên hiệp Phụ nữ tỉnh", 1)), HttpStatusCode.Created)).Id();
        using (var lateDue = await hostClient.PostAsJsonAsync($"{Root}/{id}/contributions", new { organizationId = Women, topic = "Chủ đề", pageLimit = 0, dueOn = VietnamDay(60) }))
        {
            var problem = await ProblemAsync(lateDue, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["dueOn", "pageLimit"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        }

        using (var notInvited = await hostClient.PostAsJsonAsync($"{Root}/{id}/contributions", new { organizationId = Farmers, topic = "Chủ đề", pageLimit = 3, dueOn = VietnamDay(5) }))
        {
            await ProblemAsync(notInvited, (HttpStatusCode)422, "review_conference_not_invited");
        }

        using var women = host.Client(WomenOfficer);
        using (var badNominee = await women.PostAsJsonAsync($"{Root}/{id}/nominees", new { kind = "team", fullName = "", achievement = "" }))
        {
            await ProblemAsync(badNominee, HttpStatusCode.BadRequest, "validation_failed");
        }

        var contribution = (await hostClient.PostJsonAsync($"{Root}/{id}/contributions", new { organizationId = Women, topic = "Chủ đề", pageLimit = 3, dueOn = VietnamDay(5) },
            HttpStatusCode.Created)).Id();
        using (var notAFile = await UploadAsync(women, $"{Root}/{id}/contributions/{contribution}/files", "chỉ là chữ"u8.ToArray(), "tham-luan.pdf"))
        {
            Assert.Equal("application/problem+json", notAFile.Content.Headers.ContentType?.MediaType);
            Assert.True((int)notAFile.StatusCode is 400 or 415, $"got {(int)notAFile.StatusCode}");
        }

        var view = await hostClient.GetJsonAsync($"{Root}/{id}", HttpStatusCode.OK);
        Assert.Empty(view["nominees"]!.AsArray());
        var only = Assert.Single(view["contributions"]!.AsArray())!;
        Assert.Equal("assigned", only.Str("status"));
        Assert.Empty(only["files"]!.AsArray());
    }
}
