using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Net.Http.Json;
using System.Text.Json;
using DoanKetSangTao.Launcher;

// Started by launcher/start.sh once the infrastructure runs and the solution is built: starts the
// platform, seeds a demo campaign through the gateway (the demo users' organizations are seeded by LocalSystem), prints where to go, and
// stops everything on Ctrl-C.
static string Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
    ? v
    : throw new InvalidOperationException($"{name} is not set: run launcher/start.sh, which starts the infrastructure first.");

var root = args.Length > 0 ? Path.GetFullPath(args[0]) : Directory.GetCurrentDirectory();
var state = Path.Combine(root, ".local", "dev");
var gatewayPort = int.Parse(Environment.GetEnvironmentVariable("DKST_GATEWAY_PORT") ?? "8080", System.Globalization.CultureInfo.InvariantCulture);
using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM both stop the services before the launcher exits, so nothing is left running.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

Console.WriteLine("Đang khởi động các dịch vụ (starting the services)…");
await using var system = await LocalSystem.StartAsync(new LocalSystemOptions
{
    RepositoryRoot = root,
    PostgresConnection = Env("DKST_PG_CONNECTION"),
    RabbitUri = Env("DKST_RABBIT_URI"),
    SmtpHost = Env("DKST_SMTP_HOST"),
    SmtpPort = int.Parse(Env("DKST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture),
    StateDirectory = state,
    GatewayPort = gatewayPort,
    OtlpEndpoint = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"),
}, stop.Token);

var authorToken = await system.IssueTokenAsync("tacgia.an", stop.Token);
var officerToken = await system.IssueTokenAsync("canbo.tinh.hanoi", stop.Token);
var campaignId = await SeedDemoAsync(system.GatewayUrl, officerToken, stop.Token);
// An author files under the organization their account belongs to (tacgia.an: the school's union).
var organizationId = await system.FilingOrganizationAsync("tacgia.an", stop.Token);

Console.WriteLine($"""

    DoanKetSangTao is running.
      Gateway (API):        {system.GatewayUrl}/api/v1/…
      OpenAPI documents:    {system.GatewayUrl}/openapi/{"{registration|appraisal|awards|reporting|notification}"}/v1.json
      Demo users:           {system.GatewayUrl}/dev-identity/users   (token: POST {system.GatewayUrl}/dev-identity/token {"{"}"userName": "…"{"}"})
      E-mails sent:         {Env("DKST_MAIL_DIR")}
      Service logs:         {Path.Combine(state, "logs")}

    Demo campaign {campaignId} (Hà Nội) is ready; tacgia.an files under {organizationId} (Công đoàn cơ sở Trường THCS Ba Đình).
    Token of the author 'tacgia.an' (Nguyễn Văn An), valid 8 hours:

    {authorToken}

    Try:
      export TOKEN={authorToken[..16]}…   # the whole token above
      curl -s -X POST {system.GatewayUrl}/api/v1/initiatives -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d '{"{"}"campaignId":"{campaignId}","title":"Số hóa sổ theo dõi hộ nghèo","kind":"sang_kien","contentType":"tac_nghiep","movementArea":"he_thong_chinh_tri","field":"hanh_chinh","summary":"Sổ theo dõi hộ nghèo trên máy tính, tra cứu trong một phút.","organizationId":"{organizationId}","communeCode":"00004","authors":[{"{"}"fullName":"Nguyễn Văn An","email":"an.nguyen@tacgia.example.vn","isLead":true,"contributionPercent":100{"}"}]{"}"}'
      curl -s {system.GatewayUrl}/api/v1/notifications -H "Authorization: Bearer $TOKEN"

    Press Ctrl-C to stop.
    """);

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

Console.WriteLine("Đang dừng (stopping)…");

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

static async Task<string> SeedDemoAsync(string gateway, string token, CancellationToken ct)
{
    using var http = new HttpClient { BaseAddress = new Uri(gateway) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var year = DateTime.UtcNow.Year + 1;
    return await PostAsync(http, "/api/v1/campaigns", new { year, name = $"Phong trào Đoàn kết sáng tạo Hà Nội năm {year}", provinceCode = "01", registrationDueBefore = $"{year}-01-15" }, ct);

    static async Task<string> PostAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding {path} failed: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }
}
