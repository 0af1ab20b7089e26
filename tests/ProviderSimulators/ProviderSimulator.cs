using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DoanKetSangTao.ProviderSimulators;

/// <summary>
/// Máy chủ giả lập nhà cung cấp: eSMS.vn and Zalo ZNS on one address, at their documented paths, plus <c>/_sim/…</c> for
/// whoever drives them (tests, the demo). As a process: <c>dotnet ProviderSimulators.dll --urls http://127.0.0.1:PORT</c>;
/// in-process: <see cref="StartAsync"/>.
/// </summary>
public static class ProviderSimulator
{
    public static async Task Main(string[] args)
    {
        var app = Build(WebApplication.CreateSlimBuilder(args));
        await app.RunAsync();
    }

    /// <summary>
    /// Starts the simulators on loopback, on <paramref name="port"/> (0: a free one), with optional settings
    /// (<c>Esms:ApiKey</c>, <c>Esms:SecretKey</c>, <c>Zalo:AccessToken</c>: the only credentials accepted when set;
    /// <c>Zalo:AcceptAnyTemplate</c>). Dispose the answer to stop them.
    /// </summary>
    public static async Task<RunningSimulators> StartAsync(int port = 0, IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // In a test process the host's files and variables are another application's (its appsettings.json, its Kestrel
        // endpoints): the simulators take only what they are given here.
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var app = Build(builder);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSimulators(app, new Uri(address.TrimEnd('/') + "/"));
    }

    private static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimulatorState>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        var app = builder.Build();
        app.MapEsms();
        app.MapZaloZns();
        app.MapZaloOAuth();
        app.MapSimulatorControl();
        return app;
    }
}

/// <summary>The simulators started in-process; <see cref="BaseAddress"/> ends with a slash.</summary>
public sealed class RunningSimulators(WebApplication app, Uri baseAddress) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
