using System.Reflection;
using DoanKetSangTao.Data.Queues;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using DoanKetSangTao.ServiceDefaults.Telemetry;

namespace DoanKetSangTao.Messaging;

public sealed class MessagingOptions
{
    /// <summary>Quorum queues need a clustered broker; on in the cluster, off for the single local node.</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>Immediate retries before a message goes to its <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;

    public int PrefetchCount { get; set; } = 16;
}

public static class MessagingExtensions
{
    public const string ConnectionName = "RabbitMq";

    /// <summary>
    /// MassTransit on RabbitMQ with the project's conventions: queues named <c>{service}-{consumer}</c> in
    /// kebab case, bounded exponential retries then the <c>_error</c> queue, quorum queues when configured,
    /// trace context carried in message headers; plus the outbox writer and its relay.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Assembly contractsAssembly,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var options = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var broker = RabbitMqAddress.Parse(builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured."));

        builder.Services.AddMassTransit(x =>
        {
            // MassTransit 8.4+ reports usage to its vendor at start-up unless told not to. A government system makes
            // no outbound call its operators did not configure (tests/EndToEnd.Tests/OutboundConnectionTests).
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configureConsumers?.Invoke(x);
            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.PrefetchCount = options.PrefetchCount;
                    if (options.QuorumQueues)
                    {
                        rabbit.SetQuorumQueue();
                    }
                }
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
                {
                    h.Username(broker.UserName);
                    h.Password(broker.Password);
                    h.PublisherConfirmation = true;
                });
                cfg.ConnectConsumeObserver(new ConsumeMetrics(context.GetService<TimeProvider>() ?? TimeProvider.System));
                cfg.ConfigureEndpoints(context);
            });
        });

        // Do not block start-up on the broker: the outbox keeps events until it is reachable.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection("Outbox"));
        builder.Services.AddSingleton(new MessageTypeRegistry([contractsAssembly]));
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<ServiceDatabase>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddClaimedQueue<OutboxRelay, OutboxRelay.OutboxRow>();
        return builder;
    }
}

/// <summary>An <c>amqp://user:password@host:port/vhost</c> address, split into what MassTransit's host configurator takes.</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string UserName, string Password)
{
    public static RabbitMqAddress Parse(string uri)
    {
        var u = new Uri(uri);
        if (u.Scheme is not ("amqp" or "rabbitmq"))
        {
            throw new InvalidOperationException("ConnectionStrings:RabbitMq must be an amqp:// URI.");
        }

        var user = u.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(u.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            u.Host,
            (ushort)(u.IsDefaultPort || u.Port <= 0 ? 5672 : u.Port),
            vhost.Length == 0 ? "/" : vhost,
            Uri.UnescapeDataString(user[0] is { Length: > 0 } n ? n : "guest"),
            user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "guest");
    }

    public Uri ToUri() => new UriBuilder("amqp", Host, Port, Uri.EscapeDataString(VirtualHost))
    {
        UserName = Uri.EscapeDataString(UserName),
        Password = Uri.EscapeDataString(Password),
    }.Uri;
}
