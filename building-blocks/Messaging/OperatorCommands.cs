using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace DoanKetSangTao.Messaging;

/// <summary>
/// Commands an operator runs with the service's own binary and configuration instead of starting it:
/// <c>migrate</c> applies the schema and seed data and exits; <c>replay-errors QUEUE</c> moves a queue's
/// dead letters back to it once the cause is fixed.
/// </summary>
public static class OperatorCommands
{
    public static async Task<bool> TryRunOperatorCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0)
        {
            return false;
        }

        switch (args[0])
        {
            case "migrate":
                await DatabaseExtensions.MigrateAsync(app.Services, CancellationToken.None);
                Console.WriteLine("Migrations and seed data applied.");
                return true;
            case "replay-errors" when args.Length == 2:
                var broker = RabbitMqAddress.Parse(app.Configuration.GetConnectionString(MessagingExtensions.ConnectionName)
                    ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured."));
                var moved = await ErrorQueueReplayer.ReplayAsync(broker, args[1], CancellationToken.None);
                Console.WriteLine($"Moved {moved} message(s) from {args[1]}_error back to {args[1]}.");
                return true;
            case "migrate" or "replay-errors":
                Console.Error.WriteLine("usage: migrate | replay-errors QUEUE");
                Environment.ExitCode = 2;
                return true;
            default:
                return false;
        }
    }
}
