using System.Collections.Concurrent;
using System.Net;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

/// <summary>
/// The cache of a service's client-credentials tokens, against a token endpoint on a real Kestrel host that answers as
/// the identity service does (form post, JSON with access_token and expires_in) and counts what it was asked. The
/// identity service itself issues them in Grpc.InteropTests' ServiceCallerTests.
/// </summary>
public sealed class ServiceTokensTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> requests = new();
    private WebApplication endpoint = null!;
    private Uri tokenEndpoint = null!;
    private int expiresIn = 3600;
    private TaskCompletionSource? hold;

    public async Task InitializeAsync()
    {
        var port = TestInfrastructure.FreeTcpPort();
        tokenEndpoint = new Uri($"http://127.0.0.1:{port}/connect/token");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        endpoint = builder.Build();
        endpoint.MapPost("/connect/token", async (HttpRequest request) =>
        {
            var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
            requests.Enqueue(form);
            if (hold is { } wait)
            {
                await wait.Task;
            }

            return form["client_secret"] == "bi-mat-dung"
                ? Results.Json(new Dictionary<string, object> { ["access_token"] = $"token-{requests.Count}-{form["scope"]}", ["token_type"] = "Bearer", ["expires_in"] = expiresIn })
                : Results.Json(new Dictionary<string, object> { ["error"] = "invalid_client", ["error_description"] = "Sai khóa bí mật." }, statusCode: 400);
        });
        await endpoint.StartAsync();
    }

    public async Task DisposeAsync() => await endpoint.DisposeAsync();

    private ServiceTokens Tokens(TimeProvider clock, string secret = "bi-mat-dung")
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddServiceTokens(_ => new ServiceClientCredentials("svc-appraisal", secret, tokenEndpoint));
        return services.BuildServiceProvider().GetRequiredService<ServiceTokens>();
    }

    [Fact]
    public async Task A_token_is_asked_once_per_scope_set_with_the_services_client_and_reused_while_valid()
    {
        var tokens = Tokens(new Clock(DateTimeOffset.UtcNow));

        var first = await tokens.GetAsync(["registration.lookups"]);
        var again = await tokens.GetAsync(["registration.lookups"]);
        var other = await tokens.GetAsync(["identity.accounts", "registration.lookups"]);
        var sameSet = await tokens.GetAsync(["registration.lookups", "identity.accounts", "registration.lookups"]);

        Assert.Equal(first, again);
        Assert.Equal(other, sameSet);
        Assert.NotEqual(first, other);
        Assert.Equal(2, requests.Count);
        var asked = requests.First();
        Assert.Equal(("client_credentials", "svc-appraisal", "bi-mat-dung", "registration.lookups"),
            (asked["grant_type"], asked["client_id"], asked["client_secret"], asked["scope"]));
        Assert.Equal("identity.accounts registration.lookups", requests.Last()["scope"]);
    }

    [Fact]
    public async Task A_token_is_renewed_shortly_before_it_expires_and_after_a_server_refused_it()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var tokens = Tokens(clock);
        var first = await tokens.GetAsync(["registration.lookups"]);

        clock.Now += TimeSpan.FromHours(1) - ServiceTokens.RenewBefore - TimeSpan.FromSeconds(1);
        Assert.Equal(first, await tokens.GetAsync(["registration.lookups"]));
        clock.Now += TimeSpan.FromSeconds(2);
        var renewed = await tokens.GetAsync(["registration.lookups"]);
        Assert.NotEqual(first, renewed);

        tokens.Invalidate(["registration.lookups"], first); // an old token: the current one stays
        Assert.Equal(renewed, await tokens.GetAsync(["registration.lookups"]));
        tokens.Invalidate(["registration.lookups"], renewed);
        Assert.NotEqual(renewed, await tokens.GetAsync(["registration.lookups"]));
        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task Callers_at_once_wait_for_one_request()
    {
        var tokens = Tokens(new Clock(DateTimeOffset.UtcNow));
        hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 8).Select(_ => tokens.GetAsync(["registration.lookups"]).AsTask()).ToList();
        await TestInfrastructure.EventuallyAsync(() => Task.FromResult(requests.IsEmpty ? null : (bool?)true), TimeSpan.FromSeconds(10), "the first token request");

        hold.SetResult();
        var issued = await Task.WhenAll(callers);

        Assert.Single(issued.Distinct());
        Assert.Single(requests);
    }

    [Fact]
    public async Task A_refused_client_is_an_http_error_that_says_who_asked_and_why()
    {
        var tokens = Tokens(TimeProvider.System, secret: "bi-mat-sai");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () => await tokens.GetAsync(["registration.lookups"]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("svc-appraisal", refused.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
