using Dapper;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.Statistics;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

/// <summary>What an initiative event says about the initiative, as the facts keep it.</summary>
public sealed record FactChange(
    Guid InitiativeId, Guid CampaignId, string? Kind, string? ContentType, string? MovementArea, string? Field, string Status,
    Guid OrganizationId, Guid? MemberOrganizationId, string ProvinceCode, string CommuneCode, DateTimeOffset OccurredAt);

/// <summary>
/// Dữ kiện sáng kiến (initiative_facts) and the cube (initiative_stats) kept from events. Every change to a fact goes through
/// <see cref="ChangeAsync"/>: its contributions to the cube are taken out, the fact is changed and its derived dates recomputed
/// from the side tables (decisions, nominations, commendations, replications), and its contributions are put back. So the
/// cube always equals the facts summed by month, whatever order the events arrive in, and a redelivery changes nothing.
/// </summary>
public sealed class FactStore
{
    /// <summary>Writes a status event (registration's, or the registration itself) into the fact, then the derived dates.</summary>
    public Task ApplyStatusAsync(DatabaseSession session, FactChange change, CancellationToken ct)
    {
        var day = VietnamDay(change.OccurredAt);
        var structure = StatisticsStructure.StructureOf(day);
        return ChangeAsync(session, change.InitiativeId, () => session.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO initiative_facts AS f (initiative_id, campaign_id, kind, content_type, movement_area, field, status, organization_id,
                                               member_organization_id, province_code, commune_code, structure_from, status_at,
                                               registered_on, confirmed_on, dossier_on)
            VALUES (@InitiativeId, @CampaignId, @Kind, @ContentType, @MovementArea, @Field, @Status, @OrganizationId,
                    @MemberOrganizationId, @ProvinceCode, @CommuneCode, @structure, @at,
                    CASE WHEN @Status = 'registered' THEN @day END, CASE WHEN @Status = 'confirmed' THEN @day END,
                    CASE WHEN @Status = 'dossier_submitted' THEN @day END)
            ON CONFLICT (initiative_id) DO UPDATE SET
                {Latest("campaign_id")}, {Latest("kind")}, {Latest("content_type")}, {Latest("movement_area")}, {Latest("field")},
                {Latest("organization_id")}, {Latest("member_organization_id")}, {Latest("province_code")}, {Latest("commune_code")},
                status = CASE WHEN f.status_at IS NULL OR f.status_at <= EXCLUDED.status_at THEN EXCLUDED.status ELSE f.status END,
                status_at = greatest(f.status_at, EXCLUDED.status_at),
                -- The first day it reached each step counts, so a return and a second submission count once, on the first day.
                registered_on = least(f.registered_on, EXCLUDED.registered_on),
                structure_from = CASE WHEN EXCLUDED.registered_on < f.registered_on OR f.registered_on IS NULL
                                      THEN EXCLUDED.structure_from ELSE f.structure_from END,
                confirmed_on = least(f.confirmed_on, EXCLUDED.confirmed_on),
                dossier_on = least(f.dossier_on, EXCLUDED.dossier_on)
            """,
            new
            {
                change.InitiativeId, change.CampaignId, change.Kind, change.ContentType, change.MovementArea, change.Field, change.Status,
                change.OrganizationId, change.MemberOrganizationId, change.ProvinceCode, change.CommuneCode, structure = structure.ToDateTime(TimeOnly.MinValue),
                at = change.OccurredAt.UtcDateTime, day = day.ToDateTime(TimeOnly.MinValue),
            }, session.Tx, cancellationToken: ct)), ct);
    }

    /// <summary>Records a replication report (once per report) and recounts the initiative's replications.</summary>
    public Task ApplyReplicationAsync(DatabaseSession session, Guid replicationId, Guid initiativeId, string provinceCode, string communeCode, DateOnly since,
        CancellationToken ct) =>
        ChangeAsync(session, initiativeId, () => session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO replication_facts (replication_id, initiative_id, province_code, commune_code, since)
            VALUES (@replicationId, @initiativeId, @provinceCode, @communeCode, @since) ON CONFLICT DO NOTHING
            """, new { replicationId, initiativeId, provinceCode, communeCode, since = since.ToDateTime(TimeOnly.MinValue) }, session.Tx,
            cancellationToken: ct)), ct);

    /// <summary>Recomputes the derived dates of these initiatives after a side table (decisions, nominations, commendations) changed.</summary>
    public async Task RefreshAsync(DatabaseSession session, IEnumerable<Guid> initiativeIds, CancellationToken ct)
    {
        foreach (var id in initiativeIds.Distinct())
        {
            await ChangeAsync(session, id, () => Task.FromResult(0), ct);
        }
    }

    /// <summary>The initiatives commendation recipients were commended for (a revocation names only the recipient).</summary>
    public async Task<IReadOnlyList<Guid>> InitiativesOfRecipientAsync(DatabaseSession session, Guid recipientId, CancellationToken ct) =>
        (await session.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT initiative_id FROM commendation_facts WHERE recipient_id = @recipientId AND initiative_id IS NOT NULL",
            new { recipientId }, session.Tx, cancellationToken: ct))).ToList();

    /// <summary>Key of the transaction lock every cube write holds (any constant; this one reads "stats").</summary>
    private const long CubeLock = 0x7374617473;

    private static async Task ChangeAsync(DatabaseSession session, Guid initiativeId, Func<Task<int>> change, CancellationToken ct)
    {
        // One writer at a time: two events of one initiative applied at once would each take out the contributions they saw
        // and both put theirs in (counted twice), and two initiatives sharing cube rows could deadlock. Events are few per second.
        await session.Connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@CubeLock)", new { CubeLock }, session.Tx, cancellationToken: ct));
        await ContributeAsync(session, initiativeId, -1, ct);
        await change();
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE initiative_facts f SET
                recognized_commune_on = (SELECT decision_date FROM appraisal_outcomes o WHERE o.initiative_id = f.initiative_id AND o.council_level = 'commune' AND o.recognized),
                recognized_province_on = (SELECT decision_date FROM appraisal_outcomes o WHERE o.initiative_id = f.initiative_id AND o.council_level = 'province' AND o.recognized),
                recognized_central_on = (SELECT decision_date FROM appraisal_outcomes o WHERE o.initiative_id = f.initiative_id AND o.council_level = 'central' AND o.recognized),
                nominated_on = (SELECT min((n.nominated_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) FROM appraisal_nominations n WHERE n.initiative_id = f.initiative_id),
                commended_on = (SELECT min(c.decision_date) FROM commendation_facts c WHERE c.initiative_id = f.initiative_id AND NOT c.revoked),
                replications = (SELECT count(*) FROM replication_facts r WHERE r.initiative_id = f.initiative_id)
            WHERE f.initiative_id = @initiativeId
            """, new { initiativeId }, session.Tx, cancellationToken: ct));
        await ContributeAsync(session, initiativeId, 1, ct);
    }

    /// <summary>Adds (+1) or takes out (-1) the fact's contributions to the cube; rows that fall to zero are removed.</summary>
    private static async Task ContributeAsync(DatabaseSession session, Guid initiativeId, int sign, CancellationToken ct)
    {
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiative_stats AS s (campaign_id, measure, month, province_code, commune_code, structure_from, kind, content_type,
                                               movement_area, field, status, member_organization_id, n)
            SELECT campaign_id, measure, date_trunc('month', on_day)::date, province_code, commune_code, structure_from, kind, content_type,
                   movement_area, field, status, member_organization_id, @sign * count(*)
            FROM initiative_contributions WHERE initiative_id = @initiativeId
            GROUP BY campaign_id, measure, date_trunc('month', on_day)::date, province_code, commune_code, structure_from, kind, content_type,
                     movement_area, field, status, member_organization_id
            ON CONFLICT ON CONSTRAINT initiative_stats_key DO UPDATE SET n = s.n + EXCLUDED.n
            """, new { initiativeId, sign }, session.Tx, cancellationToken: ct));
        if (sign < 0)
        {
            // Only the rows this fact touched: its unit's, in the months it contributed to.
            await session.Connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM initiative_stats s USING initiative_facts f
                WHERE f.initiative_id = @initiativeId AND s.n = 0 AND s.province_code = f.province_code AND s.commune_code = f.commune_code
                  AND s.month IN (SELECT date_trunc('month', on_day)::date FROM initiative_contributions WHERE initiative_id = @initiativeId)
                """, new { initiativeId }, session.Tx, cancellationToken: ct));
        }
    }

    /// <summary>A dimension takes the newer event's value; an older event only fills what is still unknown.</summary>
    private static string Latest(string column) =>
        $"{column} = CASE WHEN f.status_at IS NULL OR f.status_at <= EXCLUDED.status_at THEN coalesce(EXCLUDED.{column}, f.{column}) ELSE coalesce(f.{column}, EXCLUDED.{column}) END";

    private static DateOnly VietnamDay(DateTimeOffset instant) => DateOnly.FromDateTime(VietnamTime.ToLocal(instant).DateTime);
}
