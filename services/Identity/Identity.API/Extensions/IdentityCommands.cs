using DoanKetSangTao.Identity.API.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKetSangTao.Identity.API.Extensions;

/// <summary>
/// The identity service's own operator commands: <c>rotate-keys</c> adds a signing key (published an hour before it signs),
/// <c>schema-sql</c> prints the schema EF Core's model describes (how Migrations/0001 was written).
/// </summary>
public static class IdentityCommands
{
    public static async Task<bool> TryRunIdentityCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "schema-sql":
            {
                await using var scope = app.Services.CreateAsyncScope();
                Console.WriteLine(scope.ServiceProvider.GetRequiredService<IdentityDb>().Database.GenerateCreateScript());
                return true;
            }

            case "rotate-keys":
            {
                await Data.DatabaseExtensions.MigrateAsync(app.Services, CancellationToken.None);
                await using var scope = app.Services.CreateAsyncScope();
                var options = scope.ServiceProvider.GetRequiredService<IdentityServerOptions>();
                var key = await KeyRing.RotateAsync(scope.ServiceProvider.GetRequiredService<IdentityDb>(), TimeProvider.System.GetUtcNow(),
                    options.AccessTokenLifetime, CancellationToken.None);
                Console.WriteLine($"New signing key {key.Id:N}: published now, signs from {key.ActiveFrom:O}.");
                return true;
            }

            default:
                return false;
        }
    }
}
