using System.Net;
using System.Net.Http.Json;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Robustness;

/// <summary>
/// Awards' records for the robustness suite, each in the state where a well-formed request would still be refused, so
/// that no malformed variant can change anything yet every one reaches validation: a published initiative (gallery), a
/// call with a proposal awaiting the body, a draft, an issued and a revoked decision, and a Golden Book edition whose
/// ballot is counted.
/// </summary>
public sealed class AwardsScene
{
    public Guid Published { get; private set; }

    public Guid Call { get; private set; }

    public Guid Proposal { get; private set; }

    public Guid DraftDecision { get; private set; }

    public Guid IssuedDecision { get; private set; }

    public Guid RevokedDecision { get; private set; }

    public int CountedEdition { get; private set; }

    public static object DecisionBody(string name) => new
    {
        awardTypeCode = "bang_khen_tinh", issuingBodyName = "Ủy ban MTTQ Việt Nam thành phố Hà Nội", reason = "Thành tích để thử dữ liệu sai",
        signerName = "Nguyễn Lan Hương", signerPosition = "Chủ tịch",
        recipients = new[] { new { kind = "individual", fullName = name, provinceCode = "01", communeCode = "00004", organizationName = "Trường THCS Ba Đình" } },
    };

    public static object CallBody(Guid organization) => new
    {
        title = "Đợt đề nghị để thử dữ liệu sai", issuingBodyName = "Ủy ban MTTQ Việt Nam thành phố Hà Nội", awardTypeCode = "bang_khen_tinh",
        dueAt = DateTimeOffset.UtcNow.AddDays(30), quotas = new[] { new { organizationId = organization, name = "Liên đoàn Lao động thành phố", quota = 2 } },
    };

    public static object ProposalBody() => new
    {
        recipients = new[] { new { kind = "collective", fullName = "Công đoàn phường Ba Đình", provinceCode = "01", communeCode = "00004" } },
    };

    public static async Task<AwardsScene> CreateAsync(ApiPlatform platform, World world)
    {
        var scene = new AwardsScene();
        using var hanoi = platform.Client(World.ProvinceOfficer);
        using var centre = platform.Client(World.CentralOfficer);
        using var an = platform.Client(world.AuthorAn);
        using var federation = platform.Client(world.FederationOfficer);

        // Published in the gallery: consented and recognized nationally (also a Golden Book candidate).
        scene.Published = (await World.RegisterAsync(an, world.Registration("Sáng kiến công bố để thử dữ liệu sai"))).Id();
        await an.PutJsonAsync($"/api/v1/initiatives/{scene.Published}/publication-consent", new { consent = true }, HttpStatusCode.OK);
        await platform.PublishAsync(new AppraisalDecisionMade(
            Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "central", scene.Published, true, 90m, "xuat_sac", "30/QĐ-MTTQ-BTT",
            DateOnly.FromDateTime(DateTime.UtcNow), null, world.CampaignId, "01", "00004", "Sáng kiến công bố để thử dữ liệu sai"));
        using var anyone = platform.Client(null);
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            using var page = await anyone.GetAsync($"/api/v1/gallery/initiatives/{scene.Published}");
            return page.StatusCode == HttpStatusCode.OK ? "published" : null;
        }, TimeSpan.FromSeconds(30), "the initiative published in the gallery");

        // A call with the Federation's proposal awaiting the body.
        scene.Call = (await hanoi.PostJsonAsync("/api/v1/commendations/calls", CallBody(world.Federation), HttpStatusCode.Created)).Id();
        scene.Proposal = (await federation.PostJsonAsync($"/api/v1/commendations/calls/{scene.Call}/proposals", ProposalBody(), HttpStatusCode.Created)).Id();

        // Decisions: a draft, one issued, one revoked.
        scene.DraftDecision = (await hanoi.PostJsonAsync("/api/v1/commendations/decisions", DecisionBody("Người trong dự thảo"), HttpStatusCode.Created)).Id();
        scene.IssuedDecision = (await hanoi.PostJsonAsync("/api/v1/commendations/decisions", DecisionBody("Người đã được khen"), HttpStatusCode.Created)).Id();
        await hanoi.PostJsonAsync($"/api/v1/commendations/decisions/{scene.IssuedDecision}/issue", new { }, HttpStatusCode.OK);
        scene.RevokedDecision = (await hanoi.PostJsonAsync("/api/v1/commendations/decisions", DecisionBody("Người bị thu hồi"), HttpStatusCode.Created)).Id();
        await hanoi.PostJsonAsync($"/api/v1/commendations/decisions/{scene.RevokedDecision}/issue", new { }, HttpStatusCode.OK);
        await hanoi.PostJsonAsync($"/api/v1/commendations/decisions/{scene.RevokedDecision}/revoke",
            new { reason = "Thu hồi để thử dữ liệu sai", revokingDecisionNumber = "300/QĐ-MTTQ" }, HttpStatusCode.OK);

        // A Golden Book edition whose ballot is counted: amending, balloting and re-opening are all refused now.
        scene.CountedEdition = DateTime.UtcNow.Year + 7;
        var year = scene.CountedEdition;
        await centre.PostJsonAsync("/api/v1/golden-book", new { year, nominationDue = $"{year}-12-31", entries = 1 }, HttpStatusCode.Created);
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            using var nominated = await hanoi.PostAsJsonAsync($"/api/v1/golden-book/{year}/nominations",
                new { initiativeId = scene.Published, reason = "Tiêu biểu để thử dữ liệu sai." });
            return nominated.StatusCode == HttpStatusCode.Created ? await nominated.JsonAsync(HttpStatusCode.Created) : null;
        }, TimeSpan.FromSeconds(30), "the nomination (once the central recognition reached awards)");
        using (var amend = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/golden-book/{year}")
        {
            Content = JsonContent.Create(new { nominationDue = DateTime.UtcNow.AddHours(7).AddDays(-1).ToString("yyyy-MM-dd") }),
        })
        {
            using var amended = await centre.SendAsync(amend);
            await amended.JsonAsync(HttpStatusCode.OK);
        }

        await centre.PostJsonAsync($"/api/v1/golden-book/{year}/ballot/open", new { voterIds = new[] { platform.AccountId(World.CentralOfficer) } }, HttpStatusCode.OK);
        var nominations = await centre.GetJsonAsync($"/api/v1/golden-book/{year}/nominations", HttpStatusCode.OK);
        await centre.PostJsonAsync($"/api/v1/golden-book/{year}/ballots",
            new { nominationIds = nominations.AsArray().Select(n => n!.Str("id")).ToArray() }, HttpStatusCode.NoContent);
        await centre.PostJsonAsync($"/api/v1/golden-book/{year}/ballot/close", new { }, HttpStatusCode.OK);
        return scene;
    }
}
