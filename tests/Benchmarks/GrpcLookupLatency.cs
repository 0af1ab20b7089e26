using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Benchmarks;

/// <summary>One kind of call, timed one at a time and then by several callers at once.</summary>
internal sealed record CallSeries(string Name, double[] SequentialMs, TimeSpan SequentialElapsed, double[] ConcurrentMs, TimeSpan ConcurrentElapsed);

internal sealed record GrpcLookupResult(int Calls, int WarmUp, int Callers, IReadOnlyList<CallSeries> Series);

/// <summary>
/// Registration's gRPC look-ups as another service makes them: a client registered with the platform's own
/// <see cref="PlatformGrpcExtensions.AddPlatformGrpcClient{TClient}"/>, carrying appraisal's client-credentials token
/// from this run's identity service (as appraisal's would), straight on registration's gRPC port. Beside them, in the same run and
/// on the same machine, HTTP/1.1 requests straight on registration's HTTP port: <c>/health/live</c> (no database,
/// no token: the floor of a request) and <c>GET /api/v1/initiatives/{id}</c> with a person's token (the REST read
/// of the same row GetInitiatives reads).
/// </summary>
internal static class GrpcLookupLatency
{
    public static async Task<GrpcLookupResult> MeasureAsync(LocalSystem system, Guid[] initiativeIds, string organizationId, string campaignId,
        string personToken, int calls, int callers, Action<string> progress)
    {
        var registration = LocalSystem.Services.Single(s => s.Name == "registration");
        var grpcAddress = new Uri($"http://127.0.0.1:{system.GrpcPort(registration)}");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddServiceTokens(_ => system.ServiceClient("appraisal"));
        services.AddPlatformGrpcClient<InitiativeLookup.InitiativeLookupClient>(grpcAddress, PlatformScopes.RegistrationLookups);
        services.AddPlatformGrpcClient<OrganizationLookup.OrganizationLookupClient>(grpcAddress, PlatformScopes.RegistrationLookups);
        await using var provider = services.BuildServiceProvider();
        var initiatives = provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();
        var organizations = provider.GetRequiredService<OrganizationLookup.OrganizationLookupClient>();

        // HTTP/1.1 on its own pool: each concurrent caller gets its own connection, as a browser's or YARP's would.
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{system.HttpPort(registration)}"),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var next = 0;
        Guid NextId() => initiativeIds[(int)((uint)Interlocked.Increment(ref next) % (uint)initiativeIds.Length)];

        var kinds = new (string Name, Func<Task> Call)[]
        {
            ("gRPC InitiativeLookup.GetInitiatives (1 id)", async () =>
            {
                var reply = await initiatives.GetInitiativesAsync(new GetInitiativesRequest { InitiativeIds = { NextId().ToString() } });
                Expect(reply.Initiatives.Count == 1, "GetInitiatives returned no initiative");
            }),
            ("gRPC OrganizationLookup.GetOrganizations (1 id, with campaign)", async () =>
            {
                var reply = await organizations.GetOrganizationsAsync(new GetOrganizationsRequest { OrganizationIds = { organizationId }, CampaignId = campaignId });
                Expect(reply.Organizations.Count == 1, "GetOrganizations returned no organization");
            }),
            ("HTTP/1.1 GET /api/v1/initiatives/{id} (province officer's token)", async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/initiatives/{NextId()}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", personToken);
                using var response = await http.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                Expect(response.StatusCode == HttpStatusCode.OK, $"GET /api/v1/initiatives/{{id}} answered {(int)response.StatusCode}");
            }),
            ("HTTP/1.1 GET /health/live", async () =>
            {
                using var response = await http.GetAsync("/health/live");
                await response.Content.LoadIntoBufferAsync();
                Expect(response.StatusCode == HttpStatusCode.OK, $"/health/live answered {(int)response.StatusCode}");
            }),
        };

        var warmUp = Math.Max(50, calls / 10);
        var series = new List<CallSeries>();
        foreach (var (name, call) in kinds)
        {
            progress($"look-ups: {name}: {warmUp} warm-up, {calls} one at a time, {calls} by {callers} callers…");
            await RunAsync(call, warmUp, callers);
            var (sequential, sequentialElapsed) = await RunAsync(call, calls, 1);
            var (concurrent, concurrentElapsed) = await RunAsync(call, calls, callers);
            series.Add(new CallSeries(name, sequential, sequentialElapsed, concurrent, concurrentElapsed));
        }

        return new GrpcLookupResult(calls, warmUp, callers, series);
    }

    public static string Markdown(GrpcLookupResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"\n## Registration's look-ups: gRPC beside HTTP/1.1\n");
        md.AppendLine(inv, $"Straight on registration's ports (no gateway), {result.Calls} calls one at a time, then {result.Calls} by {result.Callers} " +
            $"concurrent callers, after {result.WarmUp} warm-up. gRPC: the platform's client with a service token; HTTP/1.1: one connection per caller. Milliseconds.\n");
        md.AppendLine("| Call | Callers | p50 | p95 | p99 | Calls/s |\n|---|---:|---:|---:|---:|---:|");
        foreach (var s in result.Series)
        {
            Row(s.Name, 1, s.SequentialMs, s.SequentialElapsed);
            Row(s.Name, result.Callers, s.ConcurrentMs, s.ConcurrentElapsed);
        }

        // The same row read both ways: gRPC's GetInitiatives against the REST read, in this run.
        var (grpc, rest) = (result.Series[0], result.Series[2]);
        md.AppendLine(inv, $"\ngRPC GetInitiatives ÷ HTTP/1.1 GET initiative: p50 {Percentile(grpc.SequentialMs, 50) / Percentile(rest.SequentialMs, 50):0.00}×, " +
            $"calls/s {Rate(grpc.SequentialMs, grpc.SequentialElapsed) / Rate(rest.SequentialMs, rest.SequentialElapsed):0.00}× one at a time; " +
            $"p50 {Percentile(grpc.ConcurrentMs, 50) / Percentile(rest.ConcurrentMs, 50):0.00}×, " +
            $"calls/s {Rate(grpc.ConcurrentMs, grpc.ConcurrentElapsed) / Rate(rest.ConcurrentMs, rest.ConcurrentElapsed):0.00}× with {result.Callers} callers.");
        return md.ToString();

        static double Rate(double[] ms, TimeSpan elapsed) => ms.Length / elapsed.TotalSeconds;

        void Row(string name, int callers, double[] ms, TimeSpan elapsed) =>
            md.AppendLine(inv, $"| {name} | {callers} | {Percentile(ms, 50):0.00} | {Percentile(ms, 95):0.00} | {Percentile(ms, 99):0.00} | {ms.Length / elapsed.TotalSeconds:0} |");
    }

    // Calls spread over callers, each taking the next index until all are made; every call's own time is kept.
    internal static async Task<(double[] Ms, TimeSpan Elapsed)> RunAsync(Func<Task> call, int calls, int callers)
    {
        var ms = new double[calls];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                var start = Stopwatch.GetTimestamp();
                await call();
                ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        return (ms, clock.Elapsed);
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    // Nearest-rank, like the rest of the report.
    internal static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}
