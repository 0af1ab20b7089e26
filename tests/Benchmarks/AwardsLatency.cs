using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Launcher;
using Npgsql;

namespace DoanKetSangTao.Benchmarks;

/// <summary>The rendering as awards' own rows recorded it: from the issuing transaction to each certificate's PDF stored.</summary>
internal sealed record RenderTimes(double FirstRenderedS, double LastRenderedS, int Ready, int Failed, int MaxAttempts, long StoredPdfBytes);

/// <summary>The all-in-one PDF download: through the gateway, and straight on awards' port when the gateway's answer was not a PDF.</summary>
internal sealed record PdfDownload(string Via, int Status, double Ms, long Bytes, int? Pages, string? Failure);

internal sealed record AwardsResult(
    int Certificates, string Number, double CreateMs, long CreateRequestBytes, double IssueMs, long IssueResponseBytes,
    TimeSpan AllReady, int Polls, double[] PollMs, long PollResponseBytes, TimeSpan? FirstReadySeen, RenderTimes Render,
    IReadOnlyList<PdfDownload> Pdfs, double AwardsMiBBefore, double AwardsMiBAfter,
    int Calls, int WarmUp, int Callers, IReadOnlyList<CallSeries> Verification);

/// <summary>
/// Cấp 1.000 giấy chứng nhận và trang xác minh: through the gateway, as Hà Nội's province officer (canbo.tinh.hanoi), a
/// decision naming N people with Vietnamese names is drafted and issued; timed are the issue call (numbering, one sealed
/// certificate per recipient, all in one transaction), the time from issue until the decision's progress says all N are
/// ready (polled as an officer's page would), the download of all N in one PDF, and the public verification by code
/// (JSON and the QR code's page) beside two baselines of the same run: an officer's small authenticated read through the
/// gateway (the award-type catalogue) and <c>/health/live</c> on awards' port.
/// </summary>
internal static class AwardsLatency
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private const int Rounds = 5;

    public static async Task<AwardsResult> MeasureAsync(
        LocalSystem system, string pg, string databasePrefix, string root, int certificates, int calls, int callers, Action<string> progress)
    {
        var officerToken = await system.IssueTokenAsync("canbo.tinh.hanoi");
        var awardsPort = system.HttpPort(LocalSystem.Services.Single(s => s.Name == "awards"));
        // A thousand pages rendered in one request can take minutes; the client must not be what gives up.
        using var officer = Client(system.GatewayUrl, TimeSpan.FromMinutes(15), officerToken);
        using var officerDirect = Client($"http://127.0.0.1:{awardsPort}", TimeSpan.FromMinutes(15), officerToken);
        using var anonymous = Client(system.GatewayUrl, TimeSpan.FromSeconds(30), null);
        using var direct = Client($"http://127.0.0.1:{awardsPort}", TimeSpan.FromSeconds(30), null);
        var awardsDb = new NpgsqlConnectionStringBuilder(pg) { Database = $"{databasePrefix}_awards" }.ConnectionString;

        // A small decision first: it makes the body's signing key, and the first PDF loads the fonts and JIT-compiles
        // the renderer, so the measured decision pays for none of that.
        progress("awards: warm-up decision of 5 certificates…");
        var (warmId, _, _) = await CreateAsync(officer, 5, "khởi động");
        var (warmIssued, _, _) = await IssueAsync(officer, warmId);
        await WaitReadyAsync(officer, warmId, 5, _ => { }, []);
        await (await DownloadAsync(officer, warmId, "warm-up")).DisposeAsync();
        foreach (var code in Codes(warmIssued))
        {
            await GetOkAsync(anonymous, $"/api/v1/certificates/verify/{code}");
            await GetOkAsync(anonymous, $"/v/{code}");
        }

        var awardsBefore = AwardsMiB(root);
        progress($"awards: drafting a decision of {certificates:N0} recipients…");
        var (id, createMs, createBytes) = await CreateAsync(officer, certificates, "đo hiệu năng");

        progress($"awards: issuing it ({certificates:N0} certificates sealed in the issuing transaction)…");
        var since = Stopwatch.StartNew();
        var (issued, issueMs, issueBytes) = await IssueAsync(officer, id);
        var codes = Codes(issued);
        if (codes.Count != certificates)
        {
            throw new InvalidOperationException($"The issued decision lists {codes.Count} certificate codes for {certificates} recipients.");
        }

        progress($"awards: issued as {issued.GetProperty("number").GetString()}; polling its progress every {PollInterval.TotalMilliseconds:0} ms…");
        var pollMs = new List<double>();
        TimeSpan? firstSeen = null;
        var (polls, pollBytes) = await WaitReadyAsync(officer, id, certificates, ready =>
        {
            if (ready > 0 && firstSeen is null)
            {
                firstSeen = since.Elapsed;
            }
        }, pollMs, since);
        var allReady = since.Elapsed;
        var render = await RenderTimesAsync(awardsDb, id);
        progress($"awards: all {certificates:N0} ready after {allReady.TotalSeconds:0.0} s; downloading them in one PDF through the gateway…");

        var pdfs = new List<PdfDownload>();
        var viaGateway = await DownloadAsync(officer, id, "gateway");
        pdfs.Add(viaGateway.Result);
        if (viaGateway.Result.Failure is not null)
        {
            // The gateway's answer was not the PDF (a proxy timeout, a 5xx): how long does awards itself take?
            progress($"awards: the gateway answered {viaGateway.Result.Status} ({viaGateway.Result.Failure}); downloading straight from awards' port…");
            await using var straight = await DownloadAsync(officerDirect, id, "awards' port");
            pdfs.Add(straight.Result);
        }

        await viaGateway.DisposeAsync();
        var awardsAfter = AwardsMiB(root);

        var next = -1;
        string NextCode() => codes[(int)((uint)Interlocked.Increment(ref next) % (uint)codes.Count)];
        var kinds = new (string Name, Func<Task> Call)[]
        {
            ("GET /api/v1/certificates/verify/{code} through the gateway (anonymous)", () => GetOkAsync(anonymous, $"/api/v1/certificates/verify/{NextCode()}")),
            ("GET /v/{code} through the gateway (anonymous, HTML page)", () => GetOkAsync(anonymous, $"/v/{NextCode()}")),
            ("GET /api/v1/certificates/verify/{code} on awards' port", () => GetOkAsync(direct, $"/api/v1/certificates/verify/{NextCode()}")),
            ("GET /api/v1/award-types through the gateway (officer's token; baseline)", () => GetOkAsync(officer, "/api/v1/award-types")),
            ("GET /health/live on awards' port (floor)", () => GetOkAsync(direct, "/health/live")),
        };

        // The kinds take turns in rounds, so the tail of the certificates' background work (their events, the e-mails
        // notification sends) and the other load of a shared machine fall on every kind alike, not on whichever came first.
        var warmUp = Math.Max(20, calls / 10);
        var perRound = Math.Max(1, calls / Rounds);
        var rounds = (calls + perRound - 1) / perRound;
        progress($"awards: verification and its baselines: {warmUp} warm-up each, then {rounds} rounds of {perRound} one at a time and {perRound} by {callers} callers per kind…");
        foreach (var (_, call) in kinds)
        {
            await GrpcLookupLatency.RunAsync(call, warmUp, callers);
        }

        var measured = kinds.Select(_ => (Sequential: new List<double>(), SequentialElapsed: TimeSpan.Zero, Concurrent: new List<double>(), ConcurrentElapsed: TimeSpan.Zero)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var size = Math.Min(perRound, calls - (round * perRound));
            for (var k = 0; k < kinds.Length; k++)
            {
                var (sequential, sequentialElapsed) = await GrpcLookupLatency.RunAsync(kinds[k].Call, size, 1);
                var (concurrent, concurrentElapsed) = await GrpcLookupLatency.RunAsync(kinds[k].Call, size, callers);
                measured[k].Sequential.AddRange(sequential);
                measured[k].Concurrent.AddRange(concurrent);
                measured[k].SequentialElapsed += sequentialElapsed;
                measured[k].ConcurrentElapsed += concurrentElapsed;
            }
        }

        var series = kinds.Select((kind, k) => new CallSeries(kind.Name, [.. measured[k].Sequential], measured[k].SequentialElapsed,
            [.. measured[k].Concurrent], measured[k].ConcurrentElapsed)).ToList();

        return new AwardsResult(certificates, issued.GetProperty("number").GetString()!, createMs, createBytes, issueMs, issueBytes,
            allReady, polls, [.. pollMs], pollBytes, firstSeen, render, pdfs, awardsBefore, awardsAfter, calls, warmUp, callers, series);
    }

    public static string Markdown(AwardsResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"\n## Awards: {r.Certificates:N0} certificates and the verification page\n");
        md.AppendLine(inv, $"Through the gateway as Hà Nội's province officer (canbo.tinh.hanoi): one decision (Bằng khen cấp tỉnh) naming {r.Certificates:N0} people, " +
            $"issued as {r.Number}, after a warm-up decision of 5. Progress polled every {PollInterval.TotalMilliseconds:0} ms with GET /api/v1/commendations/decisions/{{id}}/progress.\n");
        md.AppendLine("| Step | Time | Size |\n|---|---:|---:|");
        md.AppendLine(inv, $"| POST /api/v1/commendations/decisions (draft of {r.Certificates:N0}) | {r.CreateMs:0} ms | request {Kib(r.CreateRequestBytes)} |");
        md.AppendLine(inv, $"| **POST …/decisions/{{id}}/issue** (number, {r.Certificates:N0} sealed certificates, log, events) | **{r.IssueMs:0} ms** | answer {Kib(r.IssueResponseBytes)} |");
        md.AppendLine(inv, $"| Issue sent → first certificate seen ready by a poll | {(r.FirstReadySeen is { } f ? $"{f.TotalSeconds:0.0} s" : "–")} | |");
        md.AppendLine(inv, $"| **Issue sent → all {r.Certificates:N0} ready seen by a poll** ({r.Polls} polls) | **{r.AllReady.TotalSeconds:0.0} s** | |");
        md.AppendLine(inv, $"| ↳ issuing transaction → first PDF stored (`rendered_at`) | {r.Render.FirstRenderedS:0.0} s | |");
        md.AppendLine(inv, $"| ↳ issuing transaction → last PDF stored | {r.Render.LastRenderedS:0.0} s | {Mib(r.Render.StoredPdfBytes)} stored, {Kib(r.Render.StoredPdfBytes / Math.Max(1, r.Render.Ready))} each |");
        md.AppendLine(inv, $"| ↳ rendering rate, first to last PDF stored | {(r.Render.Ready - 1) / Math.Max(0.001, r.Render.LastRenderedS - r.Render.FirstRenderedS):0.0} certificates/s | |");
        md.AppendLine(inv, $"| Each progress poll (GET …/decisions/{{id}}/progress), p50 / p95 | {P(r.PollMs, 50):0} / {P(r.PollMs, 95):0} ms | answer {r.PollResponseBytes:N0} bytes |");
        foreach (var pdf in r.Pdfs)
        {
            var what = pdf.Failure is null ? $"{Mib(pdf.Bytes)}, {(pdf.Pages is { } p ? $"{p} pages" : "pages not counted")}" : $"**{pdf.Status}: {pdf.Failure}**";
            md.AppendLine(inv, $"| **GET …/decisions/{{id}}/certificates.pdf** via {pdf.Via} (all {r.Certificates:N0} in one PDF, to its last byte) | **{pdf.Ms / 1000:0.0} s** | {what} |");
        }

        md.AppendLine(inv, $"\nCertificates ready {r.Render.Ready}, failed {r.Render.Failed}, most attempts for one {r.Render.MaxAttempts}. " +
            $"Awards' resident memory (VmRSS) {r.AwardsMiBBefore:0} MiB before the measured decision, {r.AwardsMiBAfter:0} MiB after its PDF download.\n");

        md.AppendLine(inv, $"Verification: the {r.Certificates:N0} codes taken in turn, {r.Calls} requests one at a time, then {r.Calls} by {r.Callers} concurrent callers " +
            $"(one HTTP/1.1 connection each), after {r.WarmUp} warm-up; the five kinds take turns in {Rounds} rounds. Milliseconds.\n");
        md.AppendLine("| Request | Callers | p50 | p95 | p99 | Requests/s |\n|---|---:|---:|---:|---:|---:|");
        foreach (var s in r.Verification)
        {
            Row(s.Name, 1, s.SequentialMs, s.SequentialElapsed);
            Row(s.Name, r.Callers, s.ConcurrentMs, s.ConcurrentElapsed);
        }

        var (json, page, straight, baseline, floor) = (r.Verification[0], r.Verification[1], r.Verification[2], r.Verification[3], r.Verification[4]);
        md.AppendLine(inv, $"\nSame run, p50 one at a time / requests per second with {r.Callers} callers:");
        Ratio("verification JSON through the gateway ÷ the officer's award-type read through the gateway", json, baseline);
        Ratio("verification page (/v/) through the gateway ÷ the officer's award-type read through the gateway", page, baseline);
        Ratio("verification JSON through the gateway ÷ the same on awards' port (the gateway's share)", json, straight);
        Ratio("verification JSON on awards' port ÷ /health/live on awards' port", straight, floor);
        return md.ToString();

        void Ratio(string what, CallSeries a, CallSeries b) =>
            md.AppendLine(inv, $"- {what}: {P(a.SequentialMs, 50) / P(b.SequentialMs, 50):0.00}× latency, " +
                $"{Rate(a.ConcurrentMs, a.ConcurrentElapsed) / Rate(b.ConcurrentMs, b.ConcurrentElapsed):0.00}× throughput.");

        void Row(string name, int callers, double[] ms, TimeSpan elapsed) =>
            md.AppendLine(inv, $"| {name} | {callers} | {P(ms, 50):0.00} | {P(ms, 95):0.00} | {P(ms, 99):0.00} | {Rate(ms, elapsed):0} |");

        static double Rate(double[] ms, TimeSpan elapsed) => ms.Length / elapsed.TotalSeconds;

        static double P(double[] ms, double p) => ms.Length == 0 ? double.NaN : GrpcLookupLatency.Percentile(ms, p);

        static string Kib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB");

        static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MiB");
    }

    private static async Task<(Guid Id, double Ms, long RequestBytes)> CreateAsync(HttpClient officer, int count, string purpose)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            awardTypeCode = "bang_khen_tinh",
            issuingBodyName = "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
            reason = $"Đã có thành tích xuất sắc trong phong trào \"Đoàn kết sáng tạo\" năm {DateTime.UtcNow.Year} ({purpose})",
            signerName = "Nguyễn Lan Hương",
            signerPosition = "Chủ tịch",
            recipients = Enumerable.Range(0, count).Select(Recipient).ToArray(),
        }, JsonSerializerOptions.Web);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var start = Stopwatch.GetTimestamp();
        using var response = await officer.PostAsync("/api/v1/commendations/decisions", content);
        var text = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Expect(response.StatusCode == HttpStatusCode.Created, $"Drafting a decision of {count} answered {(int)response.StatusCode} after {ms:0} ms: {Head(text)}");
        return (JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid(), ms, body.Length);
    }

    private static async Task<(JsonElement Decision, double Ms, long ResponseBytes)> IssueAsync(HttpClient officer, Guid id)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await officer.PostAsJsonAsync($"/api/v1/commendations/decisions/{id}/issue", new { });
        var text = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Expect(response.StatusCode == HttpStatusCode.OK, $"Issuing decision {id} answered {(int)response.StatusCode} after {ms:0} ms: {Head(text)}");
        return (JsonDocument.Parse(text).RootElement.Clone(), ms, Encoding.UTF8.GetByteCount(text));
    }

    // Until the decision's progress counts every certificate ready; a failed one, a 5xx or the timeout ends the run with what was seen.
    private static async Task<(int Polls, long Bytes)> WaitReadyAsync(HttpClient officer, Guid id, int total, Action<int> seen, List<double> pollMs, Stopwatch? since = null)
    {
        since ??= Stopwatch.StartNew();
        var polls = 0;
        long bytes = 0;
        var (ready, failed) = (0, 0);
        while (since.Elapsed < ReadyTimeout)
        {
            polls++;
            var start = Stopwatch.GetTimestamp();
            using var response = await officer.GetAsync($"/api/v1/commendations/decisions/{id}/progress");
            var text = await response.Content.ReadAsStringAsync();
            pollMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Expect(response.StatusCode == HttpStatusCode.OK, $"Reading decision {id} answered {(int)response.StatusCode} after {since.Elapsed.TotalSeconds:0.0} s: {Head(text)}");
            bytes = Encoding.UTF8.GetByteCount(text);
            var progress = JsonDocument.Parse(text).RootElement;
            (ready, failed) = (progress.GetProperty("ready").GetInt32(), progress.GetProperty("failed").GetInt32());
            Expect(progress.GetProperty("total").GetInt32() == total, $"Decision {id} counts {progress.GetProperty("total").GetInt32()} certificates, not {total}.");
            seen(ready);
            Expect(failed == 0, $"{failed} of decision {id}'s {total} certificates failed to render ({ready} ready) after {since.Elapsed.TotalSeconds:0.0} s.");
            if (ready == total)
            {
                return (polls, bytes);
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"Only {ready} of decision {id}'s {total} certificates were ready after {ReadyTimeout.TotalMinutes:0} min ({failed} failed).");
    }

    private sealed class Download(PdfDownload result, HttpResponseMessage? response) : IAsyncDisposable
    {
        public PdfDownload Result => result;

        public ValueTask DisposeAsync()
        {
            response?.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<Download> DownloadAsync(HttpClient officer, Guid id, string via)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var response = await officer.GetAsync($"/api/v1/commendations/decisions/{id}/certificates.pdf");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var isPdf = response.StatusCode == HttpStatusCode.OK && bytes.AsSpan().StartsWith("%PDF"u8);
            var failure = isPdf ? null : $"{response.Content.Headers.ContentType} {Head(Encoding.UTF8.GetString(bytes))}";
            return new Download(new PdfDownload(via, (int)response.StatusCode, ms, bytes.Length, isPdf ? await PagesAsync(bytes) : null, failure), response);
        }
        catch (TaskCanceledException e)
        {
            return new Download(new PdfDownload(via, 0, Stopwatch.GetElapsedTime(start).TotalMilliseconds, 0, null, $"no answer: {e.Message}"), null);
        }
    }

    // pdfinfo (poppler-utils) when the machine has it: the page count proves every certificate is in the file.
    private static async Task<int?> PagesAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdfinfo", [file]) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<RenderTimes> RenderTimesAsync(string awardsDb, Guid decisionId)
    {
        await using var connection = new NpgsqlConnection(awardsDb);
        return await connection.QuerySingleAsync<RenderTimes>(
            """
            SELECT extract(epoch FROM min(c.rendered_at) - d.issued_at)::float8 AS FirstRenderedS,
                   extract(epoch FROM max(c.rendered_at) - d.issued_at)::float8 AS LastRenderedS,
                   (count(*) FILTER (WHERE c.status = 'ready'))::int AS Ready, (count(*) FILTER (WHERE c.status = 'failed'))::int AS Failed,
                   max(c.attempts) AS MaxAttempts, coalesce(sum(length(c.pdf)), 0)::bigint AS StoredPdfBytes
            FROM certificates c JOIN commendation_decisions d ON d.id = c.decision_id
            WHERE c.decision_id = @decisionId
            GROUP BY d.issued_at
            """, new { decisionId });
    }

    private static List<string> Codes(JsonElement decision) =>
        [.. decision.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("certificateCode").GetString()!)];

    private static async Task GetOkAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        Expect(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
    }

    private static double AwardsMiB(string root) => ProcessMemory.Read(root, "Release").Single(m => m.Name == "awards").MiB;

    // Vietnamese people as a province's list of commended would have them: family, middle and given names in NFC,
    // each with the school, union or office they work in, an initiative and an e-mail (notification tells each).
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân", "Kim", "Bảo", "Thị Thanh", "Văn Hoàng"];
    private static readonly string[] GivenNames =
    [
        "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam",
        "Nga", "Ngọc", "Nhung", "Phong", "Phúc", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Uyên", "Việt", "Yến", "Đạt", "Ánh",
    ];
    private static readonly string[] Workplaces =
    [
        "Trường THCS Ba Đình", "Liên đoàn Lao động thành phố Hà Nội", "Bệnh viện Đa khoa Đống Đa", "Hợp tác xã Nông nghiệp Đông Anh",
        "Ủy ban nhân dân phường Hoàn Kiếm", "Công ty Cổ phần Cơ khí Gia Lâm", "Trường Tiểu học Nguyễn Trãi", "Hội Nông dân huyện Sóc Sơn",
    ];
    private static readonly string[] Initiatives =
    [
        "Ứng dụng mã QR trong tiếp nhận hồ sơ một cửa", "Mô hình tưới nhỏ giọt tiết kiệm nước cho rau an toàn", "Sổ tay điện tử theo dõi sức khỏe người cao tuổi",
        "Cải tiến quy trình phân loại rác tại nguồn ở khu dân cư", "Phần mềm quản lý thư viện trường học", "Giải pháp giảm thời gian chờ khám bệnh ngoại trú",
    ];

    private static object Recipient(int i) => new
    {
        kind = "individual",
        fullName = $"{FamilyNames[i % FamilyNames.Length]} {MiddleNames[i / FamilyNames.Length % MiddleNames.Length]} {GivenNames[i / 7 % GivenNames.Length]}",
        organizationName = Workplaces[i % Workplaces.Length],
        provinceCode = "01",
        communeCode = i % 3 == 0 ? "00004" : null,
        email = $"nguoi{i + 1}@khenthuong.example.vn",
        initiativeTitle = Initiatives[i % Initiatives.Length],
    };

    // HTTP/1.1, one connection per concurrent caller, as a browser's or YARP's would.
    private static HttpClient Client(string address, TimeSpan timeout, string? token)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(address),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = timeout,
        };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static string Head(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
