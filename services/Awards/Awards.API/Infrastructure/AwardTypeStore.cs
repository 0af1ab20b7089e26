using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>An award type as the table holds it, with the description shown to officers.</summary>
public sealed record AwardTypeRow(string Code, string Name, string Level, string Description);

/// <summary>Hình thức khen thưởng: reference data an operator maintains in <c>award_types</c>; only active types are read.</summary>
public sealed class AwardTypeStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<AwardTypeRow>> ListActiveAsync()
    {
        await using var connection = await db.OpenConnectionAsync();
        return (await connection.QueryAsync<AwardTypeRow>(
            "SELECT code AS Code, name AS Name, level AS Level, description AS Description FROM award_types WHERE active ORDER BY code")).ToList();
    }

    /// <summary>The active types as eligibility needs them, on the caller's connection.</summary>
    internal static async Task<List<AwardType>> ListForEligibilityAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<AwardType>("SELECT code AS Code, name AS Name, level AS Level FROM award_types WHERE active")).ToList();
}
