using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Reporting.API.Domain.ReviewConferences;

namespace DoanKetSangTao.Reporting.API.Infrastructure;

public sealed record ContributionRow(
    Guid Id, Guid ConferenceId, Guid OrganizationId, string OrganizationName, string Topic, int PageLimit, DateOnly DueOn, DateTime? SubmittedAt, DateTime CreatedAt);

public sealed record ContributionFileRow(Guid Id, Guid ContributionId, string FileName, string MediaType, long Size, string Sha256, string StorageKey, DateTime UploadedAt);

public sealed record ExhibitRow(Guid Id, Guid OrganizationId, string OrganizationName, string Name, string? Description, int Quantity, DateTime CreatedAt);

public sealed record NomineeRow(
    Guid Id, Guid OrganizationId, string OrganizationName, string Kind, string FullName, string? Position, string? UnitName, string Achievement,
    string ProvinceCode, string? CommuneCode, DateTime CreatedAt);

/// <summary>
/// What the invited organizations bring to a conference: contributions (tham luận) the host assigns and the organization
/// sends files for, exhibits (hiện vật trưng bày), and commendation proposals within the host's quota, forwarded once to
/// awards. Lists take an organization to show one invitee only its own parts (null: the host, everything).
/// </summary>
public sealed class ReviewConferencePartsStore(ServiceDatabase db)
{
    private const string ContributionColumns =
        """
        c.id AS Id, c.conference_id AS ConferenceId, c.organization_id AS OrganizationId, i.organization_name AS OrganizationName, c.topic AS Topic,
        c.page_limit AS PageLimit, c.due_on AS DueOn, c.submitted_at AS SubmittedAt, c.created_at AS CreatedAt
        FROM conference_contributions c JOIN conference_invitees i ON i.conference_id = c.conference_id AND i.organization_id = c.organization_id
        """;

    public async Task<Guid> AssignAsync(Guid conferenceId, Guid organizationId, string topic, int pageLimit, DateOnly dueOn, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var session = await db.BeginAsync(ct);
        await ReviewConferenceStore.LockOpenAsync(session, conferenceId, ct);
        await LockInviteeAsync(session, conferenceId, organizationId, ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conference_contributions (id, conference_id, organization_id, topic, page_limit, due_on, created_at)
            VALUES (@id, @conferenceId, @organizationId, @topic, @pageLimit, @dueOn, @now)
            """, new { id, conferenceId, organizationId, topic, pageLimit, dueOn, now = now.UtcDateTime }, session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return id;
    }

    public Task<IReadOnlyList<ContributionRow>> ContributionsAsync(Guid conferenceId, Guid? organizationId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ContributionRow>>(null, async (c, _) => (await c.QueryAsync<ContributionRow>(new CommandDefinition(
            $"""
            SELECT {ContributionColumns}
            WHERE c.conference_id = @conferenceId AND (@organizationId::uuid IS NULL OR c.organization_id = @organizationId)
            ORDER BY i.organization_name, c.created_at
            """, new { conferenceId, organizationId }, cancellationToken: ct))).ToList(), ct);

    public Task<IReadOnlyList<ContributionFileRow>> FilesAsync(Guid conferenceId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ContributionFileRow>>(null, async (c, _) => (await c.QueryAsync<ContributionFileRow>(new CommandDefinition(
            """
            SELECT f.id AS Id, f.contribution_id AS ContributionId, f.file_name AS FileName, f.media_type AS MediaType, f.size AS Size, f.sha256 AS Sha256,
                   f.storage_key AS StorageKey, f.uploaded_at AS UploadedAt
            FROM conference_contribution_files f JOIN conference_contributions c ON c.id = f.contribution_id
            WHERE c.conference_id = @conferenceId ORDER BY f.uploaded_at
            """, new { conferenceId }, cancellationToken: ct))).ToList(), ct);

    /// <summary>
    /// Files a stored upload under the contribution. The first file is the submission (its time decides on time or
    /// late); the contribution's row is locked so that two uploads at once cannot pass the file limit together.
    /// </summary>
    public async Task<ContributionFileRow> AddFileAsync(
        Guid conferenceId, Guid contributionId, Guid organizationId, ContributionFileRow file, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        await ReviewConferenceStore.LockOpenAsync(session, conferenceId, ct);
        var count = await session.Connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM conference_contribution_files f WHERE f.contribution_id = c.id)::int
            FROM conference_contributions c WHERE c.id = @contributionId AND c.conference_id = @conferenceId AND c.organization_id = @organizationId
            FOR UPDATE
            """, new { contributionId, conferenceId, organizationId }, session.Tx, cancellationToken: ct))
            ?? throw ConferenceRefusals.ContributionNotFound.ToException();
        if (count >= ConferenceRules.MaxFilesPerContribution)
        {
            throw ConferenceRefusals.TooManyFiles.ToException();
        }

        var row = file with { ContributionId = contributionId, UploadedAt = now.UtcDateTime };
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conference_contribution_files (id, contribution_id, file_name, media_type, size, sha256, storage_key, uploaded_by, uploaded_at)
            VALUES (@Id, @ContributionId, @FileName, @MediaType, @Size, @Sha256, @StorageKey, @actor, @UploadedAt);
            UPDATE conference_contributions SET submitted_at = coalesce(submitted_at, @UploadedAt) WHERE id = @ContributionId;
            """, new { row.Id, row.ContributionId, row.FileName, row.MediaType, row.Size, row.Sha256, row.StorageKey, actor, row.UploadedAt },
            session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return row;
    }

    public Task<(ContributionRow? Contribution, ContributionFileRow? File)> FindFileAsync(Guid conferenceId, Guid contributionId, Guid fileId, CancellationToken ct) =>
        db.ReadAsync<(ContributionRow?, ContributionFileRow?)>(null, async (c, _) =>
        {
            var contribution = await c.QuerySingleOrDefaultAsync<ContributionRow>(new CommandDefinition(
                $"SELECT {ContributionColumns} WHERE c.id = @contributionId AND c.conference_id = @conferenceId", new { contributionId, conferenceId }, cancellationToken: ct));
            var file = contribution is null ? null : await c.QuerySingleOrDefaultAsync<ContributionFileRow>(new CommandDefinition(
                """
                SELECT id AS Id, contribution_id AS ContributionId, file_name AS FileName, media_type AS MediaType, size AS Size, sha256 AS Sha256,
                       storage_key AS StorageKey, uploaded_at AS UploadedAt
                FROM conference_contribution_files WHERE id = @fileId AND contribution_id = @contributionId
                """, new { fileId, contributionId }, cancellationToken: ct));
            return (contribution, file);
        }, ct);

    public async Task<Guid> AddExhibitAsync(Guid conferenceId, Guid organizationId, string name, string? description, int quantity, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var session = await db.BeginAsync(ct);
        await ReviewConferenceStore.LockOpenAsync(session, conferenceId, ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conference_exhibits (id, conference_id, organization_id, name, description, quantity, created_by, created_at)
            VALUES (@id, @conferenceId, @organizationId, @name, @description, @quantity, @actor, @now)
            """, new { id, conferenceId, organizationId, name, description, quantity, actor, now = now.UtcDateTime }, session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return id;
    }

    public async Task RemoveExhibitAsync(Guid conferenceId, Guid organizationId, Guid exhibitId, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        await ReviewConferenceStore.LockOpenAsync(session, conferenceId, ct);
        var removed = await session.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conference_exhibits WHERE id = @exhibitId AND conference_id = @conferenceId AND organization_id = @organizationId",
            new { exhibitId, conferenceId, organizationId }, session.Tx, cancellationToken: ct));
        if (removed == 0)
        {
            throw ConferenceRefusals.ExhibitNotFound.ToException();
        }

        await session.CommitAsync(ct);
    }

    public Task<IReadOnlyList<ExhibitRow>> ExhibitsAsync(Guid conferenceId, Guid? organizationId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ExhibitRow>>(null, async (c, _) => (await c.QueryAsync<ExhibitRow>(new CommandDefinition(
            """
            SELECT e.id AS Id, e.organization_id AS OrganizationId, i.organization_name AS OrganizationName, e.name AS Name, e.description AS Description,
                   e.quantity AS Quantity, e.created_at AS CreatedAt
            FROM conference_exhibits e JOIN conference_invitees i ON i.conference_id = e.conference_id AND i.organization_id = e.organization_id
            WHERE e.conference_id = @conferenceId AND (@organizationId::uuid IS NULL OR e.organization_id = @organizationId)
            ORDER BY i.organization_name, e.created_at
            """, new { conferenceId, organizationId }, cancellationToken: ct))).ToList(), ct);

    /// <summary>
    /// Đề nghị khen thưởng trong chỉ tiêu: the invitee's row is locked first, so two proposals at once cannot both pass
    /// the quota; refused beyond it, and once the host forwarded the proposals to awards.
    /// </summary>
    public async Task<Guid> ProposeAsync(Guid conferenceId, Guid organizationId, NomineeRow nominee, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var session = await db.BeginAsync(ct);
        var conference = await ReviewConferenceStore.LockOpenAsync(session, conferenceId, ct);
        if (conference.ForwardedAt is not null)
        {
            throw ConferenceRefusals.AlreadyForwarded.ToException();
        }

        var quota = await LockInviteeAsync(session, conferenceId, organizationId, ct);
        var proposed = await session.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM conference_nominees WHERE conference_id = @conferenceId AND organization_id = @organizationId",
            new { conferenceId, organizationId }, session.Tx, cancellationToken: ct));
        if (proposed >= quota)
        {
            throw ConferenceRefusals.QuotaExceeded.ToException();
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conference_nominees (id, conference_id, organization_id, kind, full_name, position, unit_name, achievement, province_code,
                                             commune_code, created_by, created_at)
            VALUES (@id, @conferenceId, @organizationId, @Kind, @FullName, @Position, @UnitName, @Achievement, @ProvinceCode, @CommuneCode, @actor, @now)
            """, new
            {
                id, conferenceId, organizationId, nominee.Kind, nominee.FullName, nominee.Position, nominee.UnitName, nominee.Achievement,
                nominee.ProvinceCode, nominee.CommuneCode, actor, now = now.UtcDateTime,
            }, session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return id;
    }

    public async Task WithdrawAsync(Guid conferenceId, Guid organizationId, Guid nomineeId, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var conference = await ReviewConferenceStore.LockOpenAsync(session, conferenceId, ct);
        if (conference.ForwardedAt is not null)
        {
            throw ConferenceRefusals.AlreadyForwarded.ToException();
        }

        var removed = await session.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conference_nominees WHERE id = @nomineeId AND conference_id = @conferenceId AND organization_id = @organizationId",
            new { nomineeId, conferenceId, organizationId }, session.Tx, cancellationToken: ct));
        if (removed == 0)
        {
            throw ConferenceRefusals.NomineeNotFound.ToException();
        }

        await session.CommitAsync(ct);
    }

    public Task<IReadOnlyList<NomineeRow>> NomineesAsync(Guid conferenceId, Guid? organizationId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<NomineeRow>>(null, (c, tx) => NomineesAsync(c, tx, conferenceId, organizationId, ct), ct);

    /// <summary>Chuyển đề nghị khen thưởng sang khen thưởng: once; the event carries every organization's nominees.</summary>
    public async Task ForwardAsync(Guid conferenceId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var conference = await ReviewConferenceStore.LockOpenAsync(session, conferenceId, ct);
        if (conference.ForwardedAt is not null)
        {
            throw ConferenceRefusals.AlreadyForwarded.ToException();
        }

        var nominees = await NomineesAsync(session.Connection, session.Tx, conferenceId, null, ct);
        if (nominees.Count == 0)
        {
            throw ConferenceRefusals.NothingToForward.ToException();
        }

        var invitees = await ReviewConferenceStore.InviteesAsync(session.Connection, session.Tx, conferenceId, ct);
        var groups = invitees.Where(i => nominees.Any(n => n.OrganizationId == i.OrganizationId))
            .Select(i => new ConferenceProposalGroup(i.OrganizationId, i.OrganizationName, i.Quota, nominees.Where(n => n.OrganizationId == i.OrganizationId)
                .Select(n => new ConferenceNominee(n.Kind, n.FullName, n.Position, n.UnitName, n.Achievement, n.ProvinceCode, n.CommuneCode)).ToList()))
            .ToList();
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE review_conferences SET forwarded_at = @now, forwarded_by = @actor, updated_at = @now WHERE id = @conferenceId",
            new { conferenceId, actor, now = now.UtcDateTime }, session.Tx, cancellationToken: ct));
        await session.PublishAsync(new ConferenceCommendationsProposed(Guid.NewGuid(), now, conferenceId, conference.Title, conference.HostName,
            conference.HostProvince, conference.HostCommune, conference.StartsAtUtc, actor, groups), ct);
        await session.CommitAsync(ct);
    }

    private static async Task<IReadOnlyList<NomineeRow>> NomineesAsync(
        Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? tx, Guid conferenceId, Guid? organizationId, CancellationToken ct) =>
        (await c.QueryAsync<NomineeRow>(new CommandDefinition(
            """
            SELECT n.id AS Id, n.organization_id AS OrganizationId, i.organization_name AS OrganizationName, n.kind AS Kind, n.full_name AS FullName,
                   n.position AS Position, n.unit_name AS UnitName, n.achievement AS Achievement, n.province_code AS ProvinceCode,
                   n.commune_code AS CommuneCode, n.created_at AS CreatedAt
            FROM conference_nominees n JOIN conference_invitees i ON i.conference_id = n.conference_id AND i.organization_id = n.organization_id
            WHERE n.conference_id = @conferenceId AND (@organizationId::uuid IS NULL OR n.organization_id = @organizationId)
            ORDER BY i.organization_name, n.created_at
            """, new { conferenceId, organizationId }, tx, cancellationToken: ct))).ToList();

    /// <summary>The invitee's row locked; its quota. Refused when the organization is not invited.</summary>
    private static async Task<int> LockInviteeAsync(DatabaseSession session, Guid conferenceId, Guid organizationId, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT quota FROM conference_invitees WHERE conference_id = @conferenceId AND organization_id = @organizationId FOR UPDATE",
            new { conferenceId, organizationId }, session.Tx, cancellationToken: ct)) ?? throw ConferenceRefusals.NotInvited.ToException();
}
