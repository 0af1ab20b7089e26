using DoanKetSangTao.Domain;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.PlatformApiTests.Robustness;

/// <summary>
/// Real records for the robustness suite to aim at, so that malformed requests reach each endpoint's validation
/// instead of stopping at 401 or 404: a draft and a registered initiative, an editable dossier with one attachment,
/// a province council with a case in screening, and an administrative unit made only to be (not) retired.
/// </summary>
public sealed class Scene
{
    public static readonly Person Chair = new("chutich.robust", "Lê Quang Vinh", PlatformRoles.CouncilMember, "VN/01");
    public static readonly Person Member = new("uyvien.robust", "Phan Minh Tuấn", PlatformRoles.CouncilMember, "VN/01");
    public static readonly Person Expert = new("chuyengia.robust", "Đặng Thu Hà", PlatformRoles.CouncilMember, "VN/01");
    public static readonly Person OutsideSecretary = new("thuky.hcm", "Quách Văn Sơn", PlatformRoles.CouncilSecretary, "VN/79");
    public static readonly Person OutsideMember = new("uyvien.hcm", "Lâm Thị Tuyết", PlatformRoles.CouncilMember, "VN/79");

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<ApiPlatform, Scene> Scenes = [];

    private Scene(World world) => World = world;

    public World World { get; }

    public Guid Draft { get; private set; }

    public Guid Registered { get; private set; }

    public Guid Dossier { get; private set; }

    public Guid Attachment { get; private set; }

    public Guid Council { get; private set; }

    public Guid Case { get; private set; }

    public Guid MemberPerson { get; private set; }

    public Guid Science { get; private set; }

    public string ThrowawayUnit { get; private set; } = string.Empty;

    public JsonNode Scheme { get; private set; } = new JsonObject();

    /// <summary>Awards' records (and the gallery's), each where a well-formed request is still refused.</summary>
    public AwardsScene Awards { get; private set; } = null!;

    /// <summary>Periodic reports' records, each where a well-formed request is still refused.</summary>
    public PeriodicReportScene Reports { get; private set; } = null!;

    /// <summary>Review conferences' records, each where a well-formed request is still refused (a cancelled conference).</summary>
    public ConferenceScene Conferences { get; private set; } = null!;

    public static async Task<Scene> OfAsync(ApiPlatform platform)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Scenes.TryGetValue(platform, out var scene))
            {
                scene = await CreateAsync(platform);
                Scenes[platform] = scene;
            }

            return scene;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<Scene> CreateAsync(ApiPlatform platform)
    {
        var world = await World.OfAsync(platform);
        var scene = new Scene(world);
        using var hanoi = platform.Client(World.ProvinceOfficer);
        using var an = platform.Client(world.AuthorAn);
        using var branch = platform.Client(world.BranchOfficer);
        using var operatorClient = platform.Client(World.Operator);

        scene.Draft = (await World.RegisterAsync(an, world.Registration("Bản nháp để thử dữ liệu sai", draft: true))).Id();
        scene.Registered = (await World.RegisterAsync(an, world.Registration("Phiếu đăng ký chờ xác nhận để thử dữ liệu sai"))).Id();

        var editable = (await World.RegisterAsync(an, world.Registration("Hồ sơ đang soạn để thử dữ liệu sai"))).Id();
        await branch.PostJsonAsync($"/api/v1/initiatives/{editable}/confirm", new { }, HttpStatusCode.OK);
        scene.Dossier = (await an.PostJsonAsync("/api/v1/dossiers", new { initiativeId = editable }, HttpStatusCode.Created)).Id();
        scene.Attachment = (await (await World.UploadAsync(an, scene.Dossier, "cover_letter", "Tờ trình.pdf", World.Pdf)).JsonAsync(HttpStatusCode.Created)).Id();

        scene.Science = (await hanoi.PostJsonAsync("/api/v1/organizations",
            new { name = "Sở Khoa học và Công nghệ Hà Nội", kind = "agency", provinceCode = "01" }, HttpStatusCode.Created)).Id();
        var members = new object[]
        {
            new { userId = platform.AccountId(World.Secretary), fullName = World.Secretary.Name, role = "secretary", organizationId = scene.Science },
            new { userId = platform.AccountId(Chair), fullName = Chair.Name, role = "chair", organizationId = scene.Science },
            new { userId = platform.AccountId(Expert), fullName = Expert.Name, role = "expert", organizationId = scene.Science },
            new { userId = platform.AccountId(Member), fullName = Member.Name, role = "member", organizationId = scene.Science },
        };
        // Creating a council asks registration over gRPC; on a busy machine that may time out (503), which a client retries.
        var council = await TestInfrastructure.EventuallyAsync(async () =>
        {
            using var response = await hanoi.PostAsJsonAsync("/api/v1/councils", CouncilBody(world.CampaignId, members));
            return response.StatusCode == HttpStatusCode.ServiceUnavailable ? null : await response.JsonAsync(HttpStatusCode.Created);
        }, TimeSpan.FromSeconds(60), "the council set up");
        scene.Council = council.Id();
        scene.MemberPerson = Guid.Parse(council["members"]!.AsArray().Single(m => m!.Str("userId") == platform.AccountId(Member))!.Str("personId"));
        scene.Scheme = new JsonObject { ["criteria"] = council["criteria"]!.DeepClone(), ["bands"] = council["bands"]!.DeepClone() };
        foreach (var criterion in scene.Scheme["criteria"]!.AsArray())
        {
            // Shown in answers, computed from the others, never read from a request.
            criterion!.AsObject().Remove("maxWeighted");
        }

        // A dossier submitted to the council becomes a case in screening.
        var submitted = (await World.RegisterAsync(an, world.Registration("Hồ sơ đã nộp để thử dữ liệu sai"))).Id();
        await branch.PostJsonAsync($"/api/v1/initiatives/{submitted}/confirm", new { }, HttpStatusCode.OK);
        var submittedDossier = (await an.PostJsonAsync("/api/v1/dossiers", new { initiativeId = submitted }, HttpStatusCode.Created)).Id();
        await (await World.UploadAsync(an, submittedDossier, "cover_letter", "Tờ trình.pdf", World.Pdf)).JsonAsync(HttpStatusCode.Created);
        await an.PutJsonAsync($"/api/v1/dossiers/{submittedDossier}", World.DossierContent("Giải pháp để thử dữ liệu sai."), HttpStatusCode.OK);
        await an.PostJsonAsync($"/api/v1/dossiers/{submittedDossier}/submit", new { }, HttpStatusCode.OK);
        using var secretary = platform.Client(World.Secretary);
        scene.Case = (await TestInfrastructure.EventuallyAsync(async () =>
        {
            var progress = await secretary.GetJsonAsync($"/api/v1/councils/{scene.Council}/progress", HttpStatusCode.OK);
            return progress["cases"]!.AsArray().FirstOrDefault(c => c!.Str("initiativeId") == submitted.ToString());
        }, TimeSpan.FromSeconds(30), "the submitted dossier's case"))!.Id();
        // Registration has heard back from appraisal (the last event of the chain) before anyone counts rows.
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            var now = await an.GetJsonAsync($"/api/v1/initiatives/{submitted}", HttpStatusCode.OK);
            return now.Str("status") == "under_appraisal" ? now : null;
        }, TimeSpan.FromSeconds(30), "the submitted initiative under appraisal");

        var code = $"98{Random.Shared.Next(100, 999)}";
        scene.ThrowawayUnit = (await operatorClient.PostJsonAsync("/api/v1/administrative-units",
            new { code, name = $"Phường Thử Nghiệm {code}", level = "commune", unitType = "phường", parentCode = "01" }, HttpStatusCode.Created)).Str("code");
        scene.Awards = await AwardsScene.CreateAsync(platform, world);
        scene.Reports = await PeriodicReportScene.CreateAsync(platform, world);
        scene.Conferences = await ConferenceScene.CreateAsync(platform, world);
        return scene;
    }

    public static object CouncilBody(Guid campaignId, object[] members) => new
    {
        campaignId, scope = "VN/01", name = "Hội đồng thẩm định sáng kiến thành phố Hà Nội", decisionNumber = "15/QĐ-MTTQ-BTT",
        decisionDate = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"), decisionSigner = "Chủ tịch Ủy ban MTTQ Việt Nam", nominationQuota = 5, members,
    };

    /// <summary>Row counts of every table of a service's database, as JSON (table → count).</summary>
    public static async Task<Dictionary<string, long>> CountsAsync(ApiPlatform platform, string service)
    {
        var json = await platform.ScalarAsync<string>(service,
            """
            SELECT json_object_agg(table_name, (xpath('/row/c/text()',
                query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::bigint)::text
            FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            """);
        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(json)!;
    }

    /// <summary>Waits until every service's outbox has sent all it holds, so no event of the set-up is still on its way.</summary>
    public static async Task QuietAsync(ApiPlatform platform, IEnumerable<string> services)
    {
        foreach (var service in services)
        {
            await TestInfrastructure.EventuallyAsync(async () =>
                await platform.ScalarAsync<long>(service, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0 ? "sent" : null,
                TimeSpan.FromSeconds(30), $"{service}'s outbox sent");
        }
    }

    /// <summary>Sends as a well-behaved client would: a 429 or 503 is retried after the Retry-After it gives, so every request reaches validation.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, MalformedBody? body) =>
        // A 503 that never clears is still reported by the caller as a 5xx.
        PoliteClient.SendAsync(client, () => Request(method, url, body), retries: 10, retryUnavailable: true);

    private static HttpRequestMessage Request(HttpMethod method, string url, MalformedBody? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var content = new ByteArrayContent(body.Content);
            content.Headers.ContentType = null;
            if (body.ContentType is not null)
            {
                // Added without validation: a malformed Content-Type is part of what is being tried.
                content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            }

            request.Content = content;
        }

        return request;
    }

    public static HttpContent Json(object body) => JsonContent.Create(body);
}
