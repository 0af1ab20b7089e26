using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DoanKetSangTao.ServiceDefaults.Security;
using Xunit.Abstractions;

namespace DoanKetSangTao.Tests.PlatformApiTests.Robustness;

/// <summary>
/// Bad input never gives a 5xx, anywhere: every write operation in the services' OpenAPI documents (read at run time
/// through the gateway) receives malformed variants of a plausible request, sent as a caller allowed to make it so
/// that validation (not 401) answers. Each answer must be a 4xx Problem Details with a stable code and a Vietnamese
/// message, and no row of any table of registration or appraisal may have been added or removed.
/// </summary>
public sealed partial class MalformedRequestTests(ApiPlatform platform, ITestOutputHelper output) : IClassFixture<ApiPlatform>
{
    private static readonly string[] Documents = ["registration", "appraisal", "awards", "reporting", "notification"];
    private static readonly string[] Counted = ["registration", "appraisal"];

    [Fact]
    public async Task Malformed_requests_to_every_write_endpoint_get_a_vietnamese_problem_and_change_nothing()
    {
        var scene = await Scene.OfAsync(platform);
        using var reader = platform.Client(World.Operator);
        var operations = await WriteOperation.ReadAllAsync(reader, Documents);
        Assert.Contains(operations, o => o.Body == BodyKind.Multipart);

        await Scene.QuietAsync(platform, Counted);
        var before = new Dictionary<string, Dictionary<string, long>>();
        foreach (var service in Counted)
        {
            before[service] = await Scene.CountsAsync(platform, service);
        }

        var sent = 0;
        var failures = new List<string>();
        var unplanned = new List<string>();
        foreach (var operation in operations)
        {
            var plan = Plan(operation, scene);
            if (plan is null)
            {
                unplanned.Add(operation.Key);
                plan = new Target(World.Operator, operation.PathParameters.ToDictionary(p => p, _ => Guid.NewGuid().ToString()),
                    WriteOperation.Example(operation.Document, operation.Schema) ?? new JsonObject());
            }

            using var client = platform.Client(plan.Caller);
            var method = new HttpMethod(operation.Method);
            var variants = operation.Body switch
            {
                BodyKind.Json => Malformed.JsonVariants(plan.Body!).Select(v => (Url: operation.Fill(plan.Path), Body: (MalformedBody?)v)),
                BodyKind.Multipart => Malformed.MultipartVariants().Select(v => (Url: operation.Fill(plan.Path), Body: (MalformedBody?)v)),
                _ => [],
            };

            // Ids that name nothing (or nothing of the right shape), with an otherwise plausible request.
            var plausible = operation.Body == BodyKind.Json ? new MalformedBody("plausible body", Encoding.UTF8.GetBytes(plan.Body!.ToJsonString()), "application/json") : null;
            foreach (var parameter in operation.PathParameters)
            {
                foreach (var (what, value) in new[] { ("unknown id", Guid.NewGuid().ToString()), ("nil id", Guid.Empty.ToString()), ("not an id", "khong-phai-ma") })
                {
                    var path = new Dictionary<string, string>(plan.Path) { [parameter] = value };
                    variants = variants.Append((Url: operation.Fill(path), Body: plausible is null ? null : plausible with { What = $"{{{parameter}}}: {what}" }));
                }
            }

            foreach (var (url, body) in variants)
            {
                using var response = await Scene.SendAsync(client, method, url, body);
                sent++;
                if (await ProblemOf(response) is { } problem)
                {
                    failures.Add($"{operation.Method} {url} [{body?.What ?? "no body"}] → {problem}");
                }
            }
        }

        var after = new Dictionary<string, Dictionary<string, long>>();
        foreach (var service in Counted)
        {
            after[service] = await Scene.CountsAsync(platform, service);
        }

        output.WriteLine($"Sent {sent} malformed requests to {operations.Count} write operations ({string.Join(", ", operations.Select(o => o.Key))}).");
        // An operation without a plan is sent by a caller who may be refused before validation runs: its malformed
        // input would then be answered 403 and never checked. Every write operation needs its own plan.
        Assert.True(unplanned.Count == 0,
            $"Write operations without a plan in {nameof(Plan)} (a caller allowed to reach validation): {string.Join(", ", unplanned)}");

        var changed = Counted.SelectMany(service => before[service].Keys.Union(after[service].Keys)
                .Where(table => before[service].GetValueOrDefault(table) != after[service].GetValueOrDefault(table))
                .Select(table => $"{service}.{table}: {before[service].GetValueOrDefault(table)} → {after[service].GetValueOrDefault(table)}"))
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not answered as they should be:\n{string.Join('\n', failures.Take(60))}");
        Assert.True(changed.Count == 0, $"Malformed requests changed stored data: {string.Join("; ", changed)}");
        Assert.True(sent >= 300, $"only {sent} malformed requests were sent");
    }

    /// <summary>
    /// Scope before body: a caller with the right role but outside the record's scope is told 403 even when the body is
    /// also wrong, so a refusal never depends on (or reveals anything through) what was sent.
    /// </summary>
    [Fact]
    public async Task A_caller_outside_the_scope_is_refused_before_the_body_is_checked()
    {
        var scene = await Scene.OfAsync(platform);
        var world = scene.World;
        var binh = World.AuthorBinh;
        var tooLong = new string('a', 3000);
        var cases = new (Person Caller, HttpMethod Method, string Path, HttpContent Body)[]
        {
            (binh, HttpMethod.Put, $"/api/v1/initiatives/{scene.Draft}", Scene.Json(new { title = "", authors = Array.Empty<object>() })),
            (binh, HttpMethod.Post, $"/api/v1/initiatives/{scene.Draft}/withdraw", Scene.Json(new { reason = "" })),
            (binh, HttpMethod.Put, $"/api/v1/dossiers/{scene.Dossier}", Scene.Json(new { solution = tooLong + tooLong + tooLong + tooLong + tooLong + tooLong + tooLong })),
            (binh, HttpMethod.Post, $"/api/v1/dossiers/{scene.Dossier}/attachments", Multipart("khong_ro")),
            (world.HcmUnitOfficer, HttpMethod.Post, $"/api/v1/initiatives/{scene.Registered}/return", Scene.Json(new { reason = "" })),
            (World.HcmOfficer, HttpMethod.Post, "/api/v1/campaigns", Scene.Json(new { year = 1, name = "", provinceCode = "01" })),
            (World.HcmOfficer, HttpMethod.Put, $"/api/v1/campaigns/{world.CampaignId}/deadlines/khong_ro", Scene.Json(new { dueBefore = (string?)null })),
            (World.HcmOfficer, HttpMethod.Post, $"/api/v1/campaigns/{world.CampaignId}/extensions",
                Scene.Json(new { organizationId = world.School, kind = "khong_ro", reason = "" })),
            (World.HcmOfficer, HttpMethod.Put, $"/api/v1/organizations/{world.School}/movement-plans/{world.CampaignId}", Scene.Json(new { documentNumber = "" })),
            (world.HcmUnitOfficer, HttpMethod.Post, "/api/v1/confirmation-lists", Scene.Json(new { campaignId = world.CampaignId, organizationId = world.Branch, note = tooLong })),
            (Scene.OutsideSecretary, HttpMethod.Post, $"/api/v1/appraisals/cases/{scene.Case}/screening", Scene.Json(new { outcome = "khong_ro" })),
            (Scene.OutsideSecretary, HttpMethod.Put, $"/api/v1/appraisals/cases/{scene.Case}/assignments", Scene.Json(new { personIds = Array.Empty<Guid>() })),
            (Scene.OutsideSecretary, HttpMethod.Post, $"/api/v1/appraisals/cases/{scene.Case}/decision", Scene.Json(new { recognized = (bool?)null })),
            (Scene.OutsideSecretary, HttpMethod.Post, $"/api/v1/councils/{scene.Council}/nominations", Scene.Json(new { caseIds = Array.Empty<Guid>() })),
            (Scene.OutsideSecretary, HttpMethod.Post, $"/api/v1/councils/{scene.Council}/members/{scene.MemberPerson}/leave", Scene.Json(new { reason = "" })),
            (Scene.OutsideMember, HttpMethod.Put, $"/api/v1/appraisals/cases/{scene.Case}/scores/mine",
                Scene.Json(new { scores = Enumerable.Range(0, 100).Select(i => new { criterionCode = $"c{i}", points = 1 }) })),
            (Scene.OutsideMember, HttpMethod.Post, $"/api/v1/appraisals/cases/{scene.Case}/conflicts", Scene.Json(new { reason = "" })),
        };

        var wrong = new List<string>();
        foreach (var (caller, method, path, body) in cases)
        {
            using var client = platform.Client(caller);
            using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = body });
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{caller.Id} {method} {path} → {(int)response.StatusCode} {text}");
            }
        }

        Assert.True(wrong.Count == 0, $"Answered without checking scope first:\n{string.Join('\n', wrong)}");
    }

    private static MultipartFormDataContent Multipart(string kind)
    {
        var form = new MultipartFormDataContent { { new StringContent(kind), "kind" } };
        form.Add(new ByteArrayContent("MZ"u8.ToArray()), "file", "a.exe");
        return form;
    }

    /// <summary>What is wrong with an answer to a malformed request, or null when it is a proper Vietnamese 4xx Problem Details.</summary>
    private static async Task<string?> ProblemOf(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shown = text.Length > 300 ? text[..300] + "…" : text;
        if (status is < 400 or >= 500)
        {
            return $"{status} {shown}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} with Content-Type {response.Content.Headers.ContentType?.MediaType ?? "none"}: {shown}";
        }

        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON: {shown}";
        }

        var code = problem?["code"]?.GetValueKind() == JsonValueKind.String ? problem["code"]!.GetValue<string>() : null;
        if (code is null || !StableCode().IsMatch(code))
        {
            return $"{status} without a stable code: {shown}";
        }

        var detail = problem!["detail"]?.GetValueKind() == JsonValueKind.String ? problem["detail"]!.GetValue<string>() : "";
        return VietnameseLetter().IsMatch(detail) ? null : $"{status} {code} without a Vietnamese message: {shown}";
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex StableCode();

    [GeneratedRegex("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();

    /// <summary>Who sends an operation's requests, the records its path names and a plausible body to break.</summary>
    private sealed record Target(Person Caller, Dictionary<string, string> Path, JsonNode? Body);

    private static JsonNode Node(object value) => JsonNode.Parse(JsonSerializer.Serialize(value, Http.Options))!;

    private static Target? Plan(WriteOperation operation, Scene scene)
    {
        var world = scene.World;
        var a = scene.Awards;
        var today = DateTime.UtcNow;
        var reason = Node(new { reason = "Lý do được ghi rõ để thử dữ liệu sai." });
        Dictionary<string, string> P(params (string Name, object Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value.ToString()!);
        return operation.Key switch
        {
            "POST /api/v1/campaigns/" or "POST /api/v1/campaigns" => new(World.ProvinceOfficer, [], Node(new
            {
                year = world.Year, name = "Đợt thi đua để thử dữ liệu sai", provinceCode = "01", registrationDueBefore = $"{world.Year}-01-20",
                phaseStartYear = world.Year - 1, phaseEndYear = world.Year + 1, deadlines = new Dictionary<string, string> { ["dossier"] = $"{world.Year}-08-01" },
            })),
            "PUT /api/v1/campaigns/{id}/deadlines/{kind}" => new(World.ProvinceOfficer, P(("id", world.CampaignId), ("kind", "dossier")),
                Node(new { scopeCode = "VN", dueBefore = $"{world.Year}-08-06" })),
            "POST /api/v1/campaigns/{id}/extensions" => new(World.ProvinceOfficer, P(("id", world.CampaignId)),
                Node(new { organizationId = world.School, kind = "dossier", dueBefore = today.AddDays(30).ToString("yyyy-MM-dd"), reason = "Gia hạn do thiên tai." })),
            "POST /api/v1/initiatives/" or "POST /api/v1/initiatives" => new(world.AuthorAn, [], Node(world.Registration("Sáng kiến để thử dữ liệu sai"))),
            "PUT /api/v1/initiatives/{id}" => new(world.AuthorAn, P(("id", scene.Draft)), Node(world.Registration("Bản nháp để thử dữ liệu sai", draft: true))),
            "POST /api/v1/initiatives/{id}/withdraw" => new(world.AuthorAn, P(("id", scene.Draft)), reason),
            "POST /api/v1/initiatives/{id}/return" or "POST /api/v1/initiatives/{id}/confirm" => new(world.BranchOfficer, P(("id", scene.Registered)), reason),
            "POST /api/v1/initiatives/{id}/submit" => new(world.AuthorAn, P(("id", scene.Draft)), null),
            "POST /api/v1/confirmation-lists/" or "POST /api/v1/confirmation-lists" => new(world.BranchOfficer, [],
                Node(new { campaignId = world.CampaignId, organizationId = world.Branch, note = "Danh sách tổng hợp." })),
            "POST /api/v1/dossiers/" or "POST /api/v1/dossiers" => new(world.AuthorAn, [], Node(new { initiativeId = scene.Draft })),
            "PUT /api/v1/dossiers/{id}" => new(world.AuthorAn, P(("id", scene.Dossier)), Node(World.DossierContent("Giải pháp để thử dữ liệu sai."))),
            "POST /api/v1/dossiers/{id}/attachments" => new(world.AuthorAn, P(("id", scene.Dossier)), null),
            "DELETE /api/v1/dossiers/{id}/attachments/{attachmentId}" => new(world.AuthorAn, P(("id", scene.Dossier), ("attachmentId", scene.Attachment)), null),
            "POST /api/v1/dossiers/{id}/submit" => new(world.AuthorAn, P(("id", scene.Dossier)), null),
            "POST /api/v1/administrative-units/" or "POST /api/v1/administrative-units" => new(World.Operator, [],
                Node(new { code = "97001", name = "Phường Thử Dữ Liệu", level = "commune", unitType = "phường", parentCode = "01" })),
            "POST /api/v1/administrative-units/{code}/retire" => new(World.Operator, P(("code", scene.ThrowawayUnit)),
                Node(new { mergedIntoCode = "00004", reason = "Nghị quyết 1656/NQ-UBTVQH15 về sắp xếp đơn vị hành chính." })),
            "POST /api/v1/organizations/" or "POST /api/v1/organizations" => new(World.ProvinceOfficer, [],
                Node(new { name = "Trường Trung học Thử Dữ Liệu", kind = "school", provinceCode = "01" })),
            "PUT /api/v1/organizations/{id}/movement-plans/{campaignId}" => new(World.ProvinceOfficer, P(("id", world.School), ("campaignId", world.CampaignId)),
                Node(new { documentNumber = "05/KH-CĐCS", issuedOn = today.AddMonths(-3).ToString("yyyy-MM-dd") })),
            "POST /api/v1/councils/" or "POST /api/v1/councils" => new(World.ProvinceOfficer, [], Node(Scene.CouncilBody(world.CampaignId,
                [new { userId = "uyvien.moi", fullName = "Tống Văn Lợi", role = "member", organizationId = scene.Science }]))),
            "POST /api/v1/councils/{id}/members" => new(World.Secretary, P(("id", scene.Council)),
                Node(new { userId = "uyvien.moi", fullName = "Tống Văn Lợi", email = "loi@example.vn", role = "member", organizationId = scene.Science, reason = "Bổ sung thành viên." })),
            "PUT /api/v1/councils/{id}/members/{personId}/role" => new(World.Secretary, P(("id", scene.Council), ("personId", scene.MemberPerson)),
                Node(new { role = "expert", reason = "Đổi vai trò để thử dữ liệu sai." })),
            "POST /api/v1/councils/{id}/members/{personId}/leave" => new(World.Secretary, P(("id", scene.Council), ("personId", scene.MemberPerson)), reason),
            "PUT /api/v1/councils/{id}/scheme" => new(World.Secretary, P(("id", scene.Council)), scene.Scheme.DeepClone()),
            "POST /api/v1/councils/{id}/assignments/auto" => new(World.Secretary, P(("id", scene.Council)), Node(new { reviewersPerCase = 3, caseIds = new[] { scene.Case } })),
            "POST /api/v1/councils/{id}/nominations" => new(World.Secretary, P(("id", scene.Council)), Node(new { caseIds = new[] { scene.Case } })),
            "POST /api/v1/appraisals/cases/{id}/screening" => new(World.Secretary, P(("id", scene.Case)), Node(new
            {
                outcome = "return", reason = "Bổ sung số liệu hiệu quả áp dụng.",
                checklist = new { complete = false, unlawful = false, ipProtected = false, stateFunded = false, authorsIdentified = true, movementPlan = true, practicalBenefit = true },
            })),
            "POST /api/v1/appraisals/cases/{id}/duplicate" => new(World.Secretary, P(("id", scene.Case)), Node(new { initiativeId = scene.Draft, note = "Cùng giải pháp." })),
            "PUT /api/v1/appraisals/cases/{id}/assignments" => new(World.Secretary, P(("id", scene.Case)), Node(new { personIds = new[] { scene.MemberPerson } })),
            "POST /api/v1/appraisals/cases/{id}/conflicts" => new(Scene.Member, P(("id", scene.Case)), Node(new { reason = "Tôi là đồng nghiệp của tác giả." })),
            "PUT /api/v1/appraisals/cases/{id}/scores/mine" => new(Scene.Member, P(("id", scene.Case)),
                Node(new { scores = new[] { new { criterionCode = "tinh_moi", points = 25m, comment = "Mới." } } })),
            "POST /api/v1/appraisals/cases/{id}/scores/mine/submit" => new(Scene.Member, P(("id", scene.Case)), null),
            "POST /api/v1/appraisals/cases/{id}/decision" => new(World.Secretary, P(("id", scene.Case)),
                Node(new { recognized = true, decisionNumber = "20/QĐ-HĐTĐ", decisionDate = today.AddDays(-1).ToString("yyyy-MM-dd"), publishedComment = "Đạt." })),
            "POST /api/v1/notifications/{id}/read" => new(world.AuthorAn, P(("id", Guid.NewGuid())), null),
            "POST /api/v1/notifications/read-all" => new(world.AuthorAn, [], null),
            "PUT /api/v1/notification-preferences/" or "PUT /api/v1/notification-preferences" => new(world.AuthorAn, [], Node(new
            {
                phone = "0912345678", digest = "daily", quietHours = new { from = "22:00", until = "06:30" },
                categories = new[] { new { category = "registration", channels = new[] { "email", "sms" } } },
            })),
            // Templates: a save against a version that never existed (409 even when well-formed), a rollback to one, a
            // preview (changes nothing), and a test send to the operator's own inbox; no variant rewords what others receive.
            "PUT /api/v1/notification-templates/{kind}/{channel}" => new(World.Operator, P(("kind", "initiative_registered"), ("channel", "in_app")),
                Node(new { subject = "Đã đăng ký “{{ initiative_title }}”", body = "Kính gửi {{ recipient_name }}.", note = "Thử dữ liệu sai.", baseVersion = 999 })),
            "POST /api/v1/notification-templates/{kind}/{channel}/preview" => new(World.Operator, P(("kind", "initiative_registered"), ("channel", "in_app")),
                Node(new { subject = "Đã đăng ký “{{ initiative_title }}”", body = "Kính gửi {{ recipient_name }}.", values = new Dictionary<string, string>() })),
            "POST /api/v1/notification-templates/{kind}/{channel}/test-send" => new(World.Operator, P(("kind", "initiative_registered"), ("channel", "in_app")),
                Node(new { values = new Dictionary<string, string>() })),
            "POST /api/v1/notification-templates/{kind}/{channel}/rollback" => new(World.Operator, P(("kind", "initiative_registered"), ("channel", "in_app")),
                Node(new { version = 999, note = "Thử dữ liệu sai." })),
            // A delivery that does not exist: nothing is queued again.
            "POST /api/v1/notification-deliveries/{id}/replay" => new(World.Operator, P(("id", Guid.NewGuid())), null),
            // Awards and the gallery: each aimed at a record in a state where even a well-formed request is refused
            // (an existing code, an issued or revoked decision, a proposal already sent, a counted ballot), so no variant
            // changes anything while each still reaches validation.
            "POST /api/v1/gallery/initiatives/{id}/replications" => new(world.HcmUnitOfficer, P(("id", a.Published)),
                Node(new { since = today.AddMonths(-1).ToString("yyyy-MM-dd"), results = "Áp dụng để thử dữ liệu sai." })),
            "PUT /api/v1/initiatives/{id}/publication-consent" => new(world.AuthorAn, P(("id", scene.Draft)), Node(new { consent = true })),
            "POST /api/v1/award-types/" or "POST /api/v1/award-types" => new(World.Operator, [], Node(new
            {
                code = "giay_khen", name = "Giấy khen để thử dữ liệu sai", level = "commune", description = "Thử.", forIndividuals = true, forCollectives = true, amount = 100000,
            })),
            "PUT /api/v1/award-types/{code}" => new(World.Operator, P(("code", "giay_khen")), Node(new
            {
                name = "Giấy khen để thử dữ liệu sai", level = "province", description = "Đổi cấp: luôn bị từ chối.", forIndividuals = true, forCollectives = true, amount = 100000,
            })),
            "POST /api/v1/award-types/{code}/retire" => new(World.Operator, P(("code", "giay_khen")), null),
            "POST /api/v1/commendations/calls" => new(World.ProvinceOfficer, [], Node(AwardsScene.CallBody(world.Federation))),
            "POST /api/v1/commendations/calls/{id}/proposals" => new(world.FederationOfficer, P(("id", a.Call)), Node(AwardsScene.ProposalBody())),
            "POST /api/v1/commendations/proposals/{id}/return" => new(World.ProvinceOfficer, P(("id", a.Proposal)), reason),
            "POST /api/v1/commendations/proposals/{id}/accept" => new(World.ProvinceOfficer, P(("id", a.Proposal)), null),
            "POST /api/v1/commendations/decisions" => new(World.ProvinceOfficer, [], Node(AwardsScene.DecisionBody("Người để thử dữ liệu sai"))),
            "PUT /api/v1/commendations/decisions/{id}" => new(World.ProvinceOfficer, P(("id", a.DraftDecision)), Node(AwardsScene.DecisionBody("Người để thử dữ liệu sai"))),
            "POST /api/v1/commendations/decisions/{id}/issue" => new(World.ProvinceOfficer, P(("id", a.IssuedDecision)),
                Node(new { decisionDate = today.ToString("yyyy-MM-dd") })),
            "POST /api/v1/commendations/decisions/{id}/revoke" => new(World.ProvinceOfficer, P(("id", a.RevokedDecision)),
                Node(new { reason = "Thu hồi để thử dữ liệu sai", revokingDecisionNumber = "301/QĐ-MTTQ" })),
            "POST /api/v1/golden-book/" or "POST /api/v1/golden-book" => new(World.CentralOfficer, [],
                Node(new { year = a.CountedEdition, nominationDue = $"{a.CountedEdition}-12-31", entries = 1 })),
            "PATCH /api/v1/golden-book/{year}" => new(World.CentralOfficer, P(("year", a.CountedEdition)), Node(new { nominationDue = $"{a.CountedEdition}-12-30", entries = 1 })),
            "POST /api/v1/golden-book/{year}/nominations" => new(World.ProvinceOfficer, P(("year", a.CountedEdition)),
                Node(new { initiativeId = a.Published, reason = "Tiêu biểu để thử dữ liệu sai." })),
            "POST /api/v1/golden-book/{year}/publish" or "POST /api/v1/golden-book/{year}/ballot/close" => new(World.CentralOfficer, P(("year", a.CountedEdition)), null),
            "POST /api/v1/golden-book/{year}/ballot/open" => new(World.CentralOfficer, P(("year", a.CountedEdition)),
                Node(new { voterIds = new[] { "nguoi-bo-phieu" } })),
            "POST /api/v1/golden-book/{year}/ballots" => new(World.CentralOfficer, P(("year", a.CountedEdition)), Node(new { nominationIds = new[] { Guid.NewGuid() } })),
            "POST /api/v1/golden-book/{year}/ballot/tie-break" => new(World.CentralOfficer, P(("year", a.CountedEdition)),
                Node(new { nominationIds = new[] { Guid.NewGuid() }, reason = "Chọn để thử dữ liệu sai." })),
            _ => PeriodicReportPlan(operation, scene) ?? (scene.Conferences.Plan(operation.Key, world) is { } c ? new(c.Caller, c.Path, c.Body) : null),
        };
    }
}
