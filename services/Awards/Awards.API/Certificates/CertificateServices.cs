using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Data;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>The certificate machinery's services, and its operator command.</summary>
public static class CertificateServices
{
    public static IHostApplicationBuilder AddCertificates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IssuerKeyRing>();
        builder.Services.AddSingleton<CertificateLog>();
        return builder;
    }

    /// <summary>
    /// <c>rotate-certificate-keys [BODY_KEY]</c>: retires the current sealing key of every issuing body (or of one) and
    /// makes its successor. Run with the service's binary and settings, beside the running service; certificates sealed
    /// before keep verifying, since retired keys stay in the trust list.
    /// </summary>
    public static async Task<bool> TryRunCertificateCommandAsync(this WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != "rotate-certificate-keys")
        {
            return false;
        }

        if (args.Length > 2)
        {
            Console.Error.WriteLine("usage: rotate-certificate-keys [BODY_KEY]");
            Environment.ExitCode = 2;
            return true;
        }

        await DatabaseExtensions.MigrateAsync(app.Services, CancellationToken.None);
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var made = await IssuerKeyRing.RotateAsync(connection, transaction, args.ElementAtOrDefault(1), CancellationToken.None);
        await transaction.CommitAsync();
        foreach (var (body, kid) in made)
        {
            Console.WriteLine($"{body}: new sealing key {kid}; the previous one is retired and stays in the trust list.");
        }

        Console.WriteLine($"Rotated {made.Count} issuing body key(s).");
        return true;
    }
}
