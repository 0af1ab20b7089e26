using DoanKetSangTao.Domain;
using System.Net;
using System.Text.Json.Nodes;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Appraisal;

/// <summary>
/// Who on a council reads a dossier and its attachments in registration: the rule appraisal applies to the case, asked
/// over gRPC. A member reads the dossiers of the cases assigned to them; a secretary or chair those of their own
/// council; nobody else on any council, the central council included.
/// </summary>
public sealed class DossierAccessTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    private static readonly Person Chair = new("chutich.hoso.hanoi", "Lê Văn Quang", PlatformRoles.CouncilMember, "VN/01");
    private static readonly Person Assigned = new("uyvien.phancong.hanoi", "Nguyễn Thị Thu", PlatformRoles.CouncilMember, "VN/01");
    private static readonly Person Unassigned = new("uyvien.khongphancong.hanoi", "Trần Văn Sơn", PlatformRoles.CouncilMember, "VN/01");
    private static readonly Person OtherCouncilSecretary = new("thuky.xa.khac", "Lưu Thị Hồng", PlatformRoles.CouncilSecretary, "VN/01");
    private static readonly Person OtherCouncilMember = new("uyvien.xa.khac", "Chu Văn Khoa", PlatformRoles.CouncilMember, "VN/01");
    private static readonly Person CentralSecretary = new("thuky.trunguong.hoso", "Hà Thị Yến", PlatformRoles.CouncilSecretary, "VN");
    private static readonly Person CentralMember = new("uyvien.trunguong.hoso", "Tạ Văn Long", PlatformRoles.CouncilMember, "VN");

    [Fact]
    public async Task A_member_reads_the_dossiers_assigned_to_them_and_a_secretary_those_of_their_council_and_nobody_else_on_a_council()
    {
        var world = await World.OfAsync(platform);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        using var an = platform.Client(world.AuthorAn);
        using var branch = platform.Client(world.BranchOfficer);
        await hanoi.PutJsonAsync($"/api/v1/organizations/{world.School}/movement-plans/{world.CampaignId}",
            new { documentNumber = "07/KH-CĐCS", issuedOn = DateTime.UtcNow.AddMonths(-3).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        var science = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Sở Khoa học và Công nghệ Hà Nội", kind = "agency", provinceCode = "01" }, HttpStatusCode.Created)).Id();

        // The province's council, and another council of the same campaign (a commune's), both set up by decision.
        var council = await hanoi.PostJsonAsync("/api/v1/councils", Council(world.CampaignId, "VN/01",
            [
                Seat(World.Secretary, "secretary", science), Seat(Chair, "chair", science),
                Seat(Assigned, "member", science), Seat(Unassigned, "member", science),
            ]), HttpStatusCode.Created);
        var communes = (await hanoi.GetJsonAsync("/api/v1/administrative-units?provinceCode=01", HttpStatusCode.OK)).AsArray();
        var otherCommune = communes.Select(c => c!.Str("code")).First(c => c != "00004");
        await hanoi.PostJsonAsync("/api/v1/councils", Council(world.CampaignId, $"VN/01/{otherCommune}",
            [Seat(OtherCouncilSecretary, "secretary", science), Seat(OtherCouncilMember, "member", science)],
            name: "Hội đồng thẩm định sáng kiến cấp xã"), HttpStatusCode.Created);

        // The central council of this year's national campaign.
        using var centre = platform.Client(World.CentralOfficer);
        var national = (await centre.PostJsonAsync("/api/v1/campaigns", new
        {
            year = world.Year, name = $"Phong trào Đoàn kết sáng tạo toàn quốc năm {world.Year}", registrationDueBefore = $"{world.Year}-03-31",
        }, HttpStatusCode.Created)).Id();
        await centre.PostJsonAsync("/api/v1/councils", Council(national, "VN",
            [Seat(CentralSecretary, "secretary", science), Seat(CentralMember, "member", science)], name: "Hội đồng thẩm định Trung ương"),
            HttpStatusCode.Created);

        // A dossier submitted in Hà Nội becomes a case of the province's council, admitted and assigned to one member.
        var initiative = await World.RegisterAsync(an, world.Registration("Sổ tay điện tử theo dõi sức khỏe học sinh"));
        await branch.PostJsonAsync($"/api/v1/initiatives/{initiative.Id()}/confirm", new { }, HttpStatusCode.OK);
        var dossierId = (await an.PostJsonAsync("/api/v1/dossiers", new { initiativeId = initiative.Id() }, HttpStatusCode.Created)).Id();
        var cover = await (await World.UploadAsync(an, dossierId, "cover_letter", "Tờ trình.pdf", World.Pdf)).JsonAsync(HttpStatusCode.Created);
        await an.PutJsonAsync($"/api/v1/dossiers/{dossierId}", World.DossierContent("Sổ tay điện tử theo dõi sức khỏe học sinh."), HttpStatusCode.OK);
        await an.PostJsonAsync($"/api/v1/dossiers/{dossierId}/submit", new { }, HttpStatusCode.OK);
        using var secretary = platform.Client(World.Secretary);
        var caseId = (await TestInfrastructure.EventuallyAsync(async () =>
        {
            var progress = await secretary.GetJsonAsync($"/api/v1/councils/{council.Id()}/progress", HttpStatusCode.OK);
            return progress["cases"]!.AsArray().FirstOrDefault(c => c!.Str("initiativeId") == initiative.Id().ToString());
        }, TimeSpan.FromSeconds(30), "the province council's case"))!.Id();
        await secretary.PostJsonAsync($"/api/v1/appraisals/cases/{caseId}/screening", new
        {
            outcome = "admit",
            checklist = new { complete = true, unlawful = false, ipProtected = false, stateFunded = false, authorsIdentified = true, movementPlan = true, practicalBenefit = true },
        }, HttpStatusCode.OK);
        await secretary.PutJsonAsync($"/api/v1/appraisals/cases/{caseId}/assignments",
            new { personIds = new[] { PersonId(council, platform.AccountId(Assigned)) } }, HttpStatusCode.OK);

        var dossier = $"/api/v1/dossiers/{dossierId}";
        var attachment = $"{dossier}/attachments/{cover.Id()}/content";

        // The assigned member, the council's secretary and its chair read the dossier and the attachment.
        foreach (var reader in new[] { Assigned, World.Secretary, Chair })
        {
            using var client = platform.Client(reader);
            Assert.Equal(dossierId, (await client.GetJsonAsync(dossier, HttpStatusCode.OK)).Id());
            Assert.Equal(dossierId, (await client.GetJsonAsync($"/api/v1/dossiers?initiativeId={initiative.Id()}", HttpStatusCode.OK)).Id());
            using var download = await client.GetAsync(attachment);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(World.Pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // An unassigned member of the same council, the other council's secretary and member, and the central council's
        // secretary and member: 403 on the dossier, its versions and the attachment, as appraisal refuses them the case.
        foreach (var outsider in new[] { Unassigned, OtherCouncilSecretary, OtherCouncilMember, CentralSecretary, CentralMember })
        {
            using var client = platform.Client(outsider);
            foreach (var path in new[] { dossier, $"/api/v1/dossiers?initiativeId={initiative.Id()}", $"{dossier}/versions/1", attachment })
            {
                var refused = await (await client.GetAsync(path)).JsonAsync(HttpStatusCode.Forbidden);
                Assert.Equal("dossier_not_assigned", refused.Str("code"));
            }

            await (await client.GetAsync($"/api/v1/appraisals/cases/{caseId}")).JsonAsync(HttpStatusCode.Forbidden);
        }

        // The same rule on appraisal's side: the assigned member reads the case, as in registration.
        using var assigned = platform.Client(Assigned);
        await assigned.GetJsonAsync($"/api/v1/appraisals/cases/{caseId}", HttpStatusCode.OK);
    }

    private object Seat(Person person, string role, Guid organizationId) =>
        new { userId = platform.AccountId(person), fullName = person.Name, role, organizationId };

    private static object Council(Guid campaignId, string scope, object[] members, string name = "Hội đồng thẩm định sáng kiến thành phố Hà Nội") => new
    {
        campaignId, scope, name, decisionNumber = "16/QĐ-MTTQ-BTT", decisionDate = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"),
        decisionSigner = "Chủ tịch Ủy ban MTTQ Việt Nam", nominationQuota = 5, members,
    };

    private static Guid PersonId(JsonNode council, string userId) =>
        Guid.Parse(council["members"]!.AsArray().Single(m => m!.Str("userId") == userId)!.Str("personId"));
}
