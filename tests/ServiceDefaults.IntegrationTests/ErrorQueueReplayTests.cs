using DoanKetSangTao.Messaging;
using DoanKetSangTao.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests;

/// <summary>A message that keeps failing is parked in its _error queue, not lost, and the operator replays it once fixed.</summary>
public sealed class ErrorQueueReplayTests : IAsyncLifetime
{
    private PostgresDatabase database = null!;
    private RabbitVirtualHost vhost = null!;
    private NpgsqlDataSource db = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("replay");
        vhost = await RabbitVirtualHost.CreateAsync("replay");
        db = database.CreateDataSource();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await vhost.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_message_waits_in_the_error_queue_and_replaying_it_after_the_fix_applies_it_once()
    {
        FlakyConsumer.Broken = true;
        var queue = new KebabCaseEndpointNameFormatter(StandInService.Name, false).Consumer<FlakyConsumer>();
        using var host = await StandInService.StartAsync(database.ConnectionString, vhost.Uri);
        var bus = host.Services.GetRequiredService<IBus>();
        var evt = new ReportFiled(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "báo cáo 6 tháng");

        await StandInService.Eventually<bool?>(async () => { await bus.Publish(evt, ctx => ctx.Mandatory = true); return true; }, "the consumer's queue to be bound", 30);
        await StandInService.Eventually<long?>(async () => await vhost.QueueDepthAsync(queue + "_error") is 1 ? 1 : null, "the message to reach the _error queue");
        Assert.Equal(0, await StandInService.EffectsAsync(db, evt.EventId));

        FlakyConsumer.Broken = false;
        var moved = await ErrorQueueReplayer.ReplayAsync(RabbitMqAddress.Parse(vhost.Uri), queue, CancellationToken.None);

        Assert.Equal(1, moved);
        await StandInService.WaitForEffectAsync(db, evt.EventId, "the replayed message to be applied");
        // The management API refreshes queue statistics every few seconds.
        await StandInService.Eventually<bool?>(async () => await vhost.QueueDepthAsync(queue + "_error") is 0 ? true : null, "the _error queue to be empty");
        Assert.Equal(0, await ErrorQueueReplayer.ReplayAsync(RabbitMqAddress.Parse(vhost.Uri), queue, CancellationToken.None));
        await host.StopAsync();
    }
}
