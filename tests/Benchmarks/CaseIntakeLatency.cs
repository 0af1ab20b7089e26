using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Launcher;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>What the intake stage measured: per dossier, from its submission to its open appraisal case.</summary>
internal sealed record CaseIntakeResult(int Dossiers, double[] SubmitToCaseMs, double[] SubmitPostMs, TimeSpan Elapsed, int Opened);

/// <summary>
/// Thời gian tiếp nhận hồ sơ: a province council is set up through the gateway, then dossiers are filed and submitted
/// one after another as authors would (register, confirm, dossier, cover letter, content, submit); each is timed from
/// registration's submission (the version's <c>submitted_at</c>) to appraisal's case (<c>opened_at</c>). Both are the
/// same host's clock, so the difference is the whole path: outbox, relay, RabbitMQ, the consumer's gRPC read of the
/// dossier, the case's transaction.
/// </summary>
internal static class CaseIntakeLatency
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    // organizationId: the council members' organization; filingOrganizationId: the one tacgia.an files under (his own).
    public static async Task<CaseIntakeResult> MeasureAsync(LocalSystem system, string pg, string databasePrefix, string campaignId, string organizationId,
        string filingOrganizationId, int dossiers, Action<string> progress)
    {
        using var officer = await CallerAsync(system, "canbo.tinh.hanoi");
        using var commune = await CallerAsync(system, "canbo.xa.badinh");
        using var author = await CallerAsync(system, "tacgia.an");
        progress("intake: setting up Hà Nội's appraisal council…");
        await SendAsync(officer, HttpMethod.Post, "/api/v1/councils", new
        {
            campaignId, scope = "VN/01", name = "Hội đồng thẩm định sáng kiến thành phố Hà Nội (đo hiệu năng)",
            decisionNumber = "1/QĐ-BENCH", decisionDate = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decisionSigner = "Chủ tịch Ủy ban MTTQ Việt Nam thành phố",
            members = new[] { new { userId = "thuky.hoidong.hanoi", fullName = "Vũ Văn Hải", role = "secretary", organizationId } },
        });

        progress($"intake: filing and submitting {dossiers} dossiers one after another…");
        var postMs = new List<double>();
        var started = Stopwatch.StartNew();
        var initiatives = new List<Guid>();
        for (var i = 0; i < dossiers; i++)
        {
            var initiative = await IdAsync(await SendAsync(author, HttpMethod.Post, "/api/v1/initiatives", new
            {
                campaignId, title = $"Hồ sơ đo thời gian tiếp nhận số {i + 1}", kind = "sang_kien", organizationId = filingOrganizationId, communeCode = "00004",
                summary = "Đo thời gian từ khi nộp hồ sơ đến khi hội đồng tiếp nhận.", contentType = "tac_nghiep", movementArea = "he_thong_chinh_tri",
                field = "hanh_chinh", authors = new[] { new { fullName = "Nguyễn Văn An", isLead = true, contributionPercent = 100 } },
            }));
            await SendAsync(commune, HttpMethod.Post, $"/api/v1/initiatives/{initiative}/confirm", new { });
            var dossier = await IdAsync(await SendAsync(author, HttpMethod.Post, "/api/v1/dossiers", new { initiativeId = initiative }));
            using (var form = new MultipartFormDataContent())
            {
                form.Add(new StringContent("cover_letter"), "kind");
                form.Add(new ByteArrayContent(Pdf), "file", "to-trinh.pdf");
                await author.PaceAsync();
                (await author.Http.PostAsync($"/api/v1/dossiers/{dossier}/attachments", form)).EnsureSuccessStatusCode();
            }

            await SendAsync(author, HttpMethod.Put, $"/api/v1/dossiers/{dossier}", new
            {
                firstAppliedOn = DateTime.UtcNow.AddMonths(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), applicationField = "Hành chính",
                currentSituation = "Thủ tục giấy.", solution = "Số hóa quy trình.", novelty = "Lần đầu áp dụng.", results = "Rút ngắn thời gian.",
                benefits = "Tiết kiệm giờ công.", conditionsAndScope = "Có máy tính.", coverLetterNumber = "1/UBND",
                coverLetterDate = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            var post = Stopwatch.StartNew();
            await SendAsync(author, HttpMethod.Post, $"/api/v1/dossiers/{dossier}/submit", new { });
            postMs.Add(post.Elapsed.TotalMilliseconds);
            initiatives.Add(initiative);
        }

        // Wait for the last cases; nothing is counted until every dossier has its case (or 60 s pass).
        await using var appraisal = new NpgsqlConnection(Database(pg, $"{databasePrefix}_appraisal"));
        var ids = initiatives.ToArray();
        var deadline = Stopwatch.StartNew();
        var opened = 0;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60)
               && (opened = await appraisal.ExecuteScalarAsync<int>("SELECT count(*)::int FROM appraisal_cases WHERE initiative_id = ANY(@ids)", new { ids })) < ids.Length)
        {
            await Task.Delay(100);
        }

        var elapsed = started.Elapsed;
        await using var registration = new NpgsqlConnection(Database(pg, $"{databasePrefix}_registration"));
        var submitted = (await registration.QueryAsync<(Guid InitiativeId, DateTime SubmittedAt)>(
            "SELECT d.initiative_id, v.submitted_at FROM dossiers d JOIN dossier_versions v ON v.dossier_id = d.id AND v.version = 1 WHERE d.initiative_id = ANY(@ids)",
            new { ids })).ToDictionary(x => x.InitiativeId, x => x.SubmittedAt);
        var cases = (await appraisal.QueryAsync<(Guid InitiativeId, DateTime OpenedAt)>(
            "SELECT initiative_id, opened_at FROM appraisal_cases WHERE initiative_id = ANY(@ids)", new { ids })).ToList();
        var latencies = cases.Where(c => submitted.ContainsKey(c.InitiativeId))
            .Select(c => (c.OpenedAt - submitted[c.InitiativeId]).TotalMilliseconds).ToArray();
        return new CaseIntakeResult(dossiers, latencies, [.. postMs], elapsed, opened);
    }

    public static string Markdown(CaseIntakeResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("\n## From dossier submission to an open appraisal case\n");
        md.AppendLine(inv, $"{r.Dossiers} dossiers filed and submitted one after another through the gateway by one author, with Hà Nội's province council " +
            $"set up first; {r.Opened} of {r.Dossiers} cases opened ({r.Elapsed.TotalSeconds:0} s in all, filing included). Time from the version's " +
            $"`submitted_at` in registration to the case's `opened_at` in appraisal (the same host's clock): outbox, relay, RabbitMQ, the consumer's " +
            $"gRPC read of the dossier and the case's transaction.\n");
        md.AppendLine("| Measure | p50 | p95 | p99 | max |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, values) in new[] { ("Submission → open case (ms)", r.SubmitToCaseMs), ("POST …/submit through the gateway (ms)", r.SubmitPostMs) })
        {
            if (values.Length > 0)
            {
                md.AppendLine(inv, $"| {name} | {SearchReport.P(values, 50):0.0} | {SearchReport.P(values, 95):0.0} | {SearchReport.P(values, 99):0.0} | {values.Max():0.0} |");
            }
        }

        return md.ToString();
    }

    private static string Database(string pg, string name) => new NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString;

    private static async Task<Caller> CallerAsync(LocalSystem system, string userName) =>
        new(system.GatewayUrl, await system.IssueTokenAsync(userName), perSecond: 45);

    private static async Task<HttpResponseMessage> SendAsync(Caller caller, HttpMethod method, string path, object body)
    {
        await caller.PaceAsync();
        var response = await caller.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
