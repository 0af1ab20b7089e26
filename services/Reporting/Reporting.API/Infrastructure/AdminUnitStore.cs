using Dapper;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>A unit over one period of validity (ValidTo exclusive; null = in force today).</summary>
public sealed record AdminUnitRow(string Code, string Level, string Name, string? UnitType, string? ParentCode, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>A predecessor of a unit: whether its figures come here (primary successor) and every unit it went into.</summary>
public sealed record PredecessorRow(string Code, string Level, string Name, DateOnly ValidFrom, DateOnly EffectiveOn, string? Resolution, bool Primary, string SuccessorCodes)
{
    // Read as one comma-joined text: Dapper does not map a text[] column onto a constructor parameter.
    public string[] Successors => SuccessorCodes.Split(',');
}

/// <summary>A successor of a unit: where it went, and whether its figures go there.</summary>
public sealed record SuccessorRow(string Code, string Level, string Name, DateOnly EffectiveOn, string? Resolution, bool Primary);

/// <summary>
/// Địa giới hành chính theo thời gian (the effective-dated hierarchy, read side): the units in force on a day, a unit's
/// children on a day, its predecessors and successors, and where a figure filed under a unit rolls into today.
/// A code names a unit only with a date (codes are reused across structures).
/// </summary>
public sealed class AdminUnitStore(ServiceDatabase db)
{
    private const string Columns = "code AS Code, level AS Level, name AS Name, unit_type AS UnitType, parent_code AS ParentCode, valid_from AS ValidFrom, valid_to AS ValidTo";
    private const string InForce = "valid_from <= @on AND (valid_to IS NULL OR @on < valid_to)";

    /// <summary>The units of a level in force on a day, in code order; only the children of <paramref name="parentCode"/> when given.</summary>
    public Task<IReadOnlyList<AdminUnitRow>> InForceAsync(DateOnly on, string level, string? parentCode, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<AdminUnitRow>>(null, async (connection, _) => (await connection.QueryAsync<AdminUnitRow>(new CommandDefinition(
            $"SELECT {Columns} FROM admin_units WHERE level = @level AND {InForce} AND (@parentCode::text IS NULL OR parent_code = @parentCode) ORDER BY code",
            new { on, level, parentCode }, cancellationToken: ct))).ToList(), ct);

    /// <summary>The unit of this level and code in force on a day.</summary>
    public Task<AdminUnitRow?> FindAsync(string level, string code, DateOnly on, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<AdminUnitRow?>(new CommandDefinition(
            $"SELECT {Columns} FROM admin_units WHERE level = @level AND code = @code AND {InForce}", new { level, code, on }, cancellationToken: ct)), ct);

    /// <summary>The units in force on the day <paramref name="unit"/> began that went into it, with all the units each went into.</summary>
    public Task<IReadOnlyList<PredecessorRow>> PredecessorsAsync(AdminUnitRow unit, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<PredecessorRow>>(null, async (connection, _) => (await connection.QueryAsync<PredecessorRow>(new CommandDefinition(
            """
            SELECT o.code AS Code, o.level AS Level, o.name AS Name, o.valid_from AS ValidFrom, l.effective_on AS EffectiveOn, l.resolution AS Resolution, l.primary_successor AS "Primary",
                   (SELECT string_agg(s.new_code, ',' ORDER BY s.new_code) FROM admin_unit_lineage s
                    WHERE s.old_code = l.old_code AND s.level = l.level AND s.effective_on = l.effective_on) AS SuccessorCodes
            FROM admin_unit_lineage l
            JOIN admin_units o ON o.code = l.old_code AND o.level = l.level AND o.valid_to = l.effective_on
            WHERE l.new_code = @Code AND l.level = @Level AND l.effective_on = @ValidFrom
            ORDER BY o.code
            """, new { unit.Code, unit.Level, unit.ValidFrom }, cancellationToken: ct))).ToList(), ct);

    /// <summary>The units <paramref name="unit"/> went into when it was retired (none while it is in force).</summary>
    public Task<IReadOnlyList<SuccessorRow>> SuccessorsAsync(AdminUnitRow unit, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<SuccessorRow>>(null, async (connection, _) => (await connection.QueryAsync<SuccessorRow>(new CommandDefinition(
            """
            SELECT n.code AS Code, n.level AS Level, n.name AS Name, l.effective_on AS EffectiveOn, l.resolution AS Resolution, l.primary_successor AS "Primary"
            FROM admin_unit_lineage l
            JOIN admin_units n ON n.code = l.new_code AND n.level = l.level AND n.valid_from = l.effective_on
            WHERE l.old_code = @Code AND l.level = @Level AND l.effective_on = @ValidTo
            ORDER BY n.code
            """, new { unit.Code, unit.Level, unit.ValidTo }, cancellationToken: ct))).ToList(), ct);

    /// <summary>The names of units of a level by code, on a day (for naming a predecessor's other successors).</summary>
    public Task<IReadOnlyDictionary<string, string>> NamesAsync(string level, IReadOnlyCollection<string> codes, DateOnly on, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyDictionary<string, string>>(null, async (connection, _) => (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            $"SELECT code AS Code, name AS Name FROM admin_units WHERE level = @level AND code = ANY(@codes) AND {InForce}",
            new { level, codes = codes.ToArray(), on }, cancellationToken: ct))).ToDictionary(r => r.Code, r => r.Name), ct);

    /// <summary>
    /// Quy số liệu về xã hiện hành: the commune in force today that a figure filed under <paramref name="communeCode"/> on
    /// <paramref name="filedOn"/> rolls into, following primary successors (docs/reporting.md). A code unknown to the
    /// structure of that day but known to today's is today's (a record filed with a current code before the reform took
    /// force). Null for a code no structure has held.
    /// </summary>
    public Task<string?> AttributeCommuneAsync(string communeCode, DateOnly filedOn, CancellationToken ct = default) =>
        AttributeAsync("commune", communeCode, filedOn, ct);

    /// <summary>As <see cref="AttributeCommuneAsync"/>, for a province or a commune.</summary>
    public Task<string?> AttributeAsync(string level, string code, DateOnly filedOn, CancellationToken ct = default) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            """
            SELECT new_code FROM admin_unit_rollup_2025
            WHERE level = @level AND old_code = @code
            ORDER BY (valid_from <= @filedOn AND (valid_to IS NULL OR @filedOn < valid_to)) DESC, (valid_to IS NULL) DESC, valid_from DESC
            LIMIT 1
            """, new { level, code, filedOn }, cancellationToken: ct)), ct);
}
