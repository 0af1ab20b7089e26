using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Awards;

/// <summary>
/// The issue's "done when", through the gateway: Hà Nội's Front committee takes its council's recognized initiative,
/// accepts its member organization's proposal, issues a numbered decision; the author downloads the certificate; anyone
/// verifies it; the committee revokes it and the verification page says so; notification and reporting follow.
/// </summary>
public sealed class CommendationFlowTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    [Fact]
    public async Task A_province_commends_its_recognized_initiative_and_a_proposal_the_author_downloads_anyone_verifies_and_a_revocation_shows()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var initiative = await World.RegisterAsync(an, world.Registration("Sổ tay số cho giáo viên chủ nhiệm lớp"));
        await platform.PublishAsync(new AppraisalDecisionMade(
            Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "province", initiative.Id(), true, 91m, "xuat_sac", "130/QĐ-HĐTĐ",
            DateOnly.FromDateTime(DateTime.UtcNow), null, world.CampaignId, "01", "00004", initiative.Str("title")));

        using var hanoi = platform.Client(World.ProvinceOfficer);
        await TestInfrastructure.EventuallyAsync(async () =>
            (await hanoi.GetJsonAsync($"/api/v1/commendations/candidates?campaignId={world.CampaignId}", HttpStatusCode.OK))["items"]!.AsArray()
                .Any(c => c!.Str("initiativeId") == initiative.Str("id")) ? "listed" : null,
            TimeSpan.FromSeconds(30), "the recognition on the candidates list");

        // The Labour Federation is asked for one collective and sends one; the committee accepts it.
        var call = await hanoi.PostJsonAsync("/api/v1/commendations/calls", new
        {
            title = "Biểu dương mô hình tiêu biểu năm " + world.Year, issuingBodyName = "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            awardTypeCode = "bang_khen_tinh", dueAt = DateTimeOffset.UtcNow.AddDays(7),
            quotas = new[] { new { organizationId = world.Federation, name = "Liên đoàn Lao động thành phố Hà Nội", quota = 1 } },
        }, HttpStatusCode.Created);
        using var federation = platform.Client(world.FederationOfficer);
        var proposal = await federation.PostJsonAsync($"/api/v1/commendations/calls/{call.Str("id")}/proposals", new
        {
            recipients = new[] { new { kind = "collective", fullName = "Công đoàn phường Ba Đình", provinceCode = "01", communeCode = "00004" } },
        }, HttpStatusCode.Created);
        await hanoi.PostJsonAsync($"/api/v1/commendations/proposals/{proposal.Str("id")}/accept", new { }, HttpStatusCode.OK);

        var draft = await hanoi.PostJsonAsync("/api/v1/commendations/decisions", new
        {
            awardTypeCode = "bang_khen_tinh", issuingBodyName = "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            reason = "Đã có thành tích xuất sắc trong phong trào \"Đoàn kết sáng tạo\"", signerName = "Nguyễn Lan Hương", signerPosition = "Chủ tịch",
            fromProposals = new[] { proposal.Str("id") },
            fromInitiatives = new[] { new { initiativeId = initiative.Str("id"), @as = "authors" } },
        }, HttpStatusCode.Created);
        Assert.Equal(["Công đoàn phường Ba Đình", "Nguyễn Văn An"], draft["recipients"]!.AsArray().Select(r => r!.Str("fullName")));
        var issued = await hanoi.PostJsonAsync($"/api/v1/commendations/decisions/{draft.Str("id")}/issue", new { }, HttpStatusCode.OK);
        Assert.Matches(@"^\d+/QĐ-MTTQ$", issued.Str("number"));

        // The author finds and downloads their certificate once it is made; another province's officer cannot.
        var mine = await TestInfrastructure.EventuallyAsync(async () =>
            (await an.GetJsonAsync("/api/v1/commendations/certificates/mine", HttpStatusCode.OK)).AsArray()
                .SingleOrDefault(c => c!.Str("decisionNumber") == issued.Str("number") && c!["ready"]!.GetValue<bool>()),
            TimeSpan.FromSeconds(60), "the author's certificate to be ready");
        var code = mine!.Str("code");
        using (var pdf = await an.GetAsync(mine.Str("downloadPath")))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        }

        // The Federation's officer who proposed the union is told the decision names it.
        await TestInfrastructure.EventuallyAsync(async () =>
            (await federation.GetJsonAsync("/api/v1/notifications?limit=50", HttpStatusCode.OK)).AsArray()
                .Any(n => n!.Str("body").Contains(issued.Str("number"), StringComparison.Ordinal)) ? "told" : null,
            TimeSpan.FromSeconds(30), "the proposing unit told of the decision");

        using var hcm = platform.Client(World.HcmOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await hcm.GetAsync(mine.Str("downloadPath"))).StatusCode);

        // Anyone verifies it, without signing in: the page the QR code opens, and the JSON.
        using var anyone = platform.Client(null);
        var valid = await anyone.GetJsonAsync($"/api/v1/certificates/verify/{code}", HttpStatusCode.OK);
        Assert.Equal("valid", valid.Str("status"));
        Assert.Equal("Nguyễn V. A.", valid.Str("holderName"));
        Assert.Equal("Sổ tay số cho giáo viên chủ nhiệm lớp", valid.Str("initiativeTitle"));
        using (var page = await anyone.GetAsync($"/v/{code}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("CÒN HIỆU LỰC", await page.Content.ReadAsStringAsync());
        }

        // The author was told, and the figures count both recipients.
        await TestInfrastructure.EventuallyAsync(async () =>
            (await an.GetJsonAsync("/api/v1/notifications?limit=50", HttpStatusCode.OK)).ToJsonString().Contains("certificate_issued", StringComparison.Ordinal) ? "told" : null,
            TimeSpan.FromSeconds(30), "the author told the certificate is ready");
        using var centre = platform.Client(World.CentralOfficer);
        var year = DateTime.UtcNow.Year;
        var counted = await TestInfrastructure.EventuallyAsync(async () =>
            await centre.GetJsonAsync($"/api/v1/reports/commendations?year={year}&provinceCode=01", HttpStatusCode.OK) is var r
                && r["collectives"]!.GetValue<int>() >= 1 && r["individuals"]!.GetValue<int>() >= 1 ? r : null,
            TimeSpan.FromSeconds(30), "the commendation counted");
        var individualsBefore = counted!["individuals"]!.GetValue<int>();
        var byOrganization = await centre.GetJsonAsync($"/api/v1/reports/commendations?year={year}&provinceCode=01&by=organization", HttpStatusCode.OK);
        Assert.Contains(byOrganization["breakdown"]!.AsArray(), r => r!["organization"]?.GetValue<string>() == "Công đoàn cơ sở Trường THCS Ba Đình"
            && r!["individuals"]!.GetValue<int>() >= 1);
        Assert.Equal("validation_failed",
            (await centre.GetJsonAsync($"/api/v1/reports/commendations?year={year}&provinceCode=01&by=xa", HttpStatusCode.BadRequest)).Str("code"));

        // Revoked: the page says so at once; the figures drop the recipients.
        await hanoi.PostJsonAsync($"/api/v1/commendations/decisions/{draft.Str("id")}/revoke",
            new { reason = "Sáng kiến trùng với sáng kiến đã được công nhận năm trước", revokingDecisionNumber = "200/QĐ-MTTQ" }, HttpStatusCode.OK);
        Assert.Equal("revoked", (await anyone.GetJsonAsync($"/api/v1/certificates/verify/{code}", HttpStatusCode.OK)).Str("status"));
        using (var page = await anyone.GetAsync($"/v/{code}"))
        {
            Assert.Contains("ĐÃ BỊ THU HỒI", await page.Content.ReadAsStringAsync());
        }

        await TestInfrastructure.EventuallyAsync(async () =>
            (await centre.GetJsonAsync($"/api/v1/reports/commendations?year={year}&provinceCode=01", HttpStatusCode.OK))["individuals"]!.GetValue<int>()
                == individualsBefore - 1 ? "dropped" : null,
            TimeSpan.FromSeconds(30), "the revoked commendation no longer counted");

        // The public log holds the issue and the revocation of the code, chained.
        var log = await anyone.GetJsonAsync("/api/v1/certificates/log?after=0&limit=1000", HttpStatusCode.OK);
        Assert.Equal(["issued", "revoked"], LogKinds(log, code));
    }

    private static IEnumerable<string> LogKinds(JsonNode log, string code) =>
        (log["entries"] ?? log["items"])!.AsArray().Where(e => e!.Str("certificateCode") == code).Select(e => e!.Str("kind"));
}
