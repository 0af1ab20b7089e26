using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>An award type as the table holds it, with the description shown to officers.</summary>
public sealed record AwardTypeRow(string Code, string Name, string Level, string Description);

/// <summary>Hình thức khen thưởng: reference data an operator maintains in <c>award_types</c>; only active types are read.</summary>
public sealed class AwardTypeStore(ServiceDatabase db)
{
    public Task<IReadOnlyList<AwardTypeRow>> ListActiveAsync() =>
        db.ReadAsync<IReadOnlyList<AwardTypeRow>>(null, async (connection, _) => (await connection.QueryAsync<AwardTypeRow>(
            "SELECT code AS Code, name AS Name, level AS Level, description AS Description FROM award_types WHERE active ORDER BY code")).ToList(), default);

    /// <summary>The active types as eligibility needs them, on the caller's connection.</summary>
    internal static async Task<List<AwardType>> ListForEligibilityAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<AwardType>("SELECT code AS Code, name AS Name, level AS Level FROM award_types WHERE active")).ToList();
}
