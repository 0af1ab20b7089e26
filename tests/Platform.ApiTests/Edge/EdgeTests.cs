using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Tests.PlatformApiTests.Edge;

/// <summary>The gateway and the services at the edge, tried as a client (or an attacker) would, through the real gateway.</summary>
public sealed class EdgeTests(EdgePlatform platform) : IClassFixture<EdgePlatform>
{
    private static readonly ServiceDefinition Registration = LocalSystem.Services[0];

    [Fact]
    public async Task A_flood_with_forged_tokens_is_refused_per_address_while_a_signed_in_user_elsewhere_is_served()
    {
        var user = EdgePlatform.NewAddress();
        using var signedIn = platform.Client(user, await platform.TokenAsync(user));
        using var attacker = platform.Client(EdgePlatform.NewAddress(), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.Zm9yZ2Vk");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var flood = Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var answers = new List<HttpResponseMessage>();
            for (var i = 0; i < 40; i++)
            {
                answers.Add(await attacker.GetAsync("/api/v1/campaigns"));
            }

            return answers;
        }));
        var served = new List<HttpStatusCode>();
        // The user's own address has the same small bucket: a person's pace, well inside it, all through the flood.
        while (!flood.IsCompleted && served.Count < EdgePlatform.PerAddressBurst / 2)
        {
            using var response = await signedIn.GetAsync("/api/v1/campaigns");
            served.Add(response.StatusCode);
            await Task.WhenAny(flood, Task.Delay(100));
        }

        var floodAnswers = (await flood).SelectMany(a => a).ToList();
        var elapsed = clock.Elapsed;
        var refused = floodAnswers.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        // The bucket holds 30 and gains one a second: whatever got through beyond that was not limited.
        var allowed = EdgePlatform.PerAddressBurst + (int)Math.Ceiling(elapsed.TotalSeconds) + 1;
        Assert.True(floodAnswers.Count - refused.Count <= allowed, $"{floodAnswers.Count - refused.Count} of {floodAnswers.Count} got through in {elapsed.TotalSeconds:0.0} s; at most {allowed} may");
        Assert.All(floodAnswers, r => Assert.True(r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized, $"{(int)r.StatusCode}"));
        var first = refused[0];
        Assert.True(int.Parse(first.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) >= 1);
        await ProblemAssert.IsProblemAsync(first, HttpStatusCode.TooManyRequests, "too_many_requests");

        Assert.NotEmpty(served);
        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s));
        floodAnswers.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task The_token_endpoint_has_a_stricter_limit_per_address()
    {
        var address = EdgePlatform.NewAddress();
        for (var i = 0; i < EdgePlatform.TokenBurst; i++)
        {
            await platform.TokenAsync(address);
        }

        using var http = platform.Client(address);
        using var refused = await EdgePlatform.RequestTokenAsync(http);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "token_requests_too_many");
        // One token per ten minutes refills the bucket: the client is told to wait minutes, not to hammer.
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 60);

        // Other endpoints from that address, and the token endpoint from another one, still answer.
        using var discovery = await http.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.False(string.IsNullOrEmpty(await platform.TokenAsync(EdgePlatform.NewAddress())));
    }

    [Fact]
    public void Every_service_and_the_gateway_listen_on_loopback_only()
    {
        foreach (var service in LocalSystem.Services.Append(LocalSystem.Gateway))
        {
            var listening = ListeningSockets.Of(platform.System.ProcessId(service));
            Assert.True(listening.Count >= (service == LocalSystem.Gateway ? 1 : 2), $"{service.Name} listens on {string.Join(", ", listening)}");
            Assert.All(listening, endpoint => Assert.True(IPAddress.IsLoopback(endpoint.Address), $"{service.Name} listens on {endpoint}"));
        }
    }

    [Fact]
    public async Task Responses_carry_the_security_headers_and_no_server_header()
    {
        var address = EdgePlatform.NewAddress();
        using var http = platform.Client(address, await platform.TokenAsync(address));
        using var anonymous = platform.Client(address);
        using var proxied = await http.GetAsync("/api/v1/campaigns");
        using var problem = await http.GetAsync("/api/v1/campaigns/not-a-route/at-all");
        using var unauthenticated = await anonymous.GetAsync("/api/v1/campaigns");
        using var gatewayOwn = await anonymous.GetAsync("/.well-known/openid-configuration");
        using var direct = await new HttpClient().GetAsync($"http://127.0.0.1:{platform.System.HttpPort(Registration)}/health/live");

        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        foreach (var response in new[] { proxied, problem, unauthenticated, gatewayOwn, direct })
        {
            var what = $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode})";
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", what);
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", what);
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single().Contains("default-src 'none'", StringComparison.Ordinal), what);
            Assert.False(response.Headers.Contains("Server"), what);
        }

        // What a signed-in person reads, and every error, is kept by no cache.
        foreach (var response in new[] { proxied, problem, unauthenticated })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri}: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Errors_the_gateway_and_kestrel_produce_are_problem_details()
    {
        var address = EdgePlatform.NewAddress();
        using var http = platform.Client(address, await platform.TokenAsync(address));

        using (var response = await http.GetAsync("/api/v1/campaigns?q=" + new string('a', 9000)))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestUriTooLong, "url_too_long");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/campaigns"))
        {
            request.Headers.Add("X-Padding", new string('b', 40 * 1024));
            using var response = await http.SendAsync(request);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/campaigns"))
        {
            for (var i = 0; i < 150; i++)
            {
                request.Headers.Add($"X-Field-{i}", "x");
            }

            using var response = await http.SendAsync(request);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
        }

        using (var response = await http.GetAsync("/no/such/route"))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        }

        // The gateway's own endpoint, then a service's behind the proxy.
        using (var response = await http.PutAsJsonAsync("/openapi/v1.json", new { userName = "x" }))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        }

        using (var response = await http.DeleteAsync("/api/v1/campaigns"))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        }

        using (var response = await http.PostAsync("/api/v1/campaigns", new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new("application/json") } }))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        }

        using (var response = await http.PostAsync("/api/v1/campaigns", new StringContent("year=2030", Encoding.UTF8, "text/plain")))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        }

        using (var response = await platform.Client(address).GetAsync("/api/v1/campaigns"))
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        }
    }

    [Fact]
    public async Task While_a_service_is_down_the_gateway_answers_503_with_retry_after()
    {
        var address = EdgePlatform.NewAddress();
        using var http = platform.Client(address, await platform.TokenAsync(address));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/campaigns")).StatusCode);

        await platform.System.KillAsync(Registration);
        try
        {
            using var response = await http.GetAsync("/api/v1/campaigns");
            Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
            var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
            Assert.Contains("Idempotency-Key", body.Str("detail"), StringComparison.Ordinal);
        }
        finally
        {
            await platform.System.RestartAsync(Registration);
        }

        using var back = await http.GetAsync("/api/v1/campaigns");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task While_the_database_is_away_a_service_answers_503_with_retry_after()
    {
        var address = EdgePlatform.NewAddress();
        using var http = platform.Client(address, await platform.TokenAsync(address));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/campaigns")).StatusCode);

        platform.Database.Stop();
        try
        {
            // The first request may still find a pooled connection, cut by the proxy: both ways fail the same.
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.GetAsync("/api/v1/campaigns");
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) >= 1);
                var body = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "dependency_unavailable");
                Assert.Contains("Idempotency-Key", body.Str("detail"), StringComparison.Ordinal);
            }
        }
        finally
        {
            platform.Database.Start();
        }

        await DoanKetSangTao.Tests.Support.TestInfrastructure.EventuallyAsync(async () =>
        {
            using var response = await http.GetAsync("/api/v1/campaigns");
            return response.StatusCode == HttpStatusCode.OK ? "ok" : null;
        }, TimeSpan.FromSeconds(30), "registration answering again once the database is back");
    }
}
