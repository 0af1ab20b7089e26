using Dapper;
using DoanKetSangTao.AdminUnits;
using DoanKetSangTao.Data;
using DoanKetSangTao.Reporting.API.Domain.Hierarchy;
using Npgsql;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>
/// Nạp địa giới hành chính (loads the shipped hierarchy): the pre-2025 provinces, districts and communes (in force
/// 2000-01-01 → 2025-07-01), the 2025 provinces and communes (from 2025-07-01), and the 2025 lineage of communes and
/// provinces with each old unit's primary successor (<see cref="PrimarySuccessor"/>). Idempotent: names, types and parents
/// are brought up to the shipped files, and a period an operator closed since (a later merger, loaded with
/// <c>admin-units load</c>) stays closed. The five đặc khu that came from island districts without communes get no lineage:
/// nothing can have been filed under those districts (figures are filed under communes), so nothing rolls into them.
/// </summary>
public sealed class AdminUnitSeeder : IDatabaseSeeder
{
    public static readonly DateOnly Start2024 = new(2000, 1, 1);

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var reform = AdministrativeUnitData.Reform2025;
        var old = AdministrativeUnitData.Units2024();
        var current = AdministrativeUnitData.Units2025();
        var units = new List<Row>();
        units.AddRange(old.DistinctBy(r => r.ProvinceCode).Select(r => new Row(r.ProvinceCode, "province", r.ProvinceName, AdministrativeUnitData.ProvinceType(r.ProvinceName), null, Start2024, reform)));
        units.AddRange(old.DistinctBy(r => r.DistrictCode).Select(r => new Row(r.DistrictCode, "district", r.DistrictName, TypeOf(r.DistrictName), r.ProvinceCode, Start2024, reform)));
        units.AddRange(old.Select(r => new Row(r.CommuneCode, "commune", r.CommuneName, TypeOf(r.CommuneName), r.DistrictCode, Start2024, reform)));
        units.AddRange(current.DistinctBy(r => r.ProvinceCode).Select(r => new Row(r.ProvinceCode, "province", r.ProvinceName, AdministrativeUnitData.ProvinceType(r.ProvinceName), null, reform, null)));
        units.AddRange(current.Select(r => new Row(r.CommuneCode, "commune", r.CommuneName, r.Type, r.ProvinceCode, reform, null)));

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // valid_to is not updated: the shipped files know nothing of a merger an operator has loaded since.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO admin_units (code, level, name, unit_type, parent_code, valid_from, valid_to)
            SELECT * FROM unnest(@Codes::text[], @Levels::text[], @Names::text[], @Types::text[], @Parents::text[], @From::date[], @To::date[])
            ON CONFLICT (code, level, valid_from) DO UPDATE SET name = EXCLUDED.name, unit_type = EXCLUDED.unit_type, parent_code = EXCLUDED.parent_code
            """, new
        {
            Codes = units.Select(u => u.Code).ToArray(),
            Levels = units.Select(u => u.Level).ToArray(),
            Names = units.Select(u => u.Name).ToArray(),
            Types = units.Select(u => u.Type).ToArray(),
            Parents = units.Select(u => u.Parent).ToArray(),
            From = units.Select(u => u.From).ToArray(),
            To = units.Select(u => u.To).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

        var lineage = Lineage();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO admin_unit_lineage (old_code, level, new_code, effective_on, resolution, primary_successor)
            SELECT o, l, n, @Reform, r, p FROM unnest(@Old::text[], @Levels::text[], @New::text[], @Resolutions::text[], @Primary::boolean[]) AS x(o, l, n, r, p)
            ON CONFLICT (old_code, level, new_code, effective_on) DO UPDATE SET resolution = EXCLUDED.resolution, primary_successor = EXCLUDED.primary_successor
            """, new
        {
            Reform = reform,
            Old = lineage.Select(l => l.OldCode).ToArray(),
            Levels = lineage.Select(l => l.Level).ToArray(),
            New = lineage.Select(l => l.NewCode).ToArray(),
            Resolutions = lineage.Select(l => l.Resolution).ToArray(),
            Primary = lineage.Select(l => l.PrimarySuccessor).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("REFRESH MATERIALIZED VIEW admin_unit_rollup_2025", transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The 2025 lineage of communes and provinces, each old unit's primary successor marked.</summary>
    public static IReadOnlyList<PlannedLineage> Lineage()
    {
        var communes = AdministrativeUnitData.CommuneLineage2025().GroupBy(l => l.OldCommuneCode).SelectMany(g =>
        {
            var (primary, _) = PrimarySuccessor.Choose(g.Key, g.First().OldCommuneName, g.Select(l => new SuccessorCandidate(l.NewCommuneCode, l.NewCommuneName)).ToList());
            return g.Select(l => new PlannedLineage("commune", l.OldCommuneCode, l.NewCommuneCode, l.Resolution, l.NewCommuneCode == primary));
        });
        // Each former province went into exactly one: its only successor is its primary one.
        var provinces = AdministrativeUnitData.ProvinceLineage2025().Select(l => new PlannedLineage("province", l.OldProvinceCode, l.NewProvinceCode, null, true));
        return communes.Concat(provinces).ToList();
    }

    /// <summary>The type a pre-2025 name starts with (Quận, Huyện, Thị xã, Thành phố; Phường, Xã, Thị trấn).</summary>
    private static string? TypeOf(string name) =>
        Types.FirstOrDefault(t => name.StartsWith(t + " ", StringComparison.Ordinal));

    private static readonly string[] Types = ["Thành phố", "Thị trấn", "Thị xã", "Phường", "Huyện", "Quận", "Xã"];

    private sealed record Row(string Code, string Level, string Name, string? Type, string? Parent, DateOnly From, DateOnly? To);
}
