using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Apis;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>The initiative row the lifecycle works on, locked for the length of a transaction.</summary>
public sealed class InitiativeRow
{
    public Guid Id { get; init; }

    public Guid CampaignId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string? Field { get; init; }

    public Guid OrganizationId { get; init; }

    public string ProvinceCode { get; init; } = string.Empty;

    public string CommuneCode { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public string RegisteredBy { get; init; } = string.Empty;

    public string ContactName { get; init; } = string.Empty;

    public string? ContactEmail { get; init; }
}

/// <summary>Reads of initiatives, and the one way their status changes: recorded, versioned and announced.</summary>
public static class InitiativeStore
{
    private const string RowColumns = """
        id AS Id, campaign_id AS CampaignId, title AS Title, kind AS Kind, field AS Field, organization_id AS OrganizationId,
        province_code AS ProvinceCode, commune_code AS CommuneCode, status AS Status, registered_by AS RegisteredBy,
        contact_name AS ContactName, contact_email AS ContactEmail
        """;

    /// <summary>The row, locked until the transaction ends, so two officers acting at once act one after the other.</summary>
    public static Task<InitiativeRow?> LockAsync(NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection!.QuerySingleOrDefaultAsync<InitiativeRow>(new CommandDefinition(
            $"SELECT {RowColumns} FROM initiatives WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));

    /// <summary>
    /// Moves the initiative by <paramref name="step"/>: refuses a step its status does not allow (409
    /// <c>invalid_transition</c>), records who and when in the history, and announces it through the outbox
    /// in the same transaction.
    /// </summary>
    public static async Task<string> TransitionAsync(
        NpgsqlTransaction tx, Outbox outbox, InitiativeRow row, LifecycleStep step, string actor, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        return await TryTransitionAsync(tx, outbox, row, step, actor, reason, now, ct)
            ?? throw new ProblemException(409, "invalid_transition", InitiativeLifecycle.RefusalMessage(row.Status, step));
    }

    /// <summary>As <see cref="TransitionAsync"/>, but answers null instead of refusing (for events that may arrive late).</summary>
    public static async Task<string?> TryTransitionAsync(
        NpgsqlTransaction tx, Outbox outbox, InitiativeRow row, LifecycleStep step, string actor, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var next = InitiativeLifecycle.Next(row.Status, step);
        if (next is null)
        {
            return null;
        }

        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE initiatives SET status = @next, updated_at = @now, row_version = row_version + 1,
                submitted_at = CASE WHEN @next = 'registered' THEN @now ELSE submitted_at END
            WHERE id = @Id;
            INSERT INTO initiative_status_history (initiative_id, from_status, status, changed_at, changed_by, note)
            VALUES (@Id, @from, @next, @now, @actor, @reason);
            """,
            new { row.Id, next, now = now.UtcDateTime, from = row.Status, actor, reason }, tx, cancellationToken: ct));
        await outbox.EnqueueAsync(new InitiativeStatusChanged(
            Guid.CreateVersion7(), now, row.Id, row.CampaignId, row.Title, row.Kind, row.OrganizationId, row.ProvinceCode, row.CommuneCode,
            row.Status, next, actor, reason, row.RegisteredBy, row.ContactName, row.ContactEmail), tx, ct);
        return next;
    }

    public static async Task<InitiativeResponse?> LoadAsync(NpgsqlConnection connection, Guid id, NpgsqlTransaction? tx = null)
    {
        var found = await LoadManyAsync(connection, [id], tx);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Initiatives with their authors in two queries, in the order of <paramref name="ids"/>.</summary>
    public static async Task<List<InitiativeResponse>> LoadManyAsync(NpgsqlConnection connection, IReadOnlyList<Guid> ids, NpgsqlTransaction? tx = null)
    {
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT i.id AS Id, i.campaign_id AS CampaignId, i.title AS Title, i.kind AS Kind, i.content_type AS ContentType,
                   i.movement_area AS MovementArea, i.field AS Field, i.summary AS Summary, i.expected_scope AS ExpectedScope,
                   i.organization_id AS OrganizationId, o.name AS OrganizationName, i.province_code AS ProvinceCode,
                   i.commune_code AS CommuneCode, u.name AS CommuneName, i.status AS Status, i.recognized_level AS RecognizedLevel,
                   i.registered_by AS RegisteredBy, i.registered_at AS CreatedAt, i.submitted_at AS SubmittedAt, i.updated_at AS UpdatedAt
            FROM initiatives i JOIN organizations o ON o.id = i.organization_id JOIN administrative_units u ON u.code = i.commune_code
            WHERE i.id = ANY(@ids);
            SELECT a.initiative_id AS InitiativeId, a.full_name AS FullName, a.email AS Email, a.is_lead AS IsLead,
                   a.contribution_percent AS ContributionPercent, a.organization_id AS OrganizationId, o.name AS OrganizationName, a.position AS Position
            FROM initiative_authors a LEFT JOIN organizations o ON o.id = a.organization_id
            WHERE a.initiative_id = ANY(@ids) ORDER BY a.initiative_id, a.ordinal;
            SELECT initiative_id AS InitiativeId, level AS Level, nominated_at IS NOT NULL AS Nominated, opened_version AS OpenedVersion,
                   returned_version AS ReturnedVersion, decision AS Decision
            FROM initiative_appraisal WHERE initiative_id = ANY(@ids);
            """, new { ids = ids.ToArray() }, tx));
        var heads = (await grid.ReadAsync<InitiativeHead>()).ToDictionary(h => h.Id);
        var authors = (await grid.ReadAsync<AuthorRow>()).ToLookup(a => a.InitiativeId);
        var standings = (await grid.ReadAsync<LevelRow>()).ToLookup(l => l.InitiativeId,
            l => new LevelFacts(l.Level, l.Nominated, l.OpenedVersion, l.ReturnedVersion, l.Decision));
        return ids.Where(heads.ContainsKey).Select(id =>
        {
            var h = heads[id];
            var standing = AppraisalPosition.Of(standings[id]);
            return new InitiativeResponse(h.Id, h.CampaignId, h.Title, h.Kind, h.ContentType, h.MovementArea, h.Field, h.Summary, h.ExpectedScope,
                h.OrganizationId, h.OrganizationName, h.ProvinceCode, h.CommuneCode, h.CommuneName, h.Status, InitiativeStatus.All.NameOf(h.Status),
                h.RecognizedLevel, h.RegisteredBy, Utc(h.CreatedAt), h.SubmittedAt is { } s ? Utc(s) : null, Utc(h.UpdatedAt),
                authors[id].Select(a => new AuthorResponse(a.FullName, a.Email, a.IsLead, a.ContributionPercent, a.OrganizationId, a.OrganizationName, a.Position)).ToList(),
                standing?.Level, standing?.Stage, standing?.Label);
        }).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class InitiativeHead
    {
        public Guid Id { get; init; }

        public Guid CampaignId { get; init; }

        public string Title { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string? ContentType { get; init; }

        public string? MovementArea { get; init; }

        public string? Field { get; init; }

        public string? Summary { get; init; }

        public string? ExpectedScope { get; init; }

        public Guid OrganizationId { get; init; }

        public string OrganizationName { get; init; } = string.Empty;

        public string ProvinceCode { get; init; } = string.Empty;

        public string CommuneCode { get; init; } = string.Empty;

        public string CommuneName { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public string? RecognizedLevel { get; init; }

        public string RegisteredBy { get; init; } = string.Empty;

        public DateTime CreatedAt { get; init; }

        public DateTime? SubmittedAt { get; init; }

        public DateTime UpdatedAt { get; init; }
    }

    private sealed class LevelRow
    {
        public Guid InitiativeId { get; init; }

        public string Level { get; init; } = string.Empty;

        public bool Nominated { get; init; }

        public int? OpenedVersion { get; init; }

        public int? ReturnedVersion { get; init; }

        public string? Decision { get; init; }
    }

    private sealed class AuthorRow
    {
        public Guid InitiativeId { get; init; }

        public string FullName { get; init; } = string.Empty;

        public string? Email { get; init; }

        public bool IsLead { get; init; }

        public int ContributionPercent { get; init; }

        public Guid? OrganizationId { get; init; }

        public string? OrganizationName { get; init; }

        public string? Position { get; init; }
    }
}
