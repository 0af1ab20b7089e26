using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Registration.API.Domain;

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

    public string? ContentType { get; init; }

    public string? MovementArea { get; init; }

    /// <summary>Tổ chức thành viên: the nearest member organization above the filing unit (itself included), for reports.</summary>
    public Guid? MemberOrganizationId { get; init; }
}

/// <summary>A registration already made with an <c>Idempotency-Key</c>: its id and the digest of what was sent.</summary>
public sealed record KeyedRegistration(Guid Id, string? Fingerprint);

/// <summary>A new registration (Mẫu 1) as it is written: the valid form, where it is filed, who filed it and under which key.</summary>
public sealed record NewInitiative(
    Guid Id, ValidRegistration Registration, string ProvinceCode, string RegisteredBy, string? ContactEmail, string? IdempotencyKey, string Fingerprint,
    DateTimeOffset Now);

/// <summary>
/// Writes of initiatives (Mẫu 1 and its authors), and the one way their status changes: recorded in the history,
/// versioned, and announced through the outbox in the same transaction.
/// </summary>
public sealed class InitiativeStore(ServiceDatabase db)
{
    private const string RowColumns = """
        id AS Id, campaign_id AS CampaignId, title AS Title, kind AS Kind, field AS Field, organization_id AS OrganizationId,
        province_code AS ProvinceCode, commune_code AS CommuneCode, status AS Status, registered_by AS RegisteredBy,
        contact_name AS ContactName, contact_email AS ContactEmail, content_type AS ContentType, movement_area AS MovementArea,
        (WITH RECURSIVE up AS (
             SELECT o.id, o.kind, o.parent_id, 0 AS depth FROM organizations o WHERE o.id = initiatives.organization_id
             UNION ALL
             SELECT o.id, o.kind, o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id WHERE up.depth < 16)
         SELECT id FROM up WHERE kind = 'member_organization' ORDER BY depth LIMIT 1) AS MemberOrganizationId
        """;

    /// <summary>The row, locked until the transaction ends, so two officers acting at once act one after the other.</summary>
    public Task<InitiativeRow?> LockAsync(DatabaseSession tx, Guid id, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<InitiativeRow>(new CommandDefinition(
            $"SELECT {RowColumns} FROM initiatives WHERE id = @id FOR UPDATE OF initiatives", new { id }, tx.Transaction, cancellationToken: ct));

    /// <summary>The registration this author made with this key, if any.</summary>
    public Task<KeyedRegistration?> FindByKeyAsync(string userId, string key, CancellationToken ct, DatabaseSession? tx = null) =>
        db.ReadAsync(tx, (connection, transaction) => connection.QuerySingleOrDefaultAsync<KeyedRegistration>(new CommandDefinition(
            "SELECT id AS Id, idempotency_fingerprint AS Fingerprint FROM initiatives WHERE registered_by = @userId AND idempotency_key = @key",
            new { userId, key }, transaction, cancellationToken: ct)), ct);

    /// <summary>
    /// Writes the draft, its authors and the first line of its history; false (and nothing written) when a concurrent
    /// retry with the same key got there first.
    /// </summary>
    public async Task<bool> InsertDraftAsync(DatabaseSession tx, NewInitiative initiative, CancellationToken ct)
    {
        var r = initiative.Registration;
        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiatives (id, campaign_id, title, kind, content_type, movement_area, field, summary, expected_scope, organization_id,
                                     province_code, commune_code, status, registered_by, contact_name, contact_email, idempotency_key,
                                     idempotency_fingerprint, registered_at, updated_at, search_text, publication_consent,
                                     publication_consent_changed_at, publication_consent_changed_by)
            VALUES (@Id, @CampaignId, @Title, @Kind, @ContentType, @MovementArea, @Field, @Summary, @ExpectedScope, @OrganizationId,
                    @ProvinceCode, @CommuneCode, 'draft', @RegisteredBy, @ContactName, @ContactEmail, @IdempotencyKey,
                    @Fingerprint, @Now, @Now, @SearchText, @Consent, CASE WHEN @Consent THEN @Now END, CASE WHEN @Consent THEN @RegisteredBy END)
            ON CONFLICT (registered_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """,
            new
            {
                initiative.Id, r.CampaignId, r.Title, r.Kind, r.ContentType, r.MovementArea, r.Field, r.Summary, r.ExpectedScope, r.OrganizationId,
                initiative.ProvinceCode, r.CommuneCode, initiative.RegisteredBy, ContactName = r.Lead.FullName, initiative.ContactEmail,
                initiative.IdempotencyKey, initiative.Fingerprint, Now = initiative.Now.UtcDateTime, SearchText = r.SearchText(),
                Consent = r.PublicationConsent == true,
            }, tx.Transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        await WriteAuthorsAsync(tx, initiative.Id, r, ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO initiative_status_history (initiative_id, status, changed_at, changed_by) VALUES (@Id, 'draft', @now, @by)",
            new { initiative.Id, now = initiative.Now.UtcDateTime, by = initiative.RegisteredBy }, tx.Transaction, cancellationToken: ct));
        return true;
    }

    /// <summary>Replaces what the author entered (Mẫu 1 and its authors); the publication consent only when the edit states it.</summary>
    public async Task UpdateAsync(
        DatabaseSession tx, Guid id, ValidRegistration r, string provinceCode, string? contactEmail, DateTimeOffset now, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE initiatives SET title = @Title, kind = @Kind, content_type = @ContentType, movement_area = @MovementArea, field = @Field,
                summary = @Summary, expected_scope = @ExpectedScope, organization_id = @OrganizationId, province_code = @ProvinceCode,
                commune_code = @CommuneCode, contact_name = @ContactName, contact_email = @ContactEmail, search_text = @SearchText,
                updated_at = @Now, row_version = row_version + 1,
                publication_consent_changed_at = CASE WHEN @Consent::boolean IS DISTINCT FROM publication_consent AND @Consent::boolean IS NOT NULL
                                                      THEN @Now ELSE publication_consent_changed_at END,
                publication_consent_changed_by = CASE WHEN @Consent::boolean IS DISTINCT FROM publication_consent AND @Consent::boolean IS NOT NULL
                                                      THEN registered_by ELSE publication_consent_changed_by END,
                publication_consent = coalesce(@Consent::boolean, publication_consent)
            WHERE id = @Id;
            DELETE FROM initiative_authors WHERE initiative_id = @Id;
            """,
            new
            {
                Id = id, r.Title, r.Kind, r.ContentType, r.MovementArea, r.Field, r.Summary, r.ExpectedScope, r.OrganizationId, ProvinceCode = provinceCode,
                r.CommuneCode, ContactName = r.Lead.FullName, ContactEmail = contactEmail, SearchText = r.SearchText(), Now = now.UtcDateTime,
                Consent = r.PublicationConsent,
            }, tx.Transaction, cancellationToken: ct));
        await WriteAuthorsAsync(tx, id, r, ct);
    }

    /// <summary>
    /// Moves the initiative by <paramref name="step"/>, or refuses (409 <c>invalid_transition</c>, thrown, so that nothing
    /// the caller goes on to write or announce commits) when its status does not allow it; see <see cref="TryTransitionAsync"/>.
    /// </summary>
    public async Task<string> TransitionAsync(
        DatabaseSession tx, InitiativeRow row, LifecycleStep step, string actor, string? reason, DateTimeOffset now, CancellationToken ct) =>
        await TryTransitionAsync(tx, row, step, actor, reason, now, ct)
        ?? throw InitiativeLifecycle.InvalidTransition(row.Status, step).ToException();

    /// <summary>
    /// Moves the initiative by <paramref name="step"/> when its status allows it, else answers null (for events that may
    /// arrive late): records who and when in the history and announces <see cref="InitiativeStatusChanged"/>, in the same transaction.
    /// </summary>
    /// <remarks><paramref name="council"/> is what a council did, when a council moved it: the event names its level and decision.</remarks>
    public async Task<string?> TryTransitionAsync(
        DatabaseSession tx, InitiativeRow row, LifecycleStep step, string actor, string? reason, DateTimeOffset now, CancellationToken ct,
        CouncilAct? council = null)
    {
        var next = InitiativeLifecycle.Next(row.Status, step);
        if (next is null)
        {
            return null;
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE initiatives SET status = @next, updated_at = @now, row_version = row_version + 1,
                submitted_at = CASE WHEN @next = 'registered' THEN @now ELSE submitted_at END
            WHERE id = @Id;
            INSERT INTO initiative_status_history (initiative_id, from_status, status, changed_at, changed_by, note)
            VALUES (@Id, @from, @next, @now, @actor, @reason);
            """,
            new { row.Id, next, now = now.UtcDateTime, from = row.Status, actor, reason }, tx.Transaction, cancellationToken: ct));
        await tx.PublishAsync(new InitiativeStatusChanged(
            Guid.CreateVersion7(), now, row.Id, row.CampaignId, row.Title, row.Kind, row.OrganizationId, row.ProvinceCode, row.CommuneCode,
            row.Status, next, actor, reason, row.RegisteredBy, row.ContactName, row.ContactEmail, await AuthorsAsync(tx, row, ct), council,
            row.ContentType, row.MovementArea, row.Field, row.MemberOrganizationId), ct);
        return next;
    }

    /// <summary>
    /// Who to tell about the initiative (Mẫu 1's authors, in order): the lead is the author who registered it, reached by their
    /// account and, when Mẫu 1 gives them none, the e-mail they registered with; a co-author by the e-mail Mẫu 1 gives.
    /// </summary>
    public async Task<List<AuthorContact>> AuthorsAsync(DatabaseSession tx, InitiativeRow row, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<(string FullName, string? Email, bool IsLead)>(new CommandDefinition(
            "SELECT full_name, email, is_lead FROM initiative_authors WHERE initiative_id = @Id ORDER BY ordinal", new { row.Id }, tx.Transaction,
            cancellationToken: ct)))
        .Select(a => a.IsLead
            ? new AuthorContact(a.FullName, a.Email ?? row.ContactEmail, true, row.RegisteredBy)
            : new AuthorContact(a.FullName, a.Email, false))
        .ToList();

    /// <summary>
    /// The unit whose officers confirm the registration (Mẫu 2): the one above the unit it is filed under, or that unit itself
    /// when none is above it (a province-level organization) or when it is a Front committee (a person who belongs to no
    /// organization files through it, and its officers confirm); and the filing unit's name.
    /// </summary>
    public Task<(Guid ConfirmingOrganizationId, string OrganizationName)> ConfirmingUnitAsync(DatabaseSession tx, Guid organizationId, CancellationToken ct) =>
        tx.Connection.QuerySingleAsync<(Guid, string)>(new CommandDefinition(
            "SELECT CASE WHEN kind = @front THEN id ELSE coalesce(parent_id, id) END, name FROM organizations WHERE id = @organizationId",
            new { organizationId, front = FilingRights.FrontCommittee }, tx.Transaction,
            cancellationToken: ct));

    /// <summary>Which organization's officer confirmed the registration (its own lists forward it, Mẫu 2).</summary>
    public Task SetConfirmedByAsync(DatabaseSession tx, Guid id, Guid organizationId, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE initiatives SET confirmed_by_org_id = @organizationId WHERE id = @id", new { id, organizationId }, tx.Transaction, cancellationToken: ct));

    /// <summary>The recognized initiative's level (cấp xã, tỉnh, Trung ương), once the decision made it recognized.</summary>
    public Task SetRecognizedLevelAsync(DatabaseSession tx, Guid id, string level, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE initiatives SET recognized_level = @level WHERE id = @id AND status = 'recognized'", new { id, level }, tx.Transaction, cancellationToken: ct));

    /// <summary>The organizations the authors work for (the councils check conflicts of interest against them).</summary>
    public async Task<List<Guid>> AuthorOrganizationsAsync(DatabaseSession tx, Guid id, CancellationToken ct) =>
        (await tx.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT DISTINCT organization_id FROM initiative_authors WHERE initiative_id = @id AND organization_id IS NOT NULL", new { id }, tx.Transaction,
            cancellationToken: ct))).ToList();

    private static Task WriteAuthorsAsync(DatabaseSession tx, Guid id, ValidRegistration registration, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO initiative_authors (initiative_id, ordinal, full_name, email, is_lead, contribution_percent, organization_id, position)
            SELECT @Id, a.ordinal, a.full_name, a.email, a.is_lead, a.contribution_percent, coalesce(a.organization_id, @OrganizationId), a.position
            FROM unnest(@Ordinals, @Names, @Emails, @Leads, @Shares, @Organizations, @Positions)
                 AS a(ordinal, full_name, email, is_lead, contribution_percent, organization_id, position)
            """,
            new
            {
                Id = id,
                registration.OrganizationId,
                Ordinals = registration.Authors.Select(a => a.Ordinal).ToArray(),
                Names = registration.Authors.Select(a => a.FullName).ToArray(),
                Emails = registration.Authors.Select(a => a.Email).ToArray(),
                Leads = registration.Authors.Select(a => a.IsLead).ToArray(),
                Shares = registration.Authors.Select(a => a.ContributionPercent).ToArray(),
                Organizations = registration.Authors.Select(a => a.OrganizationId).ToArray(),
                Positions = registration.Authors.Select(a => a.Position).ToArray(),
            }, tx.Transaction, cancellationToken: ct));
}
