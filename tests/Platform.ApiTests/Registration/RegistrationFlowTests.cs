using DoanKetSangTao.Domain;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.ServiceDefaults.Grpc;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.PlatformApiTests;

/// <summary>
/// Registration for real users, through the gateway, on the real servers: Mẫu 1 drafts and submission, confirmation
/// up the chain (Mẫu 2) and its spreadsheet, dossiers (Mẫu 3, Mẫu 4) with attachments and versions, the events
/// each transition publishes and the ones appraisal sends back, search, access and bad input.
/// </summary>
public sealed class RegistrationFlowTests(ApiPlatform platform) : IClassFixture<ApiPlatform>
{
    private static readonly byte[] Pdf = World.Pdf;

    private static readonly object[] GroupAuthors =
    [
        new { fullName = "Nguyễn Thị Hoa", email = "hoa@example.vn", isLead = true, contributionPercent = 60, position = "Giáo viên" },
        new { fullName = "Lê Văn Nam", isLead = false, contributionPercent = 40 },
    ];

    [Fact]
    public async Task An_individual_and_a_group_register_are_confirmed_up_the_chain_and_listed_in_the_Mau_2_spreadsheet()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var individual = await World.RegisterAsync(an, world.Registration("Sổ điểm điện tử cho giáo viên chủ nhiệm"));
        var group = await World.RegisterAsync(an, world.Registration("Phòng học STEM từ vật liệu tái chế", GroupAuthors));
        Assert.Equal("registered", individual.Str("status"));
        Assert.Equal([60, 40], group["authors"]!.AsArray().Select(a => a!["contributionPercent"]!.GetValue<int>()));
        Assert.Equal(world.School.ToString(), group["authors"]![1]!.Str("organizationId"));

        // The ward union (above the school's union) sees both, confirms one and returns the other with a reason.
        using var branch = platform.Client(world.BranchOfficer);
        var pending = await branch.GetJsonAsync($"/api/v1/initiatives?campaignId={world.CampaignId}&status=registered&organizationId={world.School}", HttpStatusCode.OK);
        Assert.Contains(pending["items"]!.AsArray(), i => i!.Str("id") == individual.Str("id"));
        await branch.PostJsonAsync($"/api/v1/initiatives/{individual.Id()}/confirm", new { }, HttpStatusCode.OK);
        var returned = await branch.PostJsonAsync($"/api/v1/initiatives/{group.Id()}/return", new { reason = "Bổ sung chức vụ của đồng tác giả." }, HttpStatusCode.OK);
        Assert.Equal("returned", returned.Str("status"));

        // An officer of an unrelated unit cannot confirm; confirming twice is refused.
        using var outsider = platform.Client(world.HcmUnitOfficer);
        await (await outsider.PostAsJsonAsync($"/api/v1/initiatives/{group.Id()}/confirm", new { })).JsonAsync(HttpStatusCode.Forbidden);
        await (await branch.PostAsJsonAsync($"/api/v1/initiatives/{individual.Id()}/confirm", new { })).JsonAsync(HttpStatusCode.Conflict);

        // The author corrects the returned registration and resubmits; the union confirms it.
        var corrected = (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(world.Registration("Phòng học STEM từ vật liệu tái chế",
            [GroupAuthors[0], new { fullName = "Lê Văn Nam", isLead = false, contributionPercent = 40, position = "Nhân viên thiết bị" }]), Http.Options))!;
        await an.PutJsonAsync($"/api/v1/initiatives/{group.Id()}", corrected, HttpStatusCode.OK);
        Assert.Equal("registered", (await an.PostJsonAsync($"/api/v1/initiatives/{group.Id()}/submit", new { }, HttpStatusCode.OK)).Str("status"));
        await branch.PostJsonAsync($"/api/v1/initiatives/{group.Id()}/confirm", new { }, HttpStatusCode.OK);

        // Every transition is recorded with who made it, and announced.
        var history = await an.GetJsonAsync($"/api/v1/initiatives/{group.Id()}/history", HttpStatusCode.OK);
        Assert.Equal(["draft", "registered", "returned", "registered", "confirmed"], history.AsArray().Select(h => h!.Str("status")));
        Assert.Equal("Bổ sung chức vụ của đồng tác giả.", history[2]!.Str("note"));
        Assert.Equal(platform.AccountId(world.BranchOfficer), history[4]!.Str("changedBy"));
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("registration",
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%InitiativeStatusChanged' AND sent_at IS NOT NULL AND payload->>'initiativeId' = @id",
            new { id = group.Str("id") }) == 4 ? (object)true : null, TimeSpan.FromSeconds(20), "four status events published");

        // The union forwards its consolidated list; forwarding again has nothing new.
        var list = await branch.PostJsonAsync("/api/v1/confirmation-lists", new { campaignId = world.CampaignId, organizationId = world.Branch }, HttpStatusCode.Created);
        Assert.Equal(world.Federation.ToString(), list.Str("forwardedToId"));
        Assert.Contains(list["items"]!.AsArray(), i => i!["initiative"]!.Str("id") == group.Str("id"));
        await (await branch.PostAsJsonAsync("/api/v1/confirmation-lists", new { campaignId = world.CampaignId, organizationId = world.Branch })).JsonAsync((HttpStatusCode)422);

        // The federation above sees the list among its lists, with its size, and downloads it as a spreadsheet with the Vietnamese text intact.
        using var federation = platform.Client(world.FederationOfficer);
        var lists = await federation.GetJsonAsync($"/api/v1/confirmation-lists?campaignId={world.CampaignId}", HttpStatusCode.OK);
        Assert.Equal(list["items"]!.AsArray().Count, lists.AsArray().Single(l => l!.Str("id") == list.Str("id"))!["itemCount"]!.GetValue<int>());
        using var sheet = await federation.GetAsync($"/api/v1/confirmation-lists/{list.Id()}/spreadsheet");
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet.Content.Headers.ContentType!.MediaType);
        using var book = SpreadsheetDocument.Open(new MemoryStream(await sheet.Content.ReadAsByteArrayAsync()), false);
        var text = string.Join("\n", book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText));
        Assert.Contains("Phòng học STEM từ vật liệu tái chế", text);
        Assert.Contains("Nguyễn Thị Hoa (chủ nhiệm) – 60%", text);
        Assert.Contains("CÔNG ĐOÀN PHƯỜNG BA ĐÌNH", text);
        await (await outsider.GetAsync($"/api/v1/confirmation-lists/{list.Id()}/spreadsheet")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_dossier_with_attachments_is_submitted_received_by_appraisal_returned_and_resubmitted_with_every_version_kept()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var initiative = await World.RegisterAsync(an, world.Registration("Ứng dụng số hóa hồ sơ học sinh"));
        await (await an.PostAsJsonAsync("/api/v1/dossiers", new { initiativeId = initiative.Id() })).JsonAsync(HttpStatusCode.Conflict);
        using var branch = platform.Client(world.BranchOfficer);
        await branch.PostJsonAsync($"/api/v1/initiatives/{initiative.Id()}/confirm", new { }, HttpStatusCode.OK);
        var dossier = await an.PostJsonAsync("/api/v1/dossiers", new { initiativeId = initiative.Id() }, HttpStatusCode.Created);
        var dossierId = dossier.Id();

        // A renamed executable is refused by its content, and nothing is stored.
        var exe = new byte[2048];
        "MZ"u8.CopyTo(exe);
        await (await World.UploadAsync(an, dossierId, "cover_letter", "to-trinh.pdf", exe)).JsonAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM dossier_attachments WHERE dossier_id = @dossierId", new { dossierId }));

        // Incomplete: refused with every missing part named.
        var incomplete = await (await an.PostAsJsonAsync($"/api/v1/dossiers/{dossierId}/submit", new { })).JsonAsync((HttpStatusCode)422);
        Assert.Equal("dossier_incomplete", incomplete.Str("code"));
        Assert.NotNull(incomplete["errors"]!["attachments"]);

        var cover = await (await World.UploadAsync(an, dossierId, "cover_letter", "Tờ trình đề nghị.pdf", Pdf)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("application/pdf", cover.Str("mediaType"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)), cover.Str("sha256"));
        await an.PutJsonAsync($"/api/v1/dossiers/{dossierId}", World.DossierContent("Hồ sơ học sinh được số hóa trên nền tảng dùng chung."), HttpStatusCode.OK);
        var submitted = await an.PostJsonAsync($"/api/v1/dossiers/{dossierId}/submit", new { }, HttpStatusCode.OK);
        Assert.Equal(1, submitted["currentVersion"]!.GetValue<int>());
        await (await an.PutAsJsonAsync($"/api/v1/dossiers/{dossierId}", World.DossierContent("Sửa sau khi nộp"))).JsonAsync(HttpStatusCode.Conflict);

        // The appraisal service receives it, with the content read over gRPC.
        using var secretary = platform.Client(World.Secretary);
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            var received = await secretary.GetJsonAsync("/api/v1/appraisals/dossiers?provinceCode=01", HttpStatusCode.OK);
            return received.AsArray().FirstOrDefault(d => d!.Str("dossierId") == dossierId.ToString() && d!["attachmentCount"]!.GetValue<int>() == 1)!;
        }, TimeSpan.FromSeconds(30), "appraisal received the dossier");

        // Who may read the attachment: the author and the province's Front officer; not another author. Council members
        // read it as appraisal lets them on the case (Appraisal/DossierAccessTests).
        using var binh = platform.Client(World.AuthorBinh);
        await (await binh.GetAsync($"/api/v1/dossiers/{dossierId}/attachments/{cover.Id()}/content")).JsonAsync(HttpStatusCode.Forbidden);
        using var province = platform.Client(World.ProvinceOfficer);
        using var download = await province.GetAsync($"/api/v1/dossiers/{dossierId}/attachments/{cover.Id()}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        // The council returns it (the event appraisal publishes); a redelivery has no second effect.
        var returned = new DossierReturnedForCompletion(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), initiative.Id(), 1,
            "Bổ sung số liệu hiệu quả áp dụng.", "thuky.hanoi");
        await platform.PublishAsync(returned);
        await platform.PublishAsync(returned);
        await TestInfrastructure.EventuallyAsync(async () =>
            (await an.GetJsonAsync($"/api/v1/initiatives/{initiative.Id()}", HttpStatusCode.OK)).Str("status") == "dossier_returned" ? (object)true : null,
            TimeSpan.FromSeconds(30), "registration applied the return");
        await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("registration",
            "SELECT coalesce(sum(deliveries), 0) FROM inbox_messages WHERE message_id = @id", new { id = returned.EventId }) >= 2 ? (object)true : null,
            TimeSpan.FromSeconds(30), "the redelivered return handled");
        Assert.Equal(1, await platform.ScalarAsync<long>("registration",
            "SELECT count(*) FROM initiative_status_history WHERE initiative_id = @id AND status = 'dossier_returned'", new { id = initiative.Id() }));

        // Completed and resubmitted: version 2, with version 1 kept as it was and marked returned.
        await an.PutJsonAsync($"/api/v1/dossiers/{dossierId}", World.DossierContent("Bổ sung: giảm 80% thời gian tra cứu hồ sơ."), HttpStatusCode.OK);
        var resubmitted = await an.PostJsonAsync($"/api/v1/dossiers/{dossierId}/submit", new { }, HttpStatusCode.OK);
        Assert.Equal(2, resubmitted["currentVersion"]!.GetValue<int>());
        var first = await an.GetJsonAsync($"/api/v1/dossiers/{dossierId}/versions/1", HttpStatusCode.OK);
        Assert.Equal("Hồ sơ học sinh được số hóa trên nền tảng dùng chung.", first["content"]!.Str("solution"));
        Assert.Equal("Bổ sung số liệu hiệu quả áp dụng.", first["summary"]!.Str("returnReason"));
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            var received = await secretary.GetJsonAsync("/api/v1/appraisals/dossiers?provinceCode=01", HttpStatusCode.OK);
            return received.AsArray().FirstOrDefault(d => d!.Str("dossierId") == dossierId.ToString() && d!["version"]!.GetValue<int>() == 2)!;
        }, TimeSpan.FromSeconds(30), "appraisal received version 2");

        // The decision and the nomination arrive as events too.
        await platform.PublishAsync(new AppraisalDecisionMade(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "province", initiative.Id(),
            true, 86.5m, "Tốt", "125/QĐ-MTTQ", new DateOnly(world.Year, 11, 20), null));
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            var now = await an.GetJsonAsync($"/api/v1/initiatives/{initiative.Id()}", HttpStatusCode.OK);
            return now.Str("status") == "recognized" && now["recognizedLevel"]?.GetValue<string>() == "province" ? now : null;
        }, TimeSpan.FromSeconds(30), "recognized at province level");
    }

    [Fact]
    public async Task Late_registration_is_refused_until_an_officer_reopens_the_window_for_the_unit_with_a_reason()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var before = await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives");
        var late = await (await an.PostAsJsonAsync("/api/v1/initiatives", world.Registration("Sáng kiến nộp muộn", campaignId: world.LateCampaignId))).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("registration_closed", late.Str("code"));
        Assert.Contains("mở lại thời hạn", late.Str("detail"));
        Assert.Equal(before, await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives"));

        // A draft can still be saved; the officer of another province cannot reopen; Hà Nội's can.
        var draft = await World.RegisterAsync(an, world.Registration("Sáng kiến nộp muộn", draft: true, campaignId: world.LateCampaignId));
        await (await an.PostAsJsonAsync($"/api/v1/initiatives/{draft.Id()}/submit", new { })).JsonAsync(HttpStatusCode.Conflict);
        var reopen = new { organizationId = world.School, kind = "registration", dueBefore = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd"), reason = "Đơn vị mới được thành lập." };
        using var hcm = platform.Client(World.HcmOfficer);
        await (await hcm.PostAsJsonAsync($"/api/v1/campaigns/{world.LateCampaignId}/extensions", reopen)).JsonAsync(HttpStatusCode.Forbidden);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        var extension = await hanoi.PostJsonAsync($"/api/v1/campaigns/{world.LateCampaignId}/extensions", reopen, HttpStatusCode.Created);
        Assert.Equal("Đơn vị mới được thành lập.", extension.Str("reason"));
        Assert.Equal(platform.AccountId(World.ProvinceOfficer), extension.Str("grantedBy"));
        Assert.Equal("registered", (await an.PostJsonAsync($"/api/v1/initiatives/{draft.Id()}/submit", new { }, HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task A_province_override_keeps_its_window_open_while_the_national_deadline_closes_others_and_a_closed_dossier_window_refuses()
    {
        var world = await World.OfAsync(platform);
        var closed = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2));
        var open = closed.AddDays(12);
        using var centre = platform.Client(World.CentralOfficer);
        var national = (await centre.PostJsonAsync("/api/v1/campaigns", new
        {
            year = closed.Year, name = $"Đợt thi đua toàn quốc thử nghiệm thời hạn năm {closed.Year}", registrationDueBefore = closed.ToString("yyyy-MM-dd"),
            deadlines = new Dictionary<string, string> { ["dossier"] = closed.ToString("yyyy-MM-dd") },
        }, HttpStatusCode.Created)).Id();

        // Hà Nội extends registration for its own province; Hồ Chí Minh City's officer cannot do it for Hà Nội.
        using var hcm = platform.Client(World.HcmOfficer);
        var setHanoi = new { scopeCode = "01", dueBefore = open.ToString("yyyy-MM-dd") };
        await (await hcm.PutAsJsonAsync($"/api/v1/campaigns/{national}/deadlines/registration", setHanoi)).JsonAsync(HttpStatusCode.Forbidden);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        await hanoi.PutJsonAsync($"/api/v1/campaigns/{national}/deadlines/registration", setHanoi, HttpStatusCode.OK);

        using var an = platform.Client(world.AuthorAn);
        var inHanoi = await World.RegisterAsync(an, world.Registration("Sáng kiến đăng ký theo thời hạn của Hà Nội", campaignId: national));
        Assert.Equal("registered", inHanoi.Str("status"));
        var hcmCommune = (await hcm.GetJsonAsync($"/api/v1/organizations/{world.HcmUnit}", HttpStatusCode.OK)).Str("communeCode");
        var before = await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives");
        // An author of the Hồ Chí Minh City unit, filing under it: the national deadline binds there.
        using var saigon = platform.Client(new Person("tacgia.saigon", "Lâm Văn Sang", PlatformRoles.Author, $"VN/79/{hcmCommune}", world.HcmUnit));
        var late = await (await saigon.PostAsJsonAsync("/api/v1/initiatives", world.Registration("Sáng kiến nộp sau thời hạn toàn quốc", campaignId: national,
            organizationId: world.HcmUnit, communeCode: hcmCommune))).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("registration_closed", late.Str("code"));
        Assert.Equal(before, await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives"));

        // The dossier window of the campaign has closed: a complete dossier is refused, naming the last day, and stays a draft.
        using var branch = platform.Client(world.BranchOfficer);
        await branch.PostJsonAsync($"/api/v1/initiatives/{inHanoi.Id()}/confirm", new { }, HttpStatusCode.OK);
        var dossierId = (await an.PostJsonAsync("/api/v1/dossiers", new { initiativeId = inHanoi.Id() }, HttpStatusCode.Created)).Id();
        await (await World.UploadAsync(an, dossierId, "cover_letter", "Tờ trình.pdf", World.Pdf)).JsonAsync(HttpStatusCode.Created);
        await an.PutJsonAsync($"/api/v1/dossiers/{dossierId}", World.DossierContent("Giải pháp nộp sau hạn hồ sơ."), HttpStatusCode.OK);
        var refused = await (await an.PostAsJsonAsync($"/api/v1/dossiers/{dossierId}/submit", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("dossier_closed", refused.Str("code"));
        Assert.Contains(closed.AddDays(-1).ToString("dd/MM/yyyy"), refused.Str("detail"));
        Assert.Equal("draft", (await an.GetJsonAsync($"/api/v1/dossiers/{dossierId}", HttpStatusCode.OK)).Str("state"));
    }

    [Fact]
    public async Task Search_ignores_diacritics_and_a_unit_merged_into_another_brings_its_records_along()
    {
        var world = await World.OfAsync(platform);
        // A ward of its own, so that merging it away does not disturb the other tests' Phường Ba Đình.
        using var hanoi = platform.Client(World.ProvinceOfficer);
        var wards = (await hanoi.GetJsonAsync("/api/v1/administrative-units?provinceCode=01", HttpStatusCode.OK)).AsArray().Select(u => u!.Str("code")).ToList();
        var (oldWard, newWard) = (wards[^1], wards[^2]);
        var cooperative = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Hợp tác xã Nông nghiệp Xanh", kind = "cooperative", communeCode = oldWard }, HttpStatusCode.Created)).Id();
        // An author who works at the cooperative files under it.
        using var an = platform.Client(new Person("tacgia.hoa", "Đỗ Thị Hoa", PlatformRoles.Author, $"VN/01/{oldWard}", cooperative));
        var target = await World.RegisterAsync(an, world.Registration("Sáng kiến tưới nhỏ giọt cho nông nghiệp đô thị", field: "nong_nghiep",
            organizationId: cooperative, communeCode: oldWard));
        await World.RegisterAsync(an, world.Registration("Sáng kiến quản lý thư viện", organizationId: cooperative, communeCode: oldWard));

        using var central = platform.Client(World.CentralOfficer);
        var found = await central.GetJsonAsync("/api/v1/initiatives?q=sang%20kien%20nong%20nghiep", HttpStatusCode.OK);
        Assert.Equal([target.Str("id")], found["items"]!.AsArray().Select(i => i!.Str("id")));
        var accented = await central.GetJsonAsync($"/api/v1/initiatives?q={Uri.EscapeDataString("NÔNG NGHIỆP đô thị")}&unitCode=01&field=nong_nghiep", HttpStatusCode.OK);
        Assert.Contains(accented["items"]!.AsArray(), i => i!.Str("id") == target.Str("id"));

        // Paging: one at a time, every initiative once, the cursor ending the list.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await central.GetJsonAsync($"/api/v1/initiatives?unitCode=01&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}", HttpStatusCode.OK);
            seen.AddRange(page["items"]!.AsArray().Select(i => i!.Str("id")));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && seen.Count < 500);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives WHERE province_code = '01'"), seen.Count);

        // An organization officer pages through their organization's subtree, each initiative once, and nothing else
        // (the list walks each organization's index separately and merges the walks).
        using var federation = platform.Client(world.FederationOfficer);
        var reach = new List<string>();
        cursor = null;
        do
        {
            var page = await federation.GetJsonAsync($"/api/v1/initiatives?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}", HttpStatusCode.OK);
            reach.AddRange(page["items"]!.AsArray().Select(i => i!.Str("id")));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null && reach.Count < 500);
        var subtree = (await platform.ScalarAsync<long>("registration", $"""
            WITH RECURSIVE sub(id) AS (SELECT id FROM organizations WHERE id = '{world.Federation}'
                                       UNION SELECT o.id FROM organizations o JOIN sub ON o.parent_id = sub.id)
            SELECT count(*) FROM initiatives WHERE organization_id IN (SELECT id FROM sub)
            """));
        Assert.True(subtree >= 2, "the subtree holds initiatives to page through");
        Assert.Equal(reach.Count, reach.Distinct().Count());
        Assert.Equal(subtree, reach.Count);
        Assert.Equal(reach.OrderByDescending(id => Guid.Parse(id).ToString("N"), StringComparer.Ordinal), reach);

        // The operator merges the ward into its neighbour: records keep their code and are found under the new unit.
        using var op = platform.Client(World.Operator);
        await op.PostJsonAsync($"/api/v1/administrative-units/{oldWard}/retire",
            new { mergedIntoCode = newWard, reason = "Nghị quyết sắp xếp đơn vị hành chính (thử nghiệm)" }, HttpStatusCode.OK);
        var merged = await central.GetJsonAsync($"/api/v1/initiatives?unitCode={newWard}&q=tuoi%20nho%20giot", HttpStatusCode.OK);
        Assert.Equal([target.Str("id")], merged["items"]!.AsArray().Select(i => i!.Str("id")));
        Assert.Equal(oldWard, merged["items"]![0]!.Str("communeCode"));
        using var newWardOfficer = platform.Client(new Person("canbo.xa.moi", "Đinh Văn Quang", "front_officer", $"VN/01/{newWard}"));
        await newWardOfficer.GetJsonAsync($"/api/v1/initiatives/{target.Id()}", HttpStatusCode.OK);
        Assert.DoesNotContain((await central.GetJsonAsync("/api/v1/administrative-units?provinceCode=01", HttpStatusCode.OK)).AsArray(), u => u!.Str("code") == oldWard);
        // Nothing new can be filed under the retired ward.
        await (await an.PostAsJsonAsync("/api/v1/initiatives", world.Registration("Sau sáp nhập", organizationId: cooperative, communeCode: oldWard)))
            .JsonAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Each_person_sees_only_what_their_role_and_scope_allow()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var mine = await World.RegisterAsync(an, world.Registration("Sáng kiến riêng của tác giả An"));
        using var binh = platform.Client(World.AuthorBinh);
        await (await binh.GetAsync($"/api/v1/initiatives/{mine.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain((await binh.GetJsonAsync("/api/v1/initiatives", HttpStatusCode.OK))["items"]!.AsArray(), i => i!.Str("id") == mine.Str("id"));
        await (await binh.PutAsJsonAsync($"/api/v1/initiatives/{mine.Id()}", world.Registration("Sửa trộm", draft: true))).JsonAsync(HttpStatusCode.Forbidden);
        using var hcm = platform.Client(World.HcmOfficer);
        await (await hcm.GetAsync($"/api/v1/initiatives/{mine.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
        using var federation = platform.Client(world.FederationOfficer);
        await federation.GetJsonAsync($"/api/v1/initiatives/{mine.Id()}", HttpStatusCode.OK);
        using var outsider = platform.Client(world.HcmUnitOfficer);
        await (await outsider.GetAsync($"/api/v1/initiatives/{mine.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
        // Officers cannot register in an author's name, and nobody unsigned gets anything.
        await (await federation.PostAsJsonAsync("/api/v1/initiatives", world.Registration("Không được phép"))).JsonAsync(HttpStatusCode.Forbidden);
        using var anonymous = platform.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/initiatives")).StatusCode);
        // A council secretary does not see registrations that have no dossier yet.
        using var secretary = platform.Client(World.Secretary);
        await (await secretary.GetAsync($"/api/v1/initiatives/{mine.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_author_files_only_under_their_own_organization_or_their_communes_Front_committee_within_the_campaigns_area()
    {
        var world = await World.OfAsync(platform);
        var before = await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives");
        var outbox = await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM outbox_messages");
        async Task<JsonNode> Refused(HttpClient author, object registration, HttpStatusCode status, string code)
        {
            var refusal = await (await author.PostAsJsonAsync("/api/v1/initiatives", registration)).JsonAsync(status);
            Assert.Equal(code, refusal.Str("code"));
            return refusal;
        }

        // An author of the school's union: not another province's unit, not the ward's Front committee, not in another ward.
        using var an = platform.Client(world.AuthorAn);
        var foreign = await Refused(an, world.Registration("Nộp dưới tên đơn vị khác", organizationId: world.HcmUnit), HttpStatusCode.Forbidden, "organization_not_yours");
        Assert.Contains("cơ quan, đơn vị mà tài khoản của bạn thuộc về", foreign.Str("detail"));
        await Refused(an, world.Registration("Nộp qua Mặt trận dù có đơn vị", organizationId: world.FrontCommittee), HttpStatusCode.Forbidden, "organization_not_yours");
        using var hanoi = platform.Client(World.ProvinceOfficer);
        var otherWard = (await hanoi.GetJsonAsync("/api/v1/administrative-units?provinceCode=01", HttpStatusCode.OK)).AsArray()
            .Select(u => u!.Str("code")).First(c => c != "00004");
        await Refused(an, world.Registration("Nộp ở phường khác", communeCode: otherWard), (HttpStatusCode)422, "commune_not_organization");

        // A resident with no organization: through the Front committee of the ward they live in, not under a school.
        using var binh = platform.Client(World.AuthorBinh);
        await Refused(binh, world.Registration("Người dân nộp dưới tên trường", organizationId: world.School), HttpStatusCode.Forbidden, "organization_not_yours");
        var resident = await World.RegisterAsync(binh, world.Registration("Tủ sách cộng đồng ở tổ dân phố", organizationId: world.FrontCommittee));
        Assert.Equal(world.FrontCommittee.ToString(), resident.Str("organizationId"));
        // ... and a person whose account names neither an organization nor a ward cannot file at all.
        using var nowhere = platform.Client(new Person("tacgia.khong.ro", "Phùng Văn Tâm", PlatformRoles.Author, "VN/01"));
        Assert.Contains("xã/phường nơi cư trú",
            (await Refused(nowhere, world.Registration("Không rõ nơi cư trú", organizationId: world.FrontCommittee), HttpStatusCode.Forbidden, "residence_unknown")).Str("detail"));

        // An author from Hồ Chí Minh City files under their own unit, but not in Hà Nội's campaign.
        var hcmCommune = (await hanoi.GetJsonAsync($"/api/v1/organizations/{world.HcmUnit}", HttpStatusCode.OK)).Str("communeCode");
        using var saigon = platform.Client(new Person("tacgia.saigon", "Lâm Văn Sang", PlatformRoles.Author, $"VN/79/{hcmCommune}", world.HcmUnit));
        await Refused(saigon, world.Registration("Sáng kiến của xưởng cơ khí", organizationId: world.HcmUnit, communeCode: hcmCommune), (HttpStatusCode)422,
            "organization_outside_campaign");

        // A draft cannot be moved under someone else's organization either.
        var draft = await World.RegisterAsync(an, world.Registration("Bản nháp của An", draft: true));
        var moved = await (await an.PutAsJsonAsync($"/api/v1/initiatives/{draft.Id()}", world.Registration("Bản nháp của An", draft: true, organizationId: world.HcmUnit)))
            .JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("organization_not_yours", moved.Str("code"));
        Assert.Equal(world.School.ToString(), (await an.GetJsonAsync($"/api/v1/initiatives/{draft.Id()}", HttpStatusCode.OK)).Str("organizationId"));

        // Only the two accepted filings were stored and announced (the resident's: registered, two events; the draft: none).
        Assert.Equal(before + 2, await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives"));
        Assert.Equal(outbox + 2, await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Movement_plans_are_read_only_by_the_officers_who_see_the_organization()
    {
        var world = await World.OfAsync(platform);
        using var branch = platform.Client(world.BranchOfficer);
        await branch.PutJsonAsync($"/api/v1/organizations/{world.School}/movement-plans/{world.CampaignId}",
            new { documentNumber = "07/KH-CĐCS", issuedOn = DateTime.UtcNow.AddDays(-20).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);
        var path = $"/api/v1/organizations/{world.School}/movement-plans";

        // The union above, Hà Nội's and the ward's Front officers and the centre see it, with who recorded it.
        foreach (var officer in new[] { world.BranchOfficer, world.FederationOfficer, World.ProvinceOfficer, World.CentralOfficer,
                     new Person("canbo.xa.badinh", "Lê Văn Cường", PlatformRoles.FrontOfficer, "VN/01/00004") })
        {
            using var client = platform.Client(officer);
            var plans = await client.GetJsonAsync(path, HttpStatusCode.OK);
            Assert.Contains(plans.AsArray(), p => p!.Str("documentNumber") == "07/KH-CĐCS" && p!.Str("recordedBy") == platform.AccountId(world.BranchOfficer));
        }

        // Another province's officers, an unrelated unit's officer, an author and a council secretary do not.
        foreach (var (person, code) in new (Person Person, string? Code)[]
                 {
                     (World.HcmOfficer, "organization_outside_scope"), (world.HcmUnitOfficer, "organization_outside_scope"),
                     (new Person("canbo.xa.khac", "Hồ Thị Nga", PlatformRoles.FrontOfficer, "VN/01/00008"), "organization_outside_scope"),
                     (world.AuthorAn, null), (World.Secretary, null),
                 })
        {
            using var client = platform.Client(person);
            var refused = await (await client.GetAsync(path)).JsonAsync(HttpStatusCode.Forbidden);
            if (code is not null)
            {
                Assert.Equal(code, refused.Str("code"));
            }
        }

        using var hanoi = platform.Client(World.ProvinceOfficer);
        await (await hanoi.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}/movement-plans")).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_author_sees_the_appraisal_level_and_stage_apart_whatever_order_the_councils_events_arrive_in()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var initiative = await World.RegisterAsync(an, world.Registration("Bản đồ số các điểm sinh hoạt cộng đồng"));
        var id = initiative.Id();
        Assert.Null(initiative["appraisalLevel"]);
        async Task<JsonNode> Standing(string level, string stage) => await TestInfrastructure.EventuallyAsync(async () =>
        {
            var now = await an.GetJsonAsync($"/api/v1/initiatives/{id}", HttpStatusCode.OK);
            return now["appraisalLevel"]?.GetValue<string>() == level && now["appraisalStage"]?.GetValue<string>() == stage ? now : null;
        }, TimeSpan.FromSeconds(30), $"{level}, {stage}");
        async Task Handled(Guid eventId) => await TestInfrastructure.EventuallyAsync(async () => await platform.ScalarAsync<long>("registration",
            "SELECT count(*) FROM inbox_messages WHERE message_id = @eventId", new { eventId }) >= 1 ? (object)true : null,
            TimeSpan.FromSeconds(30), $"event {eventId} consumed");

        // The province council opens a case, recognizes the initiative and nominates it; the central council's case-opened
        // event overtakes the nomination.
        var provinceCase = new AppraisalCaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "province", id, 1);
        await platform.PublishAsync(provinceCase);
        Assert.Equal("Đang thẩm định tại hội đồng cấp tỉnh", (await Standing("province", "under_appraisal")).Str("appraisalLabel"));
        var recognized = new AppraisalDecisionMade(Guid.NewGuid(), DateTimeOffset.UtcNow, provinceCase.CaseId, provinceCase.CouncilId, "province", id,
            true, 85m, "Tốt", "130/QĐ-HĐTĐ", new DateOnly(world.Year, 11, 20), null);
        await platform.PublishAsync(recognized);
        Assert.Equal("Được hội đồng cấp tỉnh công nhận", (await Standing("province", "recognized")).Str("appraisalLabel"));
        var centralCase = new AppraisalCaseOpened(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), "central", id, 1);
        await platform.PublishAsync(centralCase);
        await Handled(centralCase.EventId);
        await platform.PublishAsync(new InitiativeNominated(Guid.NewGuid(), DateTimeOffset.UtcNow, provinceCase.CaseId, provinceCase.CouncilId, "province",
            "central", id, centralCase.CouncilId));
        var there = await Standing("central", "under_appraisal");
        await TestInfrastructure.EventuallyAsync(async () =>
            (await an.GetJsonAsync($"/api/v1/initiatives/{id}", HttpStatusCode.OK)).Str("appraisalLabel") == "Được đề cử lên Hội đồng Trung ương, đang thẩm định tại đó"
                ? (object)true : null, TimeSpan.FromSeconds(30), "the nomination shown with the central council's appraisal");
        Assert.Equal("central", there.Str("appraisalLevel"));

        // The central council returns the dossier, the author resubmits (version 2 opened there), and it is recognized nationally.
        await platform.PublishAsync(new DossierReturnedForCompletion(Guid.NewGuid(), DateTimeOffset.UtcNow, centralCase.CaseId, centralCase.CouncilId, id, 1,
            "Bổ sung xác nhận hiệu quả.", "thuky.trunguong", "central"));
        Assert.Equal("Được đề cử lên Hội đồng Trung ương, hồ sơ bị trả lại để bổ sung", (await Standing("central", "returned")).Str("appraisalLabel"));
        await platform.PublishAsync(centralCase with { EventId = Guid.NewGuid(), DossierVersion = 2 });
        await Standing("central", "under_appraisal");
        await platform.PublishAsync(recognized with { EventId = Guid.NewGuid(), CouncilLevel = "central", DecisionNumber = "25/QĐ-MTTW" });
        Assert.Equal("Được đề cử lên Hội đồng Trung ương và được công nhận", (await Standing("central", "recognized")).Str("appraisalLabel"));
    }

    [Fact]
    public async Task Bad_input_gets_a_Problem_Details_answer_and_stores_nothing()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var before = await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives");
        var outbox = await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM outbox_messages");

        var invalidUnicode = await (await an.PostAsync("/api/v1/initiatives", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(world.Registration("x"), Http.Options).Replace("\"title\":\"x\"", "\"title\":\"T\\ud800\""),
            Encoding.UTF8, "application/json"))).JsonAsync(HttpStatusCode.BadRequest);
        // A lone surrogate cannot even be read as JSON text; a replacement character (what encoders put in its place) is refused by field.
        Assert.Equal("malformed_json", invalidUnicode.Str("code"));
        var replaced = await (await an.PostAsJsonAsync("/api/v1/initiatives", world.Registration("Tiêu đề \ufffd hỏng"))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(replaced["errors"]!["title"]);
        var shares = await (await an.PostAsJsonAsync("/api/v1/initiatives", world.Registration("Chia tỷ lệ sai",
            [new { fullName = "A", isLead = true, contributionPercent = 70 }, new { fullName = "B", isLead = false, contributionPercent = 20 }]))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("100%", shares["errors"]!["authors"]![0]!.GetValue<string>());
        var oversize = await (await an.PostAsJsonAsync("/api/v1/initiatives", world.Registration(new string('a', 501)))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation_failed", oversize.Str("code"));
        var wrongOrg = await (await an.PostAsJsonAsync("/api/v1/initiatives", world.Registration("Đơn vị tỉnh khác", organizationId: world.HcmUnit)))
            .JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("organization_not_yours", wrongOrg.Str("code"));

        var badFilter = await (await an.GetAsync("/api/v1/initiatives?status=da_xong&field=khong_co")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["field", "status"], badFilter["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        Assert.Equal(before, await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM initiatives"));
        Assert.Equal(outbox, await platform.ScalarAsync<long>("registration", "SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Other_services_look_up_initiatives_dossiers_organizations_and_campaigns_over_gRPC_with_their_client_token()
    {
        var world = await World.OfAsync(platform);
        using var an = platform.Client(world.AuthorAn);
        var a = await World.RegisterAsync(an, world.Registration("Tra cứu gRPC thứ nhất"));
        var b = await World.RegisterAsync(an, world.Registration("Tra cứu gRPC thứ hai", GroupAuthors));
        using var branch = platform.Client(world.BranchOfficer);
        await branch.PutJsonAsync($"/api/v1/organizations/{world.School}/movement-plans/{world.CampaignId}",
            new { documentNumber = "05/KH-CĐCS", issuedOn = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd") }, HttpStatusCode.OK);

        // Only a service token granted registration.lookups is answered: none is UNAUTHENTICATED, and a person's token from the
        // same issuer (addressed to the HTTP APIs, without the scope) is PERMISSION_DENIED.
        using (var anonymous = GrpcChannel.ForAddress(platform.RegistrationGrpc))
        {
            var request = new GetInitiativesRequest { InitiativeIds = { a.Str("id") } };
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await new InitiativeLookup.InitiativeLookupClient(anonymous).GetInitiativesAsync(request));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
            var person = await Assert.ThrowsAsync<RpcException>(async () => await new InitiativeLookup.InitiativeLookupClient(anonymous)
                .GetInitiativesAsync(request, new Metadata { { "authorization", $"Bearer {platform.Token(world.AuthorAn)}" } }));
            Assert.Equal(StatusCode.PermissionDenied, person.StatusCode);
            // An unknown method is refused the same way, as a gRPC status, not an HTTP 401 the client can only guess at.
            var unknown = new Method<GetInitiativesRequest, GetInitiativesReply>(MethodType.Unary, "doanketsangtao.registration.v1.InitiativeLookup",
                "NoSuchMethod", Marshallers.Create(r => r.ToByteArray(), GetInitiativesRequest.Parser.ParseFrom),
                Marshallers.Create(r => r.ToByteArray(), GetInitiativesReply.Parser.ParseFrom));
            var unknownRefused = await Assert.ThrowsAsync<RpcException>(async () =>
                await anonymous.CreateCallInvoker().AsyncUnaryCall(unknown, null, default, request));
            Assert.Equal(StatusCode.Unauthenticated, unknownRefused.StatusCode);
            Assert.DoesNotContain("HTTP status code", unknownRefused.Status.Detail, StringComparison.Ordinal);
        }

        // The gRPC port serves no REST, and the HTTP port serves no gRPC method.
        using (var raw = new HttpClient(new SocketsHttpHandler { UseProxy = false }))
        {
            using var rest = new HttpRequestMessage(HttpMethod.Get, $"{platform.RegistrationGrpc}/api/v1/administrative-units")
            {
                Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            rest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", platform.Token(world.AuthorAn));
            Assert.Equal(HttpStatusCode.NotFound, (await raw.SendAsync(rest)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await an.GetAsync("/api/v1/administrative-units")).StatusCode);
            using var grpcOnHttp = new HttpRequestMessage(HttpMethod.Post,
                $"http://127.0.0.1:{platform.System.HttpPort(LocalSystem.Services[0])}/doanketsangtao.registration.v1.InitiativeLookup/GetInitiatives")
            {
                Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new("application/grpc") } },
            };
            Assert.Equal(HttpStatusCode.NotFound, (await raw.SendAsync(grpcOnHttp)).StatusCode);
        }

        // As appraisal calls: clients registered with AddPlatformGrpcClient, with appraisal's client token from identity.
        var services = new ServiceCollection();
        services.AddServiceTokens(_ => platform.System.ServiceClient("appraisal"));
        services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(new Uri(platform.RegistrationGrpc), PlatformScopes.RegistrationLookups);
        services.AddPlatformGrpcClient<OrganizationLookup.OrganizationLookupClient>(new Uri(platform.RegistrationGrpc), PlatformScopes.RegistrationLookups);
        services.AddPlatformGrpcClient<CampaignLookup.CampaignLookupClient>(new Uri(platform.RegistrationGrpc), PlatformScopes.RegistrationLookups);
        services.AddPlatformGrpcClient<DossierLookup.DossierLookupClient>(new Uri(platform.RegistrationGrpc), PlatformScopes.RegistrationLookups);
        await using var provider = services.BuildServiceProvider();
        T Client<T>() where T : notnull => provider.GetRequiredService<T>();
        var initiatives = Client<InitiativeLookup.InitiativeLookupClient>();
        var batch = await initiatives.GetInitiativesAsync(new GetInitiativesRequest { InitiativeIds = { a.Str("id"), b.Str("id"), Guid.NewGuid().ToString() } });
        Assert.Equal([a.Str("id"), b.Str("id")], batch.Initiatives.Select(i => i.InitiativeId));
        Assert.Equal("giao_duc", batch.Initiatives[0].Field);
        Assert.Equal(world.School.ToString(), batch.Initiatives[1].Authors[1].OrganizationId);

        var organizations = Client<OrganizationLookup.OrganizationLookupClient>();
        var orgs = await organizations.GetOrganizationsAsync(new GetOrganizationsRequest
        {
            OrganizationIds = { world.School.ToString(), world.HcmUnit.ToString() }, CampaignId = world.CampaignId.ToString(),
        });
        var school = orgs.Organizations.Single(o => o.OrganizationId == world.School.ToString());
        Assert.Equal([world.Branch.ToString(), world.Federation.ToString()], school.AncestorIds);
        Assert.True(school.HasMovementPlan);
        Assert.False(orgs.Organizations.Single(o => o.OrganizationId == world.HcmUnit.ToString()).HasMovementPlan);

        var campaigns = Client<CampaignLookup.CampaignLookupClient>();
        var campaign = await campaigns.GetCampaignAsync(new GetCampaignRequest { CampaignId = world.CampaignId.ToString() });
        Assert.Equal((world.Year, "01"), (campaign.Year, campaign.ProvinceCode));
        var noCampaign = await Assert.ThrowsAsync<RpcException>(async () => await campaigns.GetCampaignAsync(new GetCampaignRequest { CampaignId = Guid.NewGuid().ToString() }));
        Assert.Equal(StatusCode.NotFound, noCampaign.StatusCode);

        var dossiers = Client<DossierLookup.DossierLookupClient>();
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await dossiers.GetDossierAsync(new GetDossierRequest { DossierId = Guid.NewGuid().ToString() }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}
