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

// `token USER [GATEWAY]`: signs a demo person in through the running platform's pages (code flow with PKCE, and the
// TOTP code for staff) and prints the access token, for curl by hand (docs/registration.md, docs/identity.md).
if (args is ["token", var who, ..])
{
    var person = DemoPeople.Named(who);
    var tokens = await new IdentityFlow(new Uri(args.Length > 2 ? args[2].TrimEnd('/') + "/" : "http://127.0.0.1:8080/"))
        .SignInAsync(person.UserName, DemoPeople.Password, person.HasSecondFactor ? DemoPeople.AuthenticatorKey : null);
    Console.WriteLine(tokens.AccessToken);
    return;
}

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

// Both tokens come through the real sign-in: the author with a password, the officer with a password and a TOTP code.
var authorToken = await system.IssueTokenAsync("tacgia.an", stop.Token);
var officerToken = await system.IssueTokenAsync("canbo.tinh.hanoi", stop.Token);
var campaignId = await SeedDemoAsync(system.GatewayUrl, officerToken, stop.Token);
// An author files under the organization their account belongs to (tacgia.an: the school's union).
var organizationId = LocalSystem.FilingOrganization("tacgia.an");

Console.WriteLine($"""

    DoanKetSangTao is running.
      Gateway (API):        {system.GatewayUrl}/api/v1/…
      Sign in, register:    {system.GatewayUrl}/account/signin   ·   {system.GatewayUrl}/account/register
      OpenID Connect:       {system.GatewayUrl}/.well-known/openid-configuration
      OpenAPI documents:    {system.GatewayUrl}/openapi/{"{registration|appraisal|awards|reporting|notification|identity}"}/v1.json
      E-mails sent:         {Env("DKST_MAIL_DIR")}
      SMS and Zalo sent:    {system.Providers?.MessagesUrl + "?provider=esms"}   ·   {system.Providers?.MessagesUrl + "?provider=zalo"}
      Service logs:         {Path.Combine(state, "logs")}

    Demo people ({string.Join(", ", DemoPeople.All.Select(p => p.UserName))}):
      password {DemoPeople.Password}; staff also enter the code of an authenticator app holding the key {DemoPeople.AuthenticatorKey}.
    Demo integration client: {DemoPeople.IntegrationClientId} / {DemoPeople.IntegrationClientSecret} (scope statistics.read, Hà Nội).

    Demo campaign {campaignId} (Hà Nội) is ready; tacgia.an files under {organizationId} (Công đoàn cơ sở Trường THCS Ba Đình).
    Token of the author 'tacgia.an' (Nguyễn Văn An), got by signing in through the code flow with PKCE, valid 1 hour:

    {authorToken}

    Try:
      export TOKEN={authorToken}
      curl -s -X POST {system.GatewayUrl}/api/v1/initiatives -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d '{"{"}"campaignId":"{campaignId}","title":"Số hóa sổ theo dõi hộ nghèo","kind":"sang_kien","contentType":"tac_nghiep","movementArea":"he_thong_chinh_tri","field":"hanh_chinh","summary":"Sổ theo dõi hộ nghèo trên máy tính, tra cứu trong một phút.","organizationId":"{organizationId}","communeCode":"00004","authors":[{"{"}"fullName":"Nguyễn Văn An","email":"an.nguyen@tacgia.example.vn","isLead":true,"contributionPercent":100{"}"}]{"}"}'
      curl -s {system.GatewayUrl}/api/v1/notifications -H "Authorization: Bearer $TOKEN"
      # The integration's own token (client credentials), then Hà Nội's statistics:
      export ITOKEN=$(curl -s {system.GatewayUrl}/connect/token -d grant_type=client_credentials -d client_id={DemoPeople.IntegrationClientId} -d client_secret={DemoPeople.IntegrationClientSecret} -d scope=statistics.read | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
      curl -s "{system.GatewayUrl}/api/v1/reports/initiative-counts?campaignId={campaignId}&provinceCode=01" -H "Authorization: Bearer $ITOKEN"

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
