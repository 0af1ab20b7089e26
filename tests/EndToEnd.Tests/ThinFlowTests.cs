using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.EndToEnd;

/// <summary>
/// The thin flow through the gateway with every service a real process: an author registers an
/// initiative; notification tells them in the app and by e-mail; reporting counts it; appraisal opens
/// an intake record after asking registration over gRPC; one trace covers all of it.
/// </summary>
public sealed partial class ThinFlowTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_registered_initiative_reaches_notification_email_reporting_and_appraisal_in_one_trace()
    {
        var (campaignId, organizationId) = await SetUpCampaignAsync();
        var author = platform.Client(await platform.System.IssueTokenAsync("tacgia.an"));
        var officer = platform.Client(await platform.System.IssueTokenAsync("canbo.tinh.hanoi"));
        var mailbox = $"tacgia.{Guid.NewGuid():N}@tacgia.example.vn";
        var title = "Ứng dụng nhật ký điện tử trong chăm sóc cây cà phê";

        var traceId = ActivityTraceId.CreateRandom().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/initiatives")
        {
            Content = JsonContent.Create(Registration(campaignId, organizationId, title, mailbox)),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var created = await author.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var initiative = await created.Content.ReadFromJsonAsync<JsonElement>();
        var initiativeId = initiative.GetProperty("id").GetString();
        Assert.Equal("registered", initiative.GetProperty("status").GetString());

        // The author reads the notification through the gateway.
        var notification = (await TestInfrastructure.EventuallyAsync(async () =>
        {
            var list = await author.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
            return list.EnumerateArray().Where(n => n.GetProperty("subjectId").GetString() == initiativeId).Select(n => (JsonElement?)n).FirstOrDefault();
        }, Patience, "the author's in-app notification"))!.Value;
        Assert.Contains(title, notification.GetProperty("title").GetString());

        // The e-mail went through the real SMTP server.
        var mail = await TestInfrastructure.EventuallyAsync(() => Task.FromResult(FindMail(mailbox)), Patience, "the e-mail to the author");
        Assert.Contains(title, DecodeSubject(mail));

        // The officer reads the count for the province and the commune.
        var counts = (await TestInfrastructure.EventuallyAsync(async () =>
        {
            var c = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/initiative-counts?campaignId={campaignId}&provinceCode=01");
            return c.GetProperty("registered").GetInt64() >= 1 ? (JsonElement?)c : null;
        }, Patience, "the province count"))!.Value;
        Assert.Equal(1, counts.GetProperty("registered").GetInt64());
        Assert.Equal("00004", counts.GetProperty("breakdown")[0].GetProperty("code").GetString());

        // Appraisal opened an intake record with what registration returned over gRPC.
        var intake = (await TestInfrastructure.EventuallyAsync(async () =>
        {
            var list = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/appraisals/intake?provinceCode=01&campaignId={campaignId}");
            return list.EnumerateArray().Where(i => i.GetProperty("initiativeId").GetString() == initiativeId).Select(i => (JsonElement?)i).FirstOrDefault();
        }, Patience, "the appraisal intake record"))!.Value;
        Assert.Equal("Nguyễn Thị Hoa", intake.GetProperty("authorNames")[0].GetString());

        // One trace: gateway → registration → RabbitMQ → notification, reporting and appraisal, and appraisal's gRPC call
        // back to registration. Each service must have taken part in its role (span kind), and every span must hang from
        // the request the test sent: a span whose parent is missing means the trace broke at that hop.
        var rootSpanId = request.Headers.GetValues("traceparent").Single().Split('-')[2];
        var hops = new (string Hop, Func<ReceivedSpan, bool> Seen)[]
        {
            ("gateway receives the request", s => s is { Service: "gateway", Kind: SpanKind.Server } && s.ParentSpanId == rootSpanId),
            ("gateway forwards it", s => s is { Service: "gateway", Kind: SpanKind.Client }),
            ("registration serves the request", s => s is { Service: "registration", Kind: SpanKind.Server } && s.Mentions("/api/v1/initiatives")),
            ("registration publishes to RabbitMQ", s => s is { Service: "registration", Kind: SpanKind.Producer, Scope: "MassTransit" }),
            ("notification consumes", s => s is { Service: "notification", Kind: SpanKind.Consumer }),
            ("reporting consumes", s => s is { Service: "reporting", Kind: SpanKind.Consumer }),
            ("appraisal consumes", s => s is { Service: "appraisal", Kind: SpanKind.Consumer }),
            ("appraisal calls registration over gRPC", s => s is { Service: "appraisal", Kind: SpanKind.Client } && s.Mentions("InitiativeLookup")),
            ("registration serves the gRPC call", s => s is { Service: "registration", Kind: SpanKind.Server } && s.Mentions("InitiativeLookup")),
        };
        List<ReceivedSpan> Orphans(List<ReceivedSpan> spans)
        {
            var ids = spans.Select(s => s.SpanId).ToHashSet();
            return spans.Where(s => s.ParentSpanId != rootSpanId && !ids.Contains(s.ParentSpanId)).ToList();
        }

        try
        {
            // Parents end after their children and may be exported later: wait until the trace is whole.
            await TestInfrastructure.EventuallyAsync(() =>
            {
                var spans = platform.Collector.Spans.Where(s => s.TraceId == traceId).ToList();
                return Task.FromResult(hops.All(h => spans.Any(h.Seen)) && Orphans(spans).Count == 0 ? (bool?)true : null);
            }, Patience, $"spans of trace {traceId} from every hop");
        }
        catch (TimeoutException)
        {
            var spans = platform.Collector.Spans.Where(s => s.TraceId == traceId).ToList();
            Assert.Fail($"Missing hops: {string.Join(", ", hops.Where(h => !spans.Any(h.Seen)).Select(h => h.Hop))}. " +
                $"Spans whose parent is not in the trace: {string.Join("; ", Orphans(spans))}. Spans seen in the trace: {string.Join("; ", spans)}. " +
                $"All spans received: {platform.Collector.Spans.Count} from {string.Join(", ", platform.Collector.Spans.Select(s => s.Service).Distinct())}.");
        }
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_problem_a_person_can_read()
    {
        using var anonymous = platform.Client();
        using var response = await anonymous.GetAsync("/api/v1/notifications");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unauthenticated", problem.GetProperty("code").GetString());
        Assert.Contains("đăng nhập", problem.GetProperty("detail").GetString());

        using var forged = platform.Client("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/notifications")).StatusCode);
    }

    [Fact]
    public async Task A_token_of_the_wrong_role_or_province_is_refused_with_403()
    {
        var (campaignId, _) = await SetUpCampaignAsync();
        using var author = platform.Client(await platform.System.IssueTokenAsync("tacgia.an"));
        using var otherProvince = platform.Client(await platform.System.IssueTokenAsync("canbo.tinh.hcm"));

        using var wrongRole = await author.PostAsJsonAsync("/api/v1/campaigns", new { year = 2027, name = "Không được phép", provinceCode = "01", registrationDueBefore = "2027-01-15" });
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal("forbidden", (await wrongRole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var wrongProvince = await otherProvince.GetAsync($"/api/v1/reports/initiative-counts?campaignId={campaignId}&provinceCode=01");
        Assert.Equal(HttpStatusCode.Forbidden, wrongProvince.StatusCode);
        Assert.Equal("report_outside_scope", (await wrongProvince.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var wrongProvinceIntake = await otherProvince.GetAsync("/api/v1/appraisals/intake?provinceCode=01");
        Assert.Equal(HttpStatusCode.Forbidden, wrongProvinceIntake.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_answered_with_a_problem_and_stores_nothing()
    {
        var (campaignId, organizationId) = await SetUpCampaignAsync();
        using var author = platform.Client(await platform.System.IssueTokenAsync("tacgia.binh"));
        var invalid = new
        {
            campaignId,
            title = "Tiêu đề \ud800 hỏng",
            kind = "sang_kien",
            organizationId,
            communeCode = "00004",
            authors = new[] { new { fullName = "Trần Thị Bình", email = "binh@tacgia.example.vn", isLead = true, contributionPercent = 60 } },
        };
        using var response = await author.PostAsJsonAsync("/api/v1/initiatives", invalid);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        Assert.Contains("100%", problem.GetProperty("errors").GetProperty("authors")[0].GetString());

        using var malformed = await author.PostAsync("/api/v1/initiatives", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("malformed_json", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // Nothing reached registration's tables or its outbox (the campaign's own deadline announcement aside).
        Assert.Equal(0, await platform.CountInRegistrationAsync("SELECT count(*) FROM initiatives WHERE campaign_id = @campaignId::uuid", campaignId));
        Assert.Equal(0, await platform.CountInRegistrationAsync(
            "SELECT count(*) FROM outbox_messages WHERE payload->>'campaignId' = @campaignId AND message_type NOT LIKE '%CampaignDeadlineSet%'", campaignId));
    }

    [Fact]
    public async Task Retrying_a_registration_with_the_same_idempotency_key_creates_one_initiative()
    {
        var (campaignId, organizationId) = await SetUpCampaignAsync();
        using var author = platform.Client(await platform.System.IssueTokenAsync("tacgia.an"));
        var body = Registration(campaignId, organizationId, "Mô hình tổ tự quản bảo vệ môi trường", $"x.{Guid.NewGuid():N}@tacgia.example.vn");
        var ids = new List<string?>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/initiatives") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "dang-ky-lan-1");
            using var response = await author.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        }

        Assert.Single(ids.Distinct());

        // The same key with another registration is refused, not answered with the first one.
        using var reused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/initiatives")
        {
            Content = JsonContent.Create(Registration(campaignId, organizationId, "Một sáng kiến khác hẳn", $"y.{Guid.NewGuid():N}@tacgia.example.vn")),
        };
        reused.Headers.Add("Idempotency-Key", "dang-ky-lan-1");
        using var refused = await author.SendAsync(reused);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("idempotency_key_reused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // One initiative and so one event left registration; once reporting's inbox holds that event, its count is final:
        // there is no second event that could arrive late.
        var events = await platform.QueryRegistrationAsync<Guid>(
            "SELECT id FROM outbox_messages WHERE message_type LIKE '%InitiativeRegistered' AND payload->>'campaignId' = @campaignId", campaignId);
        var eventId = Assert.Single(events);
        await TestInfrastructure.EventuallyAsync(async () =>
            await platform.CountAsync("reporting", "SELECT count(*) FROM inbox_messages WHERE message_id = @id", eventId) > 0 ? (bool?)true : null,
            Patience, "reporting to consume the registration");
        using var officer = platform.Client(await platform.System.IssueTokenAsync("canbo.tinh.hanoi"));
        Assert.Equal(1, (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/initiative-counts?campaignId={campaignId}&provinceCode=01"))
            .GetProperty("registered").GetInt64());
    }

    [Theory]
    [InlineData("registration")]
    [InlineData("appraisal")]
    [InlineData("awards")]
    [InlineData("reporting")]
    [InlineData("notification")]
    public async Task The_gateway_serves_each_service_openapi_document_to_signed_in_callers(string service)
    {
        using var anonymous = platform.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/openapi/{service}/v1.json")).StatusCode);

        using var operatorClient = platform.Client(await platform.System.IssueTokenAsync("vanhanh"));
        var document = await operatorClient.GetFromJsonAsync<JsonElement>($"/openapi/{service}/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Contains(document.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal));
    }

    private async Task<(string CampaignId, string OrganizationId)> SetUpCampaignAsync()
    {
        using var officer = platform.Client(await platform.System.IssueTokenAsync("canbo.tinh.hanoi"));
        using var campaign = await officer.PostAsJsonAsync("/api/v1/campaigns",
            new { year = 2027, name = "Phong trào Đoàn kết sáng tạo Hà Nội năm 2027", provinceCode = "01", registrationDueBefore = "2027-01-15" });
        Assert.Equal(HttpStatusCode.Created, campaign.StatusCode);
        // The demo author files under the organization their account belongs to (registration refuses any other).
        return ((await campaign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!,
                LocalSystem.FilingOrganization("tacgia.an"));
    }

    private static object Registration(string campaignId, string organizationId, string title, string email) => new
    {
        campaignId,
        title,
        kind = "sang_kien",
        contentType = "tac_nghiep",
        movementArea = "cong_dong",
        field = "nong_nghiep",
        organizationId,
        communeCode = "00004",
        summary = "Ghi chép điện tử giúp hộ nông dân theo dõi tưới, bón phân và thu hoạch.",
        authors = new[]
        {
            new { fullName = "Nguyễn Thị Hoa", email = (string?)email, isLead = true, contributionPercent = 70 },
            new { fullName = "Lê Văn Nam", email = (string?)null, isLead = false, contributionPercent = 30 },
        },
    };

    private static string? FindMail(string recipient)
    {
        foreach (var file in Directory.EnumerateFiles(TestInfrastructure.MailDirectory, "*.eml"))
        {
            var text = File.ReadAllText(file);
            if (text.Contains(recipient, StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>Decodes an RFC 2047 Subject header (the form SMTP carries Vietnamese in).</summary>
    internal static string DecodeSubject(string mail)
    {
        var header = SubjectHeader().Match(mail).Groups[1].Value;
        return string.Concat(EncodedWord().Matches(header).Select(m => m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value))
            : Encoding.UTF8.GetString(QuotedPrintable(m.Groups[3].Value.Replace('_', ' ')))));
    }

    private static byte[] QuotedPrintable(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '=' && i + 2 < s.Length)
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)s[i]);
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"^Subject: (.*(?:\r?\n[ \t].*)*)", RegexOptions.Multiline)]
    private static partial Regex SubjectHeader();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
