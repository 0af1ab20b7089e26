using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Benchmarks;

internal sealed record IdentityResult(int Calls, int WarmUp, int Callers, IReadOnlyList<CallSeries> Tokens, double[] SignInMs, double[] PageMs);

/// <summary>
/// The identity service's costs: the token endpoint (client credentials, the demo integration's) straight on identity's
/// port and through the gateway, beside <c>/health/live</c> on the same port (the floor of a request, same run); and a
/// person's whole sign-in through the gateway (code flow with PKCE through the pages: password, TOTP code, code
/// exchange), beside a GET of the sign-in page alone.
/// </summary>
internal static class IdentityLatency
{
    public static async Task<IdentityResult> MeasureAsync(LocalSystem system, int calls, int signIns, int callers, Action<string> progress)
    {
        var identityPort = system.HttpPort(LocalSystem.Identity);
        using var direct = Client($"http://127.0.0.1:{identityPort}");
        using var gateway = Client(system.GatewayUrl);
        var kinds = new (string Name, Func<Task> Call)[]
        {
            ("POST /connect/token (client credentials) on identity's port", () => TokenAsync(direct)),
            ("POST /connect/token (client credentials) through the gateway", () => TokenAsync(gateway)),
            ("GET /health/live on identity's port", async () =>
            {
                using var response = await direct.GetAsync("/health/live");
                await response.Content.LoadIntoBufferAsync();
                Expect(response.StatusCode == HttpStatusCode.OK, $"/health/live answered {(int)response.StatusCode}");
            }),
        };

        var warmUp = Math.Max(20, calls / 10);
        var series = new List<CallSeries>();
        foreach (var (name, call) in kinds)
        {
            progress($"identity: {name}: {warmUp} warm-up, {calls} one at a time, {calls} by {callers} callers…");
            await GrpcLookupLatency.RunAsync(call, warmUp, callers);
            var (sequential, sequentialElapsed) = await GrpcLookupLatency.RunAsync(call, calls, 1);
            var (concurrent, concurrentElapsed) = await GrpcLookupLatency.RunAsync(call, calls, callers);
            series.Add(new CallSeries(name, sequential, sequentialElapsed, concurrent, concurrentElapsed));
        }

        progress($"identity: {signIns} sign-ins of a Front officer (password and TOTP) through the gateway, one at a time…");
        var staff = DemoPeople.Named("canbo.tinh.hanoi");
        var signInMs = new double[signIns];
        var pageMs = new double[signIns];
        for (var i = -3; i < signIns; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using (var page = await gateway.GetAsync("/account/signin"))
            {
                await page.Content.LoadIntoBufferAsync();
                Expect(page.StatusCode == HttpStatusCode.OK, $"/account/signin answered {(int)page.StatusCode}");
            }

            var pageTime = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await system.Flow.SignInAsync(staff.UserName, DemoPeople.Password, DemoPeople.AuthenticatorKey);
            if (i >= 0)
            {
                signInMs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                pageMs[i] = pageTime;
            }
        }

        return new IdentityResult(calls, warmUp, callers, series, signInMs, pageMs);
    }

    public static string Markdown(IdentityResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"\n## Identity: the token endpoint and a person's sign-in\n");
        md.AppendLine(inv, $"Client credentials of the demo integration, {result.Calls} requests one at a time, then {result.Calls} by {result.Callers} " +
            $"concurrent callers, after {result.WarmUp} warm-up; each a new token (OpenIddict checks the client's hashed secret and stores the token). Milliseconds.\n");
        md.AppendLine("| Call | Callers | p50 | p95 | p99 | Calls/s |\n|---|---:|---:|---:|---:|---:|");
        foreach (var s in result.Tokens)
        {
            Row(s.Name, 1, s.SequentialMs, s.SequentialElapsed);
            Row(s.Name, result.Callers, s.ConcurrentMs, s.ConcurrentElapsed);
        }

        var (token, floor) = (result.Tokens[0], result.Tokens[2]);
        md.AppendLine(inv, $"\nToken endpoint ÷ /health/live on the same port, this run: throughput {Rate(token.ConcurrentMs, token.ConcurrentElapsed) / Rate(floor.ConcurrentMs, floor.ConcurrentElapsed):0.000}× " +
            $"with {result.Callers} callers, p50 {GrpcLookupLatency.Percentile(token.SequentialMs, 50) / GrpcLookupLatency.Percentile(floor.SequentialMs, 50):0.0}× one at a time.\n");
        md.AppendLine(inv, $"A Front officer's whole sign-in through the gateway ({result.SignInMs.Length} one at a time after 3 warm-up): GET /connect/authorize, the sign-in page and its POST (password), the TOTP page and its POST, the redirect with the code, the code exchanged at /connect/token.\n");
        md.AppendLine("| What | p50 | p95 | p99 |\n|---|---:|---:|---:|");
        md.AppendLine(inv, $"| Whole sign-in (password + TOTP + code exchange) | {P(result.SignInMs, 50):0.0} | {P(result.SignInMs, 95):0.0} | {P(result.SignInMs, 99):0.0} |");
        md.AppendLine(inv, $"| GET /account/signin alone (baseline) | {P(result.PageMs, 50):0.0} | {P(result.PageMs, 95):0.0} | {P(result.PageMs, 99):0.0} |");
        md.AppendLine(inv, $"\nSign-in ÷ sign-in page, p50: {P(result.SignInMs, 50) / P(result.PageMs, 50):0.0}×.");
        return md.ToString();

        static double P(double[] ms, double p) => GrpcLookupLatency.Percentile(ms, p);

        static double Rate(double[] ms, TimeSpan elapsed) => ms.Length / elapsed.TotalSeconds;

        void Row(string name, int callers, double[] ms, TimeSpan elapsed) =>
            md.AppendLine(inv, $"| {name} | {callers} | {P(ms, 50):0.00} | {P(ms, 95):0.00} | {P(ms, 99):0.00} | {ms.Length / elapsed.TotalSeconds:0} |");
    }

    private static async Task TokenAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoPeople.IntegrationClientId,
            ["client_secret"] = DemoPeople.IntegrationClientSecret, ["scope"] = "statistics.read",
        }));
        await response.Content.LoadIntoBufferAsync();
        Expect(response.StatusCode == HttpStatusCode.OK, $"/connect/token answered {(int)response.StatusCode}");
    }

    // HTTP/1.1, one connection per concurrent caller, as a browser's or YARP's would.
    private static HttpClient Client(string address) => new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri(address),
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
