using System.Net;
using System.Net.Http.Json;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Awards;

/// <summary>
/// The rest of the "done when", through the gateway with real accounts: the gallery lists a consented, nationally
/// recognized initiative, a unit elsewhere reports applying it; the centre selects and publishes the year's Golden Book.
/// </summary>
public sealed class HonourFlowTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    [Fact]
    public async Task A_consented_recognition_is_in_the_gallery_with_a_replication_and_the_centre_publishes_the_golden_book()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var title = $"Thư viện số dùng chung cho trường học {Guid.NewGuid():N}"[..48];
        var initiative = await World.RegisterAsync(an, world.Registration(title));
        await an.PutJsonAsync($"/api/v1/initiatives/{initiative.Id()}/publication-consent", new { consent = true }, HttpStatusCode.OK);
        foreach (var level in new[] { "province", "central" })
        {
            await platform.PublishAsync(new AppraisalDecisionMade(
                Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), level, initiative.Id(), true, 92m, "xuat_sac",
                level == "central" ? "20/QĐ-MTTQ-BTT" : "140/QĐ-HĐTĐ", DateOnly.FromDateTime(DateTime.UtcNow), null, world.CampaignId, "01", "00004", title));
        }

        // Anyone finds it without signing in, typing without diacritics.
        using var anyone = platform.Client(null);
        var listed = await TestInfrastructure.EventuallyAsync(async () =>
            (await anyone.GetJsonAsync("/api/v1/gallery/initiatives?q=thu%20vien%20so%20dung%20chung&level=central", HttpStatusCode.OK))["items"]!.AsArray()
                .SingleOrDefault(i => i!.Str("id") == initiative.Str("id")),
            TimeSpan.FromSeconds(30), "the initiative in the gallery");
        Assert.Equal("central", listed!.Str("level"));

        // A unit in Hồ Chí Minh City reports applying it; the initiative's page counts it on the map.
        using var hcmUnit = platform.Client(world.HcmUnitOfficer);
        await hcmUnit.PostJsonAsync($"/api/v1/gallery/initiatives/{initiative.Id()}/replications",
            new { since = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM-dd"), results = "Học sinh mượn sách điện tử gấp ba lần." }, HttpStatusCode.Created);
        var page = await anyone.GetJsonAsync($"/api/v1/gallery/initiatives/{initiative.Id()}", HttpStatusCode.OK);
        Assert.Single(page["replications"]!.AsArray());
        Assert.Contains("79", page["map"]!.ToJsonString());

        // The Golden Book: the centre opens the edition, Hà Nội nominates, the council votes, the centre publishes.
        var year = DateTime.UtcNow.Year + 3;
        using var centre = platform.Client(World.CentralOfficer);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        await centre.PostJsonAsync("/api/v1/golden-book", new { year, nominationDue = $"{year}-12-31", entries = 1 }, HttpStatusCode.Created);
        await TestInfrastructure.EventuallyAsync(async () =>
            (await hanoi.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={world.CampaignId}&level=central", HttpStatusCode.OK))["items"]!.AsArray()
                .Any(c => c!.Str("initiativeId") == initiative.Str("id")) ? "candidate" : null,
            TimeSpan.FromSeconds(30), "the national recognition among the candidates");
        var nomination = await hanoi.PostJsonAsync($"/api/v1/golden-book/{year}/nominations",
            new { initiativeId = initiative.Str("id"), reason = "Được nhân rộng ở nhiều tỉnh." }, HttpStatusCode.Created);
        using (var amend = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/golden-book/{year}")
        {
            Content = JsonContent.Create(new { nominationDue = DateTime.UtcNow.AddHours(7).AddDays(-1).ToString("yyyy-MM-dd") }),
        })
        {
            Assert.Equal(HttpStatusCode.OK, (await centre.SendAsync(amend)).StatusCode);
        }

        await centre.PostJsonAsync($"/api/v1/golden-book/{year}/ballot/open", new { voterIds = new[] { platform.AccountId(World.CentralOfficer) } }, HttpStatusCode.OK);
        await centre.PostJsonAsync($"/api/v1/golden-book/{year}/ballots", new { nominationIds = new[] { nomination.Str("id") } }, HttpStatusCode.NoContent);
        await centre.PostJsonAsync($"/api/v1/golden-book/{year}/ballot/close", new { }, HttpStatusCode.OK);
        Assert.Equal("golden_book_edition_not_found", (await anyone.GetJsonAsync($"/api/v1/golden-book/{year}", HttpStatusCode.NotFound)).Str("code"));
        await centre.PostJsonAsync($"/api/v1/golden-book/{year}/publish", new { }, HttpStatusCode.OK);

        var book = await anyone.GetJsonAsync($"/api/v1/golden-book/{year}", HttpStatusCode.OK);
        Assert.Equal([initiative.Str("id")], book["entries"]!.AsArray().Select(e => e!.Str("initiativeId")));
        Assert.Equal(title, book["entries"]![0]!.Str("title"));
    }
}
