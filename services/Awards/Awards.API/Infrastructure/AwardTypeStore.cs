using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>An award type as the table holds it.</summary>
public sealed record AwardTypeRow(
    string Code, string Name, string Level, string Description, bool ForIndividuals, bool ForCollectives, decimal? Amount, bool Active,
    DateTime? RetiredAt);

/// <summary>Hình thức khen thưởng: the catalogue in <c>award_types</c>, kept through the API; every change audited.</summary>
public sealed class AwardTypeStore(ServiceDatabase db)
{
    private const string Columns =
        """
        code AS Code, name AS Name, level AS Level, description AS Description, for_individuals AS ForIndividuals,
        for_collectives AS ForCollectives, amount AS Amount, active AS Active, retired_at AS RetiredAt
        """;

    public Task<IReadOnlyList<AwardTypeRow>> ListAsync(bool includeRetired, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<AwardTypeRow>>(null, async (connection, _) => (await connection.QueryAsync<AwardTypeRow>(new CommandDefinition(
            $"SELECT {Columns} FROM award_types WHERE active OR @includeRetired ORDER BY code", new { includeRetired }, cancellationToken: ct))).ToList(), ct);

    public Task<AwardTypeRow?> FindAsync(string code, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<AwardTypeRow>(new CommandDefinition(
            $"SELECT {Columns} FROM award_types WHERE code = @code", new { code }, cancellationToken: ct)), ct);

    /// <summary>The terms a decision or call needs, in the caller's session.</summary>
    public static async Task<AwardTypeTerms?> TermsAsync(DatabaseSession session, string code, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<AwardTypeTerms>(new CommandDefinition(
            """
            SELECT code AS Code, name AS Name, level AS Level, for_individuals AS ForIndividuals, for_collectives AS ForCollectives,
                   amount AS Amount, active AS Active
            FROM award_types WHERE code = @code
            """, new { code }, session.Transaction, cancellationToken: ct));

    /// <summary>The active types as eligibility needs them, on the caller's connection.</summary>
    internal static async Task<List<AwardType>> ListForEligibilityAsync(NpgsqlConnection connection) =>
        (await connection.QueryAsync<AwardType>("SELECT code AS Code, name AS Name, level AS Level FROM award_types WHERE active")).ToList();

    public async Task CreateAsync(AwardTypeDraft draft, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var inserted = await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO award_types (code, name, level, description, for_individuals, for_collectives, amount, updated_by)
            VALUES (@Code, @Name, @Level, @Description, @ForIndividuals, @ForCollectives, @Amount, @actor)
            ON CONFLICT (code) DO NOTHING
            """, new { draft.Code, draft.Name, draft.Level, draft.Description, draft.ForIndividuals, draft.ForCollectives, draft.Amount, actor },
            session.Tx, cancellationToken: ct));
        if (inserted == 0)
        {
            throw AwardTypeCatalogue.CodeTaken.ToException();
        }

        await AwardsAudit.RecordAsync(session, actor, "award_type.created", draft.Code, draft, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>Changes name, description, recipients and amount; the code and level stay (decisions already name them).</summary>
    public async Task UpdateAsync(AwardTypeDraft draft, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var updated = await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE award_types SET name = @Name, description = @Description, for_individuals = @ForIndividuals,
                   for_collectives = @ForCollectives, amount = @Amount, updated_at = now(), updated_by = @actor
            WHERE code = @Code AND level = @Level
            """, new { draft.Code, draft.Name, draft.Level, draft.Description, draft.ForIndividuals, draft.ForCollectives, draft.Amount, actor },
            session.Tx, cancellationToken: ct));
        if (updated == 0)
        {
            throw (await TermsAsync(session, draft.Code, ct) is null
                ? AwardTypeCatalogue.UnknownType
                : Refusal.Invalid("level", "Không đổi được cấp ban hành của một hình thức đã có; hãy tạo hình thức mới và ngừng áp dụng hình thức cũ.")).ToException();
        }

        await AwardsAudit.RecordAsync(session, actor, "award_type.updated", draft.Code, draft, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>Ngừng áp dụng: no new call or decision may name it; decisions that already do keep it.</summary>
    public async Task RetireAsync(string code, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var updated = await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE award_types SET active = false, retired_at = coalesce(retired_at, now()), updated_at = now(), updated_by = @actor WHERE code = @code",
            new { code, actor }, session.Tx, cancellationToken: ct));
        if (updated == 0)
        {
            throw AwardTypeCatalogue.UnknownType.ToException();
        }

        await AwardsAudit.RecordAsync(session, actor, "award_type.retired", code, null, ct);
        await session.CommitAsync(ct);
    }
}
