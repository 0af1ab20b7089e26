using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.Hierarchy;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>What a load did: units closed, units opened, lineage rows recorded; or why nothing was loaded.</summary>
public sealed record AdminUnitLoadResult(int Retired, int Opened, int Lineage, IReadOnlyList<string> Errors);

/// <summary>
/// Nạp thay đổi địa giới (loads a merger or split, the write side of <see cref="AdminUnitStore"/>): in one transaction,
/// reads the structure in force the day before the change, has <see cref="HierarchyChange"/> check and plan it, and
/// closes the retired units (valid_to = effective), opens the new ones and records the lineage. Nothing is deleted, and
/// running the same files again leaves the same state (the units retired by the first run are still those in force the
/// day before). Refused: nothing written.
/// </summary>
public sealed class AdminUnitLoader(ServiceDatabase db)
{
    public async Task<AdminUnitLoadResult> LoadAsync(DateOnly effective, IReadOnlyList<NewUnit> units, IReadOnlyList<LineageLink> lineage, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var connection = session.Connection;
        // One load at a time: two operators loading overlapping changes would each plan against a structure the other changes.
        await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE admin_units, admin_unit_lineage IN SHARE ROW EXCLUSIVE MODE", transaction: session.Tx, cancellationToken: ct));
        var before = (await connection.QueryAsync<UnitInForce>(new CommandDefinition(
            """
            SELECT level AS Level, code AS Code, name AS Name, parent_code AS ParentCode, valid_from AS ValidFrom FROM admin_units
            WHERE valid_from <= @dayBefore AND (valid_to IS NULL OR @dayBefore < valid_to)
            """, new { dayBefore = effective.AddDays(-1) }, session.Tx, cancellationToken: ct))).ToList();
        var (plan, errors) = HierarchyChange.Plan(effective, units, lineage, before);
        if (plan is null)
        {
            await session.RollbackAsync(ct);
            return new AdminUnitLoadResult(0, 0, 0, errors);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE admin_units u SET valid_to = @Effective
            FROM unnest(@Codes::text[], @Levels::text[], @From::date[]) AS r(code, level, valid_from)
            WHERE u.code = r.code AND u.level = r.level AND u.valid_from = r.valid_from
            """, new
            {
                plan.Effective,
                Codes = plan.Retire.Select(u => u.Code).ToArray(),
                Levels = plan.Retire.Select(u => u.Level).ToArray(),
                From = plan.Retire.Select(u => u.ValidFrom).ToArray(),
            }, session.Tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO admin_units (code, level, name, unit_type, parent_code, valid_from, valid_to)
            SELECT c, l, n, t, p, @Effective, NULL FROM unnest(@Codes::text[], @Levels::text[], @Names::text[], @Types::text[], @Parents::text[]) AS r(c, l, n, t, p)
            ON CONFLICT (code, level, valid_from) DO UPDATE SET name = EXCLUDED.name, unit_type = EXCLUDED.unit_type, parent_code = EXCLUDED.parent_code
            """, new
            {
                plan.Effective,
                Codes = plan.Open.Select(u => u.Code).ToArray(),
                Levels = plan.Open.Select(u => u.Level).ToArray(),
                Names = plan.Open.Select(u => u.Name).ToArray(),
                Types = plan.Open.Select(u => u.UnitType).ToArray(),
                Parents = plan.Open.Select(u => u.ParentCode).ToArray(),
            }, session.Tx, cancellationToken: ct));
        // A rerun may choose the same primary again only: clear the old unit's flags first, so that the one-primary index holds.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM admin_unit_lineage WHERE effective_on = @Effective AND (old_code, level) IN (SELECT * FROM unnest(@Old::text[], @Levels::text[]));
            INSERT INTO admin_unit_lineage (old_code, level, new_code, effective_on, resolution, primary_successor)
            SELECT o, l, n, @Effective, r, p FROM unnest(@Old::text[], @Levels::text[], @New::text[], @Resolutions::text[], @Primary::boolean[]) AS x(o, l, n, r, p)
            """, new
            {
                plan.Effective,
                Old = plan.Lineage.Select(l => l.OldCode).ToArray(),
                Levels = plan.Lineage.Select(l => l.Level).ToArray(),
                New = plan.Lineage.Select(l => l.NewCode).ToArray(),
                Resolutions = plan.Lineage.Select(l => l.Resolution).ToArray(),
                Primary = plan.Lineage.Select(l => l.PrimarySuccessor).ToArray(),
            }, session.Tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("REFRESH MATERIALIZED VIEW admin_unit_rollup_2025", transaction: session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return new AdminUnitLoadResult(plan.Retire.Count, plan.Open.Count, plan.Lineage.Count, []);
    }
}
