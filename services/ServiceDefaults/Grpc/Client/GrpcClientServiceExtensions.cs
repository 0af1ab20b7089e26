using DoanKetSangTao.ServiceDefaults.Grpc.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>Options of a client registered with <c>AddGrpcClient</c>.</summary>
public sealed class GrpcClientFactoryOptions
{
    /// <summary>The server, e.g. <c>http://registration:5001</c> (http:// means h2c). Required.</summary>
    public Uri? Address { get; set; }

    public int? MaxReceiveMessageSize { get; set; } = Internal.GrpcProtocol.DefaultMaxReceiveMessageSize;

    public int? MaxSendMessageSize { get; set; }
}

/// <summary>Client registration, in the shape of Grpc.Net.ClientFactory's <c>AddGrpcClient</c>.</summary>
public static class GrpcClientServiceExtensions
{
    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, Action<GrpcClientFactoryOptions> configureClient)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(configureClient);
        return services.AddGrpcClient<TClient>(DefaultName<TClient>(), (_, options) => configureClient(options));
    }

    public static IHttpClientBuilder AddGrpcClient<TClient>(this IServiceCollection services, Action<IServiceProvider, GrpcClientFactoryOptions> configureClient)
        where TClient : class =>
        services.AddGrpcClient<TClient>(DefaultName<TClient>(), configureClient);

    /// <summary>
    /// Registers <typeparamref name="TClient"/> (a generated client) as a transient typed client of
    /// IHttpClientFactory named <paramref name="name"/>; the returned builder adds handlers.
    /// </summary>
    public static IHttpClientBuilder AddGrpcClient<TClient>(
        this IServiceCollection services, string name, Action<IServiceProvider, GrpcClientFactoryOptions> configureClient)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configureClient);

        services.AddOptions<GrpcClientFactoryOptions>(name)
            .Configure<IServiceProvider>((options, provider) => configureClient(provider, options));

        var builder = services.AddHttpClient<TClient, TClient>(name, (httpClient, provider) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<GrpcClientFactoryOptions>>().Get(name);
            var address = options.Address
                ?? throw new InvalidOperationException($"No address is configured for the gRPC client '{name}'.");
            var invoker = new HttpClientCallInvoker(httpClient, address, options.MaxReceiveMessageSize ?? int.MaxValue, options.MaxSendMessageSize);
            return (TClient)ActivatorUtilities.CreateInstance(provider, typeof(TClient), invoker);
        });

        builder.ConfigurePrimaryHttpMessageHandler(GrpcChannel.CreateDefaultHandler);
        // The calling service's token, when the host has a service identity (every platform service does).
        builder.AddHttpMessageHandler(sp => new Security.ServiceTokenHandler(sp.GetService<Security.ServiceTokens>()));

        // Deadlines bound calls; HttpClient's 100 s default would cut long ones short.
        builder.ConfigureHttpClient(httpClient => httpClient.Timeout = Timeout.InfiniteTimeSpan);
        return builder;
    }

    private static string DefaultName<TClient>() => typeof(TClient).Name;
}
