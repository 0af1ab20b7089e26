using System.Text.Json;
using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.ReviewConferences;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

public sealed record ConferenceRow(
    Guid Id, Guid CampaignId, string Kind, string Title, DateTime StartsAt, string Place, string HostName, string? HostProvince, string? HostCommune,
    string Participants, string Status, string? CancelReason, DateTime? ForwardedAt, DateTime CreatedAt)
{
    public IReadOnlyList<ConferenceParticipant> ParticipantList => JsonSerializer.Deserialize<List<ConferenceParticipant>>(Participants, ReviewConferenceStore.Json) ?? [];

    public DateTimeOffset StartsAtUtc => new(DateTime.SpecifyKind(StartsAt, DateTimeKind.Utc));
}

public sealed record InviteeRow(Guid OrganizationId, string OrganizationName, int Quota);

/// <summary>A conference as the host plans it, before it is stored.</summary>
public sealed record ConferencePlan(
    Guid CampaignId, string Kind, string Title, DateTimeOffset StartsAt, string Place, string HostName, string? HostProvince, string? HostCommune,
    IReadOnlyList<ConferenceParticipant> Participants);

/// <summary>
/// Kế hoạch hội nghị sơ kết, tổng kết: the plan and its invitees. Every change that concerns the invitees (the plan, new
/// invitees, a new date or place, a cancellation) writes its event to the outbox in the same transaction.
/// </summary>
public sealed class ReviewConferenceStore(ServiceDatabase db)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string Columns =
        """
        id AS Id, campaign_id AS CampaignId, kind AS Kind, title AS Title, starts_at AS StartsAt, place AS Place, host_name AS HostName,
        host_province AS HostProvince, host_commune AS HostCommune, participants::text AS Participants, status AS Status,
        cancel_reason AS CancelReason, forwarded_at AS ForwardedAt, created_at AS CreatedAt
        """;

    public async Task<Guid> CreateAsync(ConferencePlan plan, IReadOnlyList<InviteeRow> invitees, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var session = await db.BeginAsync(ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO review_conferences (id, campaign_id, kind, title, starts_at, place, host_name, host_province, host_commune, participants,
                                            status, created_by, created_at, updated_at)
            VALUES (@id, @CampaignId, @Kind, @Title, @StartsAt, @Place, @HostName, @HostProvince, @HostCommune, @participants::jsonb,
                    'planned', @actor, @now, @now)
            """, new
            {
                id, plan.CampaignId, plan.Kind, plan.Title, StartsAt = plan.StartsAt.UtcDateTime, plan.Place, plan.HostName, plan.HostProvince,
                plan.HostCommune, participants = JsonSerializer.Serialize(plan.Participants, Json), actor, now = now.UtcDateTime,
            }, session.Tx, cancellationToken: ct));
        await InsertInviteesAsync(session, id, invitees, ct);
        await session.PublishAsync(new ReviewConferenceInvited(Guid.NewGuid(), now, id, plan.CampaignId, plan.Kind, plan.Title, plan.StartsAt, plan.Place,
            plan.HostName, invitees.Select(i => new ConferenceInvitee(i.OrganizationId, i.OrganizationName)).ToList(), plan.Participants), ct);
        await session.CommitAsync(ct);
        return id;
    }

    /// <summary>The conferences the caller sees: those their Front committee hosts, and those their organization is invited to.</summary>
    public Task<IReadOnlyList<ConferenceRow>> ListAsync(bool front, string? province, string? commune, Guid? organizationId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ConferenceRow>>(null, async (c, _) => (await c.QueryAsync<ConferenceRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM review_conferences
            WHERE (@front AND host_province IS NOT DISTINCT FROM @province AND host_commune IS NOT DISTINCT FROM @commune)
               OR id IN (SELECT conference_id FROM conference_invitees WHERE organization_id = @organizationId)
            ORDER BY starts_at DESC LIMIT 500
            """, new { front, province, commune, organizationId }, cancellationToken: ct))).ToList(), ct);

    public Task<(ConferenceRow? Conference, IReadOnlyList<InviteeRow> Invitees)> LoadAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync<(ConferenceRow?, IReadOnlyList<InviteeRow>)>(null, async (c, _) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<ConferenceRow>(new CommandDefinition(
                $"SELECT {Columns} FROM review_conferences WHERE id = @id", new { id }, cancellationToken: ct));
            return row is null ? (null, []) : (row, await InviteesAsync(c, null, id, ct));
        }, ct);

    /// <summary>Dời lịch / đổi địa điểm: every invitee is told again.</summary>
    public async Task RescheduleAsync(Guid id, DateTimeOffset startsAt, string place, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await LockOpenAsync(session, id, ct);
        if (row.StartsAtUtc == startsAt && row.Place == place)
        {
            return; // nothing changed: nobody is told of a change that is none
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE review_conferences SET starts_at = @startsAt, place = @place, updated_at = @now WHERE id = @id",
            new { id, startsAt = startsAt.UtcDateTime, place, now = now.UtcDateTime }, session.Tx, cancellationToken: ct));
        await PublishChangeAsync(session, row with { StartsAt = startsAt.UtcDateTime, Place = place }, "rescheduled", null, now, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>Hủy hội nghị, with the reason every invitee is told.</summary>
    public async Task CancelAsync(Guid id, string reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await LockOpenAsync(session, id, ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE review_conferences SET status = 'cancelled', cancel_reason = @reason, updated_at = @now WHERE id = @id",
            new { id, reason, now = now.UtcDateTime }, session.Tx, cancellationToken: ct));
        await PublishChangeAsync(session, row, "cancelled", reason, now, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>Mời thêm đơn vị: only the new ones are sent an invitation (the conference's participants were already).</summary>
    public async Task InviteAsync(Guid id, IReadOnlyList<InviteeRow> invitees, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await LockOpenAsync(session, id, ct);
        var existing = await InviteesAsync(session.Connection, session.Tx, id, ct);
        if (invitees.Any(i => existing.Any(e => e.OrganizationId == i.OrganizationId)))
        {
            throw ConferenceRefusals.AlreadyInvited.ToException();
        }

        if (existing.Count + invitees.Count > ConferenceRules.MaxOrganizations)
        {
            throw Refusal.Invalid("organizations", $"Một hội nghị mời tối đa {ConferenceRules.MaxOrganizations} đơn vị.").ToException();
        }

        await InsertInviteesAsync(session, id, invitees, ct);
        await session.PublishAsync(new ReviewConferenceInvited(Guid.NewGuid(), now, id, row.CampaignId, row.Kind, row.Title, row.StartsAtUtc, row.Place,
            row.HostName, invitees.Select(i => new ConferenceInvitee(i.OrganizationId, i.OrganizationName)).ToList(), []), ct);
        await session.CommitAsync(ct);
    }

    /// <summary>Chỉ tiêu khen thưởng of one invitee; never below what it has already proposed, never after forwarding.</summary>
    public async Task SetQuotaAsync(Guid id, Guid organizationId, int quota, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await LockOpenAsync(session, id, ct);
        if (row.ForwardedAt is not null)
        {
            throw ConferenceRefusals.AlreadyForwarded.ToException();
        }

        var proposed = await session.Connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM conference_nominees n WHERE n.conference_id = i.conference_id AND n.organization_id = i.organization_id)::int
            FROM conference_invitees i WHERE i.conference_id = @id AND i.organization_id = @organizationId FOR UPDATE
            """, new { id, organizationId }, session.Tx, cancellationToken: ct)) ?? throw ConferenceRefusals.NotInvited.ToException();
        if (proposed > quota)
        {
            throw ConferenceRefusals.QuotaBelowProposed.ToException();
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE conference_invitees SET quota = @quota WHERE conference_id = @id AND organization_id = @organizationId",
            new { id, organizationId, quota }, session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
    }

    /// <summary>The conference row locked for a change; refused when it was cancelled.</summary>
    internal static async Task<ConferenceRow> LockOpenAsync(DatabaseSession session, Guid id, CancellationToken ct)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<ConferenceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM review_conferences WHERE id = @id FOR UPDATE", new { id }, session.Tx, cancellationToken: ct))
            ?? throw ConferenceRefusals.NotFound.ToException();
        return row.Status == "cancelled" ? throw ConferenceRefusals.Cancelled.ToException() : row;
    }

    internal static async Task<IReadOnlyList<InviteeRow>> InviteesAsync(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        (await c.QueryAsync<InviteeRow>(new CommandDefinition(
            """
            SELECT organization_id AS OrganizationId, organization_name AS OrganizationName, quota AS Quota
            FROM conference_invitees WHERE conference_id = @id ORDER BY organization_name, organization_id
            """, new { id }, tx, cancellationToken: ct))).ToList();

    private static Task InsertInviteesAsync(DatabaseSession session, Guid id, IReadOnlyList<InviteeRow> invitees, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO conference_invitees (conference_id, organization_id, organization_name, quota) VALUES (@id, @OrganizationId, @OrganizationName, @Quota)",
            invitees.Select(i => new { id, i.OrganizationId, i.OrganizationName, i.Quota }), session.Tx, cancellationToken: ct));

    private static async Task PublishChangeAsync(DatabaseSession session, ConferenceRow row, string change, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var invitees = await InviteesAsync(session.Connection, session.Tx, row.Id, ct);
        await session.PublishAsync(new ReviewConferenceChanged(Guid.NewGuid(), now, row.Id, change, row.Kind, row.Title, row.StartsAtUtc, row.Place,
            row.HostName, reason, invitees.Select(i => new ConferenceInvitee(i.OrganizationId, i.OrganizationName)).ToList(), row.ParticipantList), ct);
    }
}
