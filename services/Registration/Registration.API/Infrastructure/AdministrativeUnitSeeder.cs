using Dapper;
using DoanKetSangTao.AdminUnits;
using DoanKetSangTao.Data;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>
/// Loads the shipped list of provinces and communes (the 2025 list of building-blocks/AdministrativeUnits). Idempotent: names are
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
        var rows = AdministrativeUnitData.Units2025();
        var provinces = rows.DistinctBy(r => r.ProvinceCode)
            .Select(r => new Unit(r.ProvinceCode, r.ProvinceName, "province", AdministrativeUnitData.ProvinceType(r.ProvinceName), null))
            .OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var communes = rows.Select(r => new Unit(r.CommuneCode, r.CommuneName, "commune", r.Type, r.ProvinceCode)).ToList();
        return (provinces, communes);
    }

    internal sealed record Unit(string Code, string Name, string Level, string Type, string? Parent);
}
