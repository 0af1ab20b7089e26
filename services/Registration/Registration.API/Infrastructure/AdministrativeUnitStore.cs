using DoanKetSangTao.Messaging;
using Dapper;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>An administrative unit as the catalog holds it: retired and merged units are kept, with where they went.</summary>
public sealed class AdministrativeUnit
{
    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Level { get; init; } = string.Empty;

    public string UnitType { get; init; } = string.Empty;

    public string? ParentCode { get; init; }

    public DateTime? RetiredAt { get; init; }

    public string? MergedIntoCode { get; init; }

    public string? RetiredReason { get; init; }
}

/// <summary>
/// Danh mục đơn vị hành chính: provinces and communes as data (the shipped list, <see cref="AdministrativeUnitSeeder"/>,
/// and the units operators add), retired and merged without losing history.
/// </summary>
public sealed class AdministrativeUnitStore(ServiceDatabase db)
{
    private const string UnitColumns = """
        code AS Code, name AS Name, level AS Level, unit_type AS UnitType, parent_code AS ParentCode, retired_at AS RetiredAt,
        merged_into_code AS MergedIntoCode, retired_reason AS RetiredReason
        """;

    /// <summary>Provinces (no <paramref name="provinceCode"/>) or the communes of one province; retired units only when asked for.</summary>
    public Task<List<AdministrativeUnit>> ListAsync(string? provinceCode, bool includeRetired, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => (await connection.QueryAsync<AdministrativeUnit>(new CommandDefinition(
            $"""
            SELECT {UnitColumns} FROM administrative_units
            WHERE (@includeRetired OR retired_at IS NULL)
              AND (CASE WHEN @provinceCode::text IS NULL THEN level = 'province' ELSE parent_code = @provinceCode END)
            ORDER BY code
            """, new { provinceCode, includeRetired }, cancellationToken: ct))).ToList(), ct);

    public Task<AdministrativeUnit?> FindAsync(string code, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<AdministrativeUnit>(new CommandDefinition(
            $"SELECT {UnitColumns} FROM administrative_units WHERE code = @code", new { code }, transaction, cancellationToken: ct)), ct);

    /// <summary>The unit, locked until the transaction ends (a retirement waits for another on the same unit).</summary>
    public Task<AdministrativeUnit?> LockAsync(DatabaseSession tx, string code, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<AdministrativeUnit>(new CommandDefinition(
            $"SELECT {UnitColumns} FROM administrative_units WHERE code = @code FOR UPDATE", new { code }, tx.Transaction, cancellationToken: ct));

    /// <summary>Whether <paramref name="code"/> is a province in force.</summary>
    public Task<bool> IsCurrentProvinceAsync(string? code, CancellationToken ct) =>
        db.ReadAsync(null, async (connection, _) => await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM administrative_units WHERE code = @code AND level = 'province' AND retired_at IS NULL", new { code },
            cancellationToken: ct)) > 0, ct);

    /// <summary>The province of a commune in force; null when <paramref name="communeCode"/> is not one.</summary>
    public Task<string?> ProvinceOfCommuneAsync(string communeCode, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT parent_code FROM administrative_units WHERE code = @communeCode AND level = 'commune' AND retired_at IS NULL", new { communeCode },
            transaction, cancellationToken: ct)), ct);

    /// <summary>The level of a unit in force; null when there is none with that code.</summary>
    public Task<string?> CurrentLevelAsync(DatabaseSession tx, string code, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT level FROM administrative_units WHERE code = @code AND retired_at IS NULL", new { code }, tx.Transaction, cancellationToken: ct));

    /// <summary>A commune and the communes it has since been merged into, nearest first (whose Front committee takes a resident's filings).</summary>
    public Task<List<string>> CommuneAndMergedIntoAsync(string commune, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, async (connection, transaction) => (await connection.QueryAsync<string>(new CommandDefinition(
            """
            WITH RECURSIVE up(code) AS (
                SELECT @commune::text
                UNION SELECT a.merged_into_code FROM administrative_units a JOIN up ON a.code = up.code WHERE a.merged_into_code IS NOT NULL)
            SELECT code FROM up
            """, new { commune }, transaction, cancellationToken: ct))).ToList(), ct);

    /// <summary>Thêm đơn vị: false when the code is taken (by a unit in force or one retired).</summary>
    public async Task<bool> CreateAsync(string code, string name, string level, string unitType, string? parentCode, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            INSERT INTO administrative_units (code, name, level, unit_type, parent_code, source)
            VALUES (@code, @name, @level, @unitType, @parentCode, 'operator') ON CONFLICT (code) DO NOTHING
            """, new { code, name, level, unitType, parentCode }, ct) > 0;

    /// <summary>Giải thể / sáp nhập: the unit is retired, optionally into another.</summary>
    public Task RetireAsync(DatabaseSession tx, string code, string? mergedIntoCode, string reason, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE administrative_units SET retired_at = now(), merged_into_code = @mergedIntoCode, retired_reason = @reason WHERE code = @code",
            new { code, mergedIntoCode, reason }, tx.Transaction, cancellationToken: ct));
}
