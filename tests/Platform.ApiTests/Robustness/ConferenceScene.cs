using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DoanKetSangTao.Tests.PlatformApiTests.Robustness;

/// <summary>
/// Hội nghị sơ kết, tổng kết for the robustness suite: a conference of Hà Nội's Front committee inviting the Labour
/// Federation, with a contribution, an exhibit and a nominee, then cancelled — so every write to it is refused even when
/// well-formed (409 <c>review_conference_cancelled</c>) and no malformed variant can change anything, while each still
/// reaches validation as its host or invitee.
/// </summary>
public sealed class ConferenceScene
{
    public Guid Conference { get; private set; }

    public Guid Contribution { get; private set; }

    public Guid Exhibit { get; private set; }

    public Guid Nominee { get; private set; }

    private const string Root = "/api/v1/reports/review-conferences";

    public static object PlanBody(Guid organization) => new
    {
        campaignId = Guid.NewGuid(), kind = "tong_ket", title = "Hội nghị tổng kết để thử dữ liệu sai", startsAt = DateTimeOffset.UtcNow.AddDays(30),
        place = "Hội trường Ủy ban MTTQ thành phố", hostName = "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Hà Nội",
        participants = new[] { new { name = "Phóng viên", role = "Khách mời", email = "phongvien@example.vn" } },
        organizations = new[] { new { organizationId = organization, name = "Liên đoàn Lao động thành phố", quota = 1 } },
    };

    public static async Task<ConferenceScene> CreateAsync(ApiPlatform platform, World world)
    {
        var scene = new ConferenceScene();
        using var hanoi = platform.Client(World.ProvinceOfficer);
        using var federation = platform.Client(world.FederationOfficer);
        scene.Conference = (await hanoi.PostJsonAsync(Root, PlanBody(world.Federation), HttpStatusCode.Created)).Id();
        scene.Contribution = (await hanoi.PostJsonAsync($"{Root}/{scene.Conference}/contributions", new
        {
            organizationId = world.Federation, topic = "Tham luận để thử dữ liệu sai", pageLimit = 3, dueOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"),
        }, HttpStatusCode.Created)).Id();
        scene.Exhibit = (await federation.PostJsonAsync($"{Root}/{scene.Conference}/exhibits", new { name = "Sản phẩm trưng bày", quantity = 1 }, HttpStatusCode.Created)).Id();
        scene.Nominee = (await federation.PostJsonAsync($"{Root}/{scene.Conference}/nominees", new
        {
            kind = "collective", fullName = "Công đoàn phường Ba Đình", achievement = "Mô hình tiêu biểu", provinceCode = "01", communeCode = "00004",
        }, HttpStatusCode.Created)).Id();
        await hanoi.PostJsonAsync($"{Root}/{scene.Conference}/cancel", new { reason = "Hủy để thử dữ liệu sai" }, HttpStatusCode.NoContent);
        return scene;
    }

    /// <summary>Who sends each conference write, the records its path names, and a plausible body; null for other operations.</summary>
    public (Person Caller, Dictionary<string, string> Path, JsonNode? Body)? Plan(string key, World world)
    {
        var host = World.ProvinceOfficer;
        var invitee = world.FederationOfficer;
        var conference = Conference.ToString();
        Dictionary<string, string> P(params (string Name, object Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value.ToString()!);
        JsonNode Node(object value) => JsonNode.Parse(JsonSerializer.Serialize(value, Http.Options))!;
        return key switch
        {
            "POST " + Root => (host, [], Node(PlanBody(world.Federation))),
            "PUT " + Root + "/{id}/schedule" => (host, P(("id", conference)), Node(new { startsAt = DateTimeOffset.UtcNow.AddDays(31), place = "Nơi khác" })),
            "POST " + Root + "/{id}/cancel" => (host, P(("id", conference)), Node(new { reason = "Hủy lần nữa để thử dữ liệu sai" })),
            "POST " + Root + "/{id}/invitees" => (host, P(("id", conference)),
                Node(new { organizations = new[] { new { organizationId = world.School, name = "Trường để thử dữ liệu sai", quota = 1 } } })),
            "PUT " + Root + "/{id}/invitees/{organizationId}/quota" => (host, P(("id", conference), ("organizationId", world.Federation)), Node(new { quota = 2 })),
            "POST " + Root + "/{id}/contributions" => (host, P(("id", conference)), Node(new
            {
                organizationId = world.Federation, topic = "Chủ đề để thử dữ liệu sai", pageLimit = 3, dueOn = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"),
            })),
            "POST " + Root + "/{id}/contributions/{contributionId}/files" => (invitee, P(("id", conference), ("contributionId", Contribution)), null),
            "POST " + Root + "/{id}/exhibits" => (invitee, P(("id", conference)), Node(new { name = "Hiện vật để thử dữ liệu sai", quantity = 2 })),
            "DELETE " + Root + "/{id}/exhibits/{exhibitId}" => (invitee, P(("id", conference), ("exhibitId", Exhibit)), null),
            "POST " + Root + "/{id}/nominees" => (invitee, P(("id", conference)), Node(new
            {
                kind = "individual", fullName = "Người để thử dữ liệu sai", achievement = "Thành tích", provinceCode = "01",
            })),
            "DELETE " + Root + "/{id}/nominees/{nomineeId}" => (invitee, P(("id", conference), ("nomineeId", Nominee)), null),
            "POST " + Root + "/{id}/commendations/forward" => (host, P(("id", conference)), null),
            _ => null,
        };
    }
}
