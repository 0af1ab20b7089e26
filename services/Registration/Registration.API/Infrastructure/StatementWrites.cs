using Dapper;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>A write of one statement that is a change of its own: a session from <see cref="ServiceDatabase.BeginAsync"/>, committed.</summary>
internal static class StatementWrites
{
    /// <summary>Runs <paramref name="sql"/> in a session of its own and commits it; the rows it touched (<see cref="ServiceDatabase.ReadAsync{T}"/> is for reads).</summary>
    public static async Task<int> ExecuteAsync(this ServiceDatabase db, string sql, object parameters, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var rows = await session.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return rows;
    }
}
