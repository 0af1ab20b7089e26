using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Notification.API.Infrastructure;

namespace DoanKetSangTao.Notification.API.Workers;

/// <summary>Runs one <see cref="ClaimedQueueWorker{TItem}"/> per channel's <see cref="DeliverySender"/>, started and stopped together.</summary>
public sealed class DeliveryWorkers(IServiceProvider services) : IHostedService
{
    private readonly List<ClaimedQueueWorker<DeliveryStore.DeliveryRow>> workers = services.GetRequiredService<List<DeliverySender>>()
        .Select(sender => ActivatorUtilities.CreateInstance<ClaimedQueueWorker<DeliveryStore.DeliveryRow>>(services, (IClaimedQueue<DeliveryStore.DeliveryRow>)sender))
        .ToList();

    public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(workers.Select(w => w.StartAsync(cancellationToken)));

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(workers.Select(w => w.StopAsync(cancellationToken)));
}
