using DoanKetSangTao.Data;
using DoanKetSangTao.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Messaging;

/// <summary>
/// Commands an operator runs with the service's own binary and configuration instead of starting it:
/// <c>migrate</c> applies the schema and seed data and exits; <c>replay-errors QUEUE</c> moves a queue's
/// dead letters back to it once the cause is fixed. A service adds its own by registering an <see cref="IOperatorCommand"/>.
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
                // A service's own command (e.g. reporting's admin-units): on the current schema, as migrate leaves it.
                if (app.Services.GetServices<IOperatorCommand>().FirstOrDefault(c => c.Name == args[0]) is not { } own)
                {
                    return false;
                }

                await DatabaseExtensions.MigrateAsync(app.Services, CancellationToken.None);
                Environment.ExitCode = await own.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
                return true;
        }
    }
}

/// <summary>
/// Lệnh vận hành riêng của một dịch vụ (a service's own operator command): registered in its DI, run by
/// <see cref="OperatorCommands.TryRunOperatorCommandAsync"/> when the first argument is <see cref="Name"/>, after migrations.
/// </summary>
public interface IOperatorCommand
{
    string Name { get; }

    /// <summary>Runs with the arguments after the name; the result is the process's exit code (0 = done).</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
