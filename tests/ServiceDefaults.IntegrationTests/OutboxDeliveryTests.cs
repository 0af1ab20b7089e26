using Dapper;
using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

/// <summary>
/// The outbox's promises, against real PostgreSQL and RabbitMQ: an event committed with its state change
/// reaches the consumer exactly once in effect, whatever fails in between. "Once" is proved by counting
/// the consumer's effect rows (must be 1) next to the broker's deliveries (may be more).
/// </summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private RabbitVirtualHost vhost = null!;
    private NpgsqlDataSource db = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("outbox");
        vhost = await RabbitVirtualHost.CreateAsync("outbox");
        db = database.CreateDataSource();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await vhost.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_event_committed_while_the_broker_is_unreachable_is_delivered_once_it_is_back()
    {
        await using var proxy = new TcpProxy(TestInfrastructure.RabbitPort); // not started: the broker is "down"
        using var host = await StandInService.StartAsync(database.ConnectionString, vhost.UriFor(proxy.Port), waitForBus: false);

        var evt = await StandInService.RecordAsync(db, "ghi nhận khi máy chủ tin nhắn ngừng");
        await StandInService.Eventually<int?>(async () =>
            (await StandInService.OutboxRowAsync(db, evt.EventId)) is { Attempts: > 0, SentAt: null } row ? row.Attempts : null,
            "a failed publish attempt while the broker is unreachable", 30);
        Assert.Equal(0, await StandInService.EffectsAsync(db, evt.EventId));

        proxy.Start();
        await StandInService.WaitForEffectAsync(db, evt.EventId, "the event to be consumed after the broker came back", 90);
        // The relay records the send once the broker's confirm is back, which can come after the consumer already applied it.
        await StandInService.Eventually<DateTime?>(async () => (await StandInService.OutboxRowAsync(db, evt.EventId)).SentAt,
            "the outbox row marked sent", 30);
        // Once sent, the relay publishes it no more: every copy that reached the broker (a publish whose confirm was lost
        // included) is in the consumer's queue or was consumed. Stopping the host finishes the consumptions under way and
        // hands prefetched copies back to the queue; the queue's ready count (read live, not from the management API's
        // sampled statistics) then shows any copy not consumed, and the effect must still be one.
        await host.StopAsync();
        Assert.Equal(0u, await ReadyAsync(new KebabCaseEndpointNameFormatter(StandInService.Name, false).Consumer<EffectConsumer>()));
        Assert.Equal(1, await StandInService.EffectsAsync(db, evt.EventId));
        Assert.Equal(1, await StandInService.InboxRowsAsync(db, evt.EventId));
    }

    /// <summary>Messages ready in a queue of this test's virtual host, as the broker counts them now (a passive declare).</summary>
    private async Task<uint> ReadyAsync(string queue)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(vhost.Uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    [Fact]
    public async Task Events_no_queue_is_bound_for_wait_in_backoff_without_holding_back_the_events_behind_them()
    {
        using var host = await StandInService.StartAsync(database.ConnectionString, vhost.Uri);
        var unroutable = Enumerable.Range(0, 20).Select(_ => new NobodyListens(Guid.CreateVersion7(), DateTimeOffset.UtcNow)).ToList();
        await using (var connection = await db.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var evt in unroutable)
            {
                await new Outbox().EnqueueAsync(evt, tx);
            }

            await tx.CommitAsync();
        }

        var behind = await StandInService.RecordAsync(db, "ghi nhận sau các sự kiện không ai nhận");
        // Were each returned message to stop the batch, the relay would reach this one only after 20 polls (40 s).
        await StandInService.WaitForEffectAsync(db, behind.EventId, "the event queued behind the unroutable ones", 15);
        foreach (var evt in unroutable)
        {
            var row = await StandInService.OutboxRowAsync(db, evt.EventId);
            Assert.Null(row.SentAt);
            Assert.True(row.Attempts >= 1);
        }

        await host.StopAsync();
    }

    [Fact]
    public async Task An_event_committed_by_a_process_that_died_before_publishing_is_delivered_by_the_next_one()
    {
        // The schema and the consumers' queues exist (as after any earlier start of the service); the process that
        // wrote the row died right after its commit, so no relay of its own ever saw it. The queues are declared first
        // because with several consumers a publish is accepted as soon as one queue is bound: were the next process to
        // publish while binding its queues, a queue bound a moment later would miss the event (a first-start race of the
        // test's making, not the crash this test is about).
        using (var earlier = await StandInService.StartAsync(database.ConnectionString, vhost.Uri))
        {
            await earlier.StopAsync();
        }

        var evt = await StandInService.RecordAsync(db, "ghi nhận trước khi tiến trình dừng đột ngột");
        Assert.Null((await StandInService.OutboxRowAsync(db, evt.EventId)).SentAt);

        using var next = await StandInService.StartAsync(database.ConnectionString, vhost.Uri);
        await StandInService.WaitForEffectAsync(db, evt.EventId, "the next process to publish the leftover row");
        Assert.NotNull((await StandInService.OutboxRowAsync(db, evt.EventId)).SentAt);
        await next.StopAsync();
    }

    [Fact]
    public async Task A_crash_after_publishing_but_before_marking_sent_republishes_and_the_inbox_drops_the_duplicate()
    {
        using var host = await StandInService.StartAsync(database.ConnectionString, vhost.Uri,
            x => x.AddPublishObserver<KillRelayTransactionOnce>());
        KillRelayTransactionOnce.ConnectionString = database.ConnectionString;

        var evt = await StandInService.RecordAsync(db, "sự kiện bị gửi lại sau sự cố");
        await StandInService.Eventually<int?>(() => Task.FromResult<int?>(DeliveryCounter.Deliveries.GetValueOrDefault(evt.EventId) >= 2 ? 2 : null),
            "the broker to deliver the re-published event a second time");
        await StandInService.Eventually<int?>(async () => (await StandInService.OutboxRowAsync(db, evt.EventId)).SentAt is null ? null : 1,
            "the row to be marked sent after the re-publish");

        Assert.True(KillRelayTransactionOnce.Killed, "the relay's transaction was cut after the publish");
        Assert.Equal(1, await StandInService.EffectsAsync(db, evt.EventId));
        Assert.Equal(1, await StandInService.InboxRowsAsync(db, evt.EventId));
        Assert.Equal(0, await vhost.QueueDepthAsync(new KebabCaseEndpointNameFormatter(StandInService.Name, false).Consumer<EffectConsumer>() + "_error"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_delivered_twice_to_a_consumer_has_one_effect()
    {
        using var host = await StandInService.StartAsync(database.ConnectionString, vhost.Uri);
        var bus = host.Services.GetRequiredService<IBus>();
        var evt = new SampleRecorded(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "một sự kiện, hai lần giao");

        // Mandatory, so a publish made before the consumers' queues are bound fails and is retried instead of vanishing.
        await StandInService.Eventually<bool?>(async () => { await bus.Publish(evt, ctx => ctx.Mandatory = true); return true; }, "a first publish", 30);
        await bus.Publish(evt, ctx => ctx.Mandatory = true);
        await StandInService.Eventually<int?>(() => Task.FromResult<int?>(DeliveryCounter.Deliveries.GetValueOrDefault(evt.EventId) >= 2 ? 2 : null),
            "two deliveries of the same event");
        // The consumer under test has handled the second copy too: its inbox row counts both deliveries.
        await StandInService.Eventually<int?>(async () => await StandInService.InboxDeliveriesAsync(db, evt.EventId) is 2 ? 2 : null,
            "the redelivery recognized on the inbox row", 30);

        Assert.Equal(1, await StandInService.EffectsAsync(db, evt.EventId));
        Assert.Equal(1, await StandInService.InboxRowsAsync(db, evt.EventId));
        Assert.Equal(0, await vhost.QueueDepthAsync(new KebabCaseEndpointNameFormatter(StandInService.Name, false).Consumer<EffectConsumer>() + "_error"));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_consumer_continues_the_trace_of_the_request_that_committed_the_event()
    {
        using var host = await StandInService.StartAsync(database.ConnectionString, vhost.Uri);
        string requestTrace;
        SampleRecorded evt;
        using (var request = StandInService.StartRequestActivity())
        {
            requestTrace = request.TraceId.ToString();
            evt = await StandInService.RecordAsync(db, "cùng một vết theo dõi");
        }

        await StandInService.WaitForEffectAsync(db, evt.EventId, "the consumer to handle the event");
        var consumerTrace = await StandInService.Eventually(async () =>
        {
            await using var c = await db.OpenConnectionAsync();
            return await c.QuerySingleOrDefaultAsync<string>("SELECT trace_id FROM effects WHERE event_id = @EventId", new { evt.EventId });
        }, "the consumer to record its trace id");
        Assert.Equal(requestTrace, consumerTrace);
        await host.StopAsync();
    }

    /// <summary>Cuts the relay's database transaction right after the broker confirmed the publish: a crash at the worst moment.</summary>
    public sealed class KillRelayTransactionOnce : IPublishObserver
    {
        public static string ConnectionString { get; set; } = string.Empty;

        public static bool Killed { get; private set; }

        public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public async Task PostPublish<T>(PublishContext<T> context) where T : class
        {
            if (Killed || context.Message is not SampleRecorded)
            {
                return;
            }

            await using var c = new NpgsqlConnection(ConnectionString);
            await c.OpenAsync();
            var killed = await c.ExecuteScalarAsync<int>(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'
                """);
            Killed = killed > 0;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
