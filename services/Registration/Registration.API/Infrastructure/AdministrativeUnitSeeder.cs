using System.Globalization;
using System.Text;
using Dapper;
using DoanKetSangTao.Data;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>
/// Loads the shipped list of provinces and communes (Data/admin-units-2025.csv, embedded under its old resource name). Idempotent: names are
/// updated, new units added, and listed units no longer in the list are retired rather than deleted. Units an
/// operator added, retired or merged by hand keep what the operator did.
/// </summary>
public sealed class AdministrativeUnitSeeder : IDatabaseSeeder
{
    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var (provinces, communes) = Read();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        const string upsert = """
            INSERT INTO administrative_units (code, name, level, unit_type, parent_code)
            SELECT c, n, l, t, p
            FROM unnest(@Codes::text[], @Names::text[], @Levels::text[], @Types::text[], @Parents::text[]) AS u(c, n, l, t, p)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, unit_type = EXCLUDED.unit_type, parent_code = EXCLUDED.parent_code
            """;
        foreach (var batch in new[] { provinces, communes })
        {
            await connection.ExecuteAsync(new CommandDefinition(upsert, new
            {
                Codes = batch.Select(u => u.Code).ToArray(),
                Names = batch.Select(u => u.Name).ToArray(),
                Levels = batch.Select(u => u.Level).ToArray(),
                Types = batch.Select(u => u.Type).ToArray(),
                Parents = batch.Select(u => u.Parent).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE administrative_units SET retired_at = now(), retired_reason = 'Không còn trong danh mục' WHERE retired_at IS NULL AND source = 'list' AND NOT (code = ANY(@Codes))",
            new { Codes = provinces.Concat(communes).Select(u => u.Code).ToArray() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    internal static (List<Unit> Provinces, List<Unit> Communes) Read()
    {
        using var stream = typeof(AdministrativeUnitSeeder).Assembly.GetManifestResourceStream("DoanKetSangTao.Registration.API.Data.admin-units-2025.csv")
            ?? throw new InvalidOperationException("The administrative-unit list is not embedded in the service.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = reader.ReadLine();
        if (header != "province_code,province_name,commune_code,commune_name,type")
        {
            throw new InvalidDataException($"Unexpected header in admin-units-2025.csv: {header}");
        }

        var provinces = new Dictionary<string, Unit>(StringComparer.Ordinal);
        var communes = new List<Unit>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            // No field in this file contains a comma or quotes; a line that does not split in five is an error.
            var f = line.Split(',');
            if (f.Length != 5)
            {
                throw new InvalidDataException($"Malformed line in admin-units-2025.csv: {line}");
            }

            provinces.TryAdd(f[0], new Unit(f[0], Nfc(f[1]), "province", f[1].StartsWith("Thành phố", StringComparison.Ordinal) ? "Thành phố" : "Tỉnh", null));
            communes.Add(new Unit(f[2], Nfc(f[3]), "commune", Nfc(f[4]), f[0]));
        }

        return (provinces.Values.OrderBy(p => p.Code, StringComparer.Ordinal).ToList(), communes);
    }

    private static string Nfc(string s) => s.Normalize(NormalizationForm.FormC);

    internal sealed record Unit(string Code, string Name, string Level, string Type, string? Parent);
}
