using RabbitMQ.Client;

namespace DoanKetSangTao.Messaging;

/// <summary>
/// Operator command: moves the messages that were in <c>{queue}_error</c> when it started back to
/// <c>{queue}</c>, each acknowledged only after the broker confirmed its re-publication, so a crash
/// mid-way loses nothing (at worst a message is in both queues; the consumer's inbox drops the duplicate).
/// </summary>
public static class ErrorQueueReplayer
{
    public static async Task<int> ReplayAsync(RabbitMqAddress broker, string queue, CancellationToken cancellationToken)
    {
        var errorQueue = queue + "_error";
        var factory = new ConnectionFactory { Uri = broker.ToUri(), ClientProvidedName = "dkst-replay-errors" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

        await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
        var waiting = (await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken)).MessageCount;
        var moved = 0;
        while (moved < waiting)
        {
            var result = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
            if (result is null)
            {
                break;
            }

            var properties = new BasicProperties(result.BasicProperties);
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, result.Body, cancellationToken);
            await channel.BasicAckAsync(result.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }
}
