using System.Text.Json;
using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>An edition as stored.</summary>
public sealed record EditionRow(int Year, DateOnly NominationDue, int Entries, string State, int TieSeats, string CreatedBy,
    DateTime CreatedAt, DateTime? PublishedAt)
{
    public EditionTerms Terms => new(Year, NominationDue, Entries);
}

/// <summary>A central recognition (commendation candidate at level 'central') as a nomination copies it.</summary>
public sealed record CentralRecognition(Guid InitiativeId, string? Title, string ProvinceCode, string CommuneCode, string DecisionNumber, DateOnly DecisionDate);

/// <summary>A nomination as the handler makes it.</summary>
public sealed record NewNomination(Guid Id, int Year, CentralRecognition Work, string Reason, string NominatorId, string? NominatorName,
    string NominatorRole, string NominatorScope, Guid? NominatorOrg, DateTimeOffset At);

/// <summary>A nomination as stored, with its votes and outcome once counted.</summary>
public sealed record NominationRow(Guid Id, Guid InitiativeId, string? Title, string ProvinceCode, string CommuneCode, string DecisionNumber,
    DateOnly DecisionDate, string Reason, string NominatorId, string? NominatorName, string NominatorRole, string NominatorScope,
    Guid? NominatorOrg, DateTime NominatedAt, int? Votes, string? Outcome);

/// <summary>An audit entry as stored (details as JSON text).</summary>
public sealed record GoldenBookAuditRow(long Id, string Action, string ActorId, string? ActorName, DateTime At, string Details);

/// <summary>
/// Sách vàng's tables (<c>golden_book_*</c>, migration 0005). Every change runs in the caller's session after it locked
/// the edition's row (<see cref="LockEditionAsync"/>), so that a nomination, a ballot and a state change never interleave.
/// </summary>
public static class GoldenBookStore
{
    private const string EditionColumns =
        "year AS Year, nomination_due AS NominationDue, entries AS Entries, state AS State, tie_seats AS TieSeats, created_by AS CreatedBy, " +
        "created_at AS CreatedAt, published_at AS PublishedAt";

    private const string NominationColumns =
        "id AS Id, initiative_id AS InitiativeId, title AS Title, province_code AS ProvinceCode, commune_code AS CommuneCode, " +
        "decision_number AS DecisionNumber, decision_date AS DecisionDate, reason AS Reason, nominator_id AS NominatorId, " +
        "nominator_name AS NominatorName, nominator_role AS NominatorRole, nominator_scope AS NominatorScope, nominator_org AS NominatorOrg, " +
        "nominated_at AS NominatedAt, votes AS Votes, outcome AS Outcome";

    /// <summary>False when the year already has an edition.</summary>
    public static async Task<bool> CreateEditionAsync(DatabaseSession db, EditionTerms terms, string actorId, DateTimeOffset now, CancellationToken ct) =>
        await db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO golden_book_editions (year, nomination_due, entries, created_by, created_at)
            VALUES (@Year, @NominationDue, @Entries, @actorId, @at) ON CONFLICT (year) DO NOTHING
            """, new { terms.Year, terms.NominationDue, terms.Entries, actorId, at = now.UtcDateTime }, db.Tx, cancellationToken: ct)) == 1;

    public static Task<EditionRow?> LoadEditionAsync(DatabaseSession db, int year, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<EditionRow>(new CommandDefinition(
            $"SELECT {EditionColumns} FROM golden_book_editions WHERE year = @year", new { year }, db.Transaction, cancellationToken: ct));

    /// <summary>The edition, locked until the session ends: the one serialization point of every change to it.</summary>
    public static Task<EditionRow?> LockEditionAsync(DatabaseSession db, int year, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<EditionRow>(new CommandDefinition(
            $"SELECT {EditionColumns} FROM golden_book_editions WHERE year = @year FOR UPDATE", new { year }, db.Tx, cancellationToken: ct));

    public static Task AmendEditionAsync(DatabaseSession db, EditionTerms terms, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE golden_book_editions SET nomination_due = @NominationDue, entries = @Entries WHERE year = @Year",
            terms, db.Tx, cancellationToken: ct));

    public static Task SetStateAsync(DatabaseSession db, int year, string state, int tieSeats, DateTimeOffset? publishedAt, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE golden_book_editions SET state = @state, tie_seats = @tieSeats, published_at = @publishedAt WHERE year = @year",
            new { year, state, tieSeats, publishedAt = publishedAt?.UtcDateTime }, db.Tx, cancellationToken: ct));

    /// <summary>The initiative's recognition by a central council, if it has one (the nationally recognized works).</summary>
    public static Task<CentralRecognition?> FindCentralRecognitionAsync(DatabaseSession db, Guid initiativeId, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<CentralRecognition>(new CommandDefinition(
            """
            SELECT initiative_id AS InitiativeId, title AS Title, province_code AS ProvinceCode, commune_code AS CommuneCode,
                   decision_number AS DecisionNumber, decision_date AS DecisionDate
            FROM commendation_candidates WHERE initiative_id = @initiativeId AND level = 'central'
            """, new { initiativeId }, db.Transaction, cancellationToken: ct));

    /// <summary>False when the initiative is already nominated for the year.</summary>
    public static async Task<bool> AddNominationAsync(DatabaseSession db, NewNomination n, CancellationToken ct) =>
        await db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO golden_book_nominations (id, year, initiative_id, title, province_code, commune_code, decision_number, decision_date, reason,
                                                 nominator_id, nominator_name, nominator_role, nominator_scope, nominator_org, nominated_at)
            VALUES (@Id, @Year, @InitiativeId, @Title, @ProvinceCode, @CommuneCode, @DecisionNumber, @DecisionDate, @Reason,
                    @NominatorId, @NominatorName, @NominatorRole, @NominatorScope, @NominatorOrg, @At)
            ON CONFLICT (year, initiative_id) DO NOTHING
            """,
            new
            {
                n.Id, n.Year, n.Work.InitiativeId, n.Work.Title, n.Work.ProvinceCode, n.Work.CommuneCode, n.Work.DecisionNumber, n.Work.DecisionDate,
                n.Reason, n.NominatorId, n.NominatorName, n.NominatorRole, n.NominatorScope, n.NominatorOrg, At = n.At.UtcDateTime,
            }, db.Tx, cancellationToken: ct)) == 1;

    /// <summary>The edition's nominations (of one province when given), by votes once counted, else in the order they came.</summary>
    public static async Task<List<NominationRow>> ListNominationsAsync(DatabaseSession db, int year, string? provinceCode, CancellationToken ct) =>
        (await db.Connection.QueryAsync<NominationRow>(new CommandDefinition(
            $"""
            SELECT {NominationColumns} FROM golden_book_nominations
            WHERE year = @year AND (@provinceCode::text IS NULL OR province_code = @provinceCode)
            ORDER BY votes DESC NULLS LAST, nominated_at, id
            """, new { year, provinceCode }, db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>The selected nominations: the entries of the book, by votes, equal votes in the order they were nominated.</summary>
    public static async Task<List<NominationRow>> ListEntriesAsync(DatabaseSession db, int year, CancellationToken ct) =>
        (await db.Connection.QueryAsync<NominationRow>(new CommandDefinition(
            $"SELECT {NominationColumns} FROM golden_book_nominations WHERE year = @year AND outcome = 'selected' ORDER BY votes DESC, nominated_at, id",
            new { year }, db.Transaction, cancellationToken: ct))).AsList();

    public static async Task<HashSet<Guid>> NominationIdsAsync(DatabaseSession db, int year, string? outcome, CancellationToken ct) =>
        (await db.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM golden_book_nominations WHERE year = @year AND (@outcome::text IS NULL OR outcome = @outcome)",
            new { year, outcome }, db.Transaction, cancellationToken: ct))).ToHashSet();

    public static Task AddVotersAsync(DatabaseSession db, int year, IReadOnlyList<string> voterIds, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO golden_book_voters (year, account_id) SELECT @year, unnest(@voterIds)",
            new { year, voterIds = voterIds.ToArray() }, db.Tx, cancellationToken: ct));

    public static async Task<bool> IsVoterAsync(DatabaseSession db, int year, string accountId, CancellationToken ct) =>
        await db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM golden_book_voters WHERE year = @year AND account_id = @accountId)",
            new { year, accountId }, db.Transaction, cancellationToken: ct));

    /// <summary>False when the voter has already cast a ballot (nothing is then written).</summary>
    public static async Task<bool> CastBallotAsync(DatabaseSession db, int year, string voterId, IReadOnlyList<Guid> choices, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO golden_book_ballots (year, voter_id, cast_at) VALUES (@year, @voterId, @at) ON CONFLICT DO NOTHING",
                new { year, voterId, at = now.UtcDateTime }, db.Tx, cancellationToken: ct)) == 0)
        {
            return false;
        }

        await db.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO golden_book_ballot_choices (year, voter_id, nomination_id) SELECT @year, @voterId, unnest(@choices)",
            new { year, voterId, choices = choices.ToArray() }, db.Tx, cancellationToken: ct));
        return true;
    }

    /// <summary>How many voters were named and how many of them have cast a ballot.</summary>
    public static Task<(int Voters, int Cast)> CountBallotsAsync(DatabaseSession db, int year, CancellationToken ct) =>
        db.Connection.QuerySingleAsync<(int, int)>(new CommandDefinition(
            """
            SELECT (SELECT count(*)::int FROM golden_book_voters WHERE year = @year),
                   (SELECT count(*)::int FROM golden_book_ballots WHERE year = @year)
            """, new { year }, db.Transaction, cancellationToken: ct));

    /// <summary>Every nomination's votes (0 for none), with its place in nomination order.</summary>
    public static async Task<List<Tally>> TallyAsync(DatabaseSession db, int year, CancellationToken ct) =>
        (await db.Connection.QueryAsync<(Guid, long, long)>(new CommandDefinition(
            """
            SELECT n.id, (SELECT count(*) FROM golden_book_ballot_choices c WHERE c.nomination_id = n.id),
                   row_number() OVER (ORDER BY n.nominated_at, n.id)
            FROM golden_book_nominations n WHERE n.year = @year
            """, new { year }, db.Tx, cancellationToken: ct))).Select(t => new Tally(t.Item1, (int)t.Item2, t.Item3)).ToList();

    public static async Task RecordCountAsync(DatabaseSession db, IReadOnlyList<RankedNomination> ranking, CancellationToken ct)
    {
        foreach (var r in ranking)
        {
            await db.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE golden_book_nominations SET votes = @Votes, outcome = @Outcome WHERE id = @NominationId", r, db.Tx, cancellationToken: ct));
        }
    }

    /// <summary>The officer's choice among the tied: the chosen become selected, the other tied ones not.</summary>
    public static Task ResolveTieAsync(DatabaseSession db, int year, IReadOnlyList<Guid> chosen, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE golden_book_nominations SET outcome = CASE WHEN id = ANY(@chosen) THEN 'selected' ELSE 'not_selected' END
            WHERE year = @year AND outcome = 'tied'
            """, new { year, chosen = chosen.ToArray() }, db.Tx, cancellationToken: ct));

    /// <summary>Appends to the edition's audit trail, in the transaction of the act it records.</summary>
    public static Task AuditAsync(DatabaseSession db, int year, string action, string actorId, string? actorName, object details, DateTimeOffset now,
        CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO golden_book_audit (year, action, actor_id, actor_name, at, details) VALUES (@year, @action, @actorId, @actorName, @at, @details::jsonb)",
            new { year, action, actorId, actorName, at = now.UtcDateTime, details = JsonSerializer.Serialize(details, JsonSerializerOptions.Web) },
            db.Tx, cancellationToken: ct));

    public static async Task<List<GoldenBookAuditRow>> ListAuditAsync(DatabaseSession db, int year, CancellationToken ct) =>
        (await db.Connection.QueryAsync<GoldenBookAuditRow>(new CommandDefinition(
            "SELECT id AS Id, action AS Action, actor_id AS ActorId, actor_name AS ActorName, at AS At, details::text AS Details FROM golden_book_audit WHERE year = @year ORDER BY id",
            new { year }, db.Transaction, cancellationToken: ct))).AsList();
}
