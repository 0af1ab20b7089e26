using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Robustness;

/// <summary>
/// Báo cáo định kỳ's records for the robustness suite, each where a well-formed request is still refused after validation:
/// a national template of the world's campaign, Ba Đình's report submitted (not editable), another commune's accepted
/// (not returnable nor acceptable again), and Hà Nội's own draft (compiled only when asked with its real id).
/// </summary>
public sealed class PeriodicReportScene
{
    public static readonly Person BaDinh = new("canbo.xa.badinh.robust", "Đinh Thị Thu", PlatformRoles.FrontOfficer, "VN/01/00004");
    public static readonly Person OtherCommune = new("canbo.xa.khac.robust", "Hà Văn Nam", PlatformRoles.FrontOfficer, "VN/01/00006");

    public const string CommuneDueOn = "2099-05-15";

    public Guid Template { get; private set; }

    public Guid Submitted { get; private set; }

    public Guid Accepted { get; private set; }

    public Guid ProvinceDraft { get; private set; }

    public static object TemplateBody(Guid campaignId) => new
    {
        campaignId, kind = "six_month", title = "Báo cáo 6 tháng để thử dữ liệu sai", periodFrom = "2026-01-01", periodTo = "2026-06-30",
        dueDates = new Dictionary<string, string> { ["commune"] = CommuneDueOn, ["province"] = "2099-06-05" },
    };

    public static object ReportEdit(int version) => new
    {
        version, modelsBuilt = 2, narrative = new { propaganda = "Tuyên truyền để thử dữ liệu sai." }, figures = new { total = new { registered = 1 } },
    };

    public static async Task<PeriodicReportScene> CreateAsync(ApiPlatform platform, World world)
    {
        var scene = new PeriodicReportScene();
        using var centre = platform.Client(World.CentralOfficer);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        using var baDinh = platform.Client(BaDinh);
        using var other = platform.Client(OtherCommune);

        // Reporting learns the campaign from registration's CampaignDeadlineSet: 422 until it has.
        scene.Template = (await TestInfrastructure.EventuallyAsync(async () =>
        {
            using var response = await centre.PostAsJsonAsync("/api/v1/reports/templates", TemplateBody(world.CampaignId));
            return response.StatusCode == HttpStatusCode.UnprocessableEntity ? null : await response.JsonAsync(HttpStatusCode.Created);
        }, TimeSpan.FromSeconds(60), "the campaign known to reporting")).Id();

        scene.Submitted = (await baDinh.PostJsonAsync("/api/v1/reports/periodic", new { templateId = scene.Template }, HttpStatusCode.Created)).Id();
        await baDinh.PostJsonAsync($"/api/v1/reports/periodic/{scene.Submitted}/submit", new { }, HttpStatusCode.OK);

        scene.Accepted = (await other.PostJsonAsync("/api/v1/reports/periodic", new { templateId = scene.Template }, HttpStatusCode.Created)).Id();
        await other.PostJsonAsync($"/api/v1/reports/periodic/{scene.Accepted}/submit", new { }, HttpStatusCode.OK);
        await hanoi.PostJsonAsync($"/api/v1/reports/periodic/{scene.Accepted}/accept", new { }, HttpStatusCode.OK);

        scene.ProvinceDraft = (await hanoi.PostJsonAsync("/api/v1/reports/periodic", new { templateId = scene.Template }, HttpStatusCode.Created)).Id();
        return scene;
    }
}

/// <summary>The periodic report endpoints' plans: who sends, at which record, with which plausible body to break.</summary>
public sealed partial class MalformedRequestTests
{
    private static Target? PeriodicReportPlan(WriteOperation operation, Scene scene)
    {
        var r = scene.Reports;
        Dictionary<string, string> P(params (string Name, object Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value.ToString()!);
        return operation.Key switch
        {
            // An unknown campaign: even a well-formed template is refused (422), after validation.
            "POST /api/v1/reports/templates/" or "POST /api/v1/reports/templates" => new(World.CentralOfficer, [], Node(PeriodicReportScene.TemplateBody(Guid.NewGuid()))),
            // The date it already has: a well-formed request changes nothing.
            "PUT /api/v1/reports/templates/{id}/due-dates/{level}" => new(World.CentralOfficer, P(("id", r.Template), ("level", "commune")),
                Node(new { dueOn = PeriodicReportScene.CommuneDueOn })),
            // Ba Đình's report exists: opening it again returns it.
            "POST /api/v1/reports/periodic/" or "POST /api/v1/reports/periodic" => new(PeriodicReportScene.BaDinh, [],
                Node(new { templateId = r.Template, organizationName = "Ủy ban MTTQ phường Ba Đình" })),
            "PUT /api/v1/reports/periodic/{id}" => new(PeriodicReportScene.BaDinh, P(("id", r.Submitted)), Node(PeriodicReportScene.ReportEdit(2))),
            "POST /api/v1/reports/periodic/{id}/submit" => new(PeriodicReportScene.BaDinh, P(("id", r.Submitted)), null),
            "POST /api/v1/reports/periodic/{id}/return" => new(World.ProvinceOfficer, P(("id", r.Accepted)), Node(new { reason = "Trả lại để thử dữ liệu sai." })),
            "POST /api/v1/reports/periodic/{id}/accept" => new(World.ProvinceOfficer, P(("id", r.Accepted)), null),
            "POST /api/v1/reports/periodic/{id}/compile" => new(World.ProvinceOfficer, P(("id", r.ProvinceDraft)), null),
            // Every multipart variant carries a renamed executable: nothing can be attached even when the envelope is read.
            "POST /api/v1/reports/periodic/{id}/attachments" => new(World.ProvinceOfficer, P(("id", r.ProvinceDraft)), null),
            "DELETE /api/v1/reports/periodic/{id}/attachments/{attachmentId}" => new(World.ProvinceOfficer, P(("id", r.ProvinceDraft), ("attachmentId", Guid.NewGuid())), null),
            _ => null,
        };
    }
}
