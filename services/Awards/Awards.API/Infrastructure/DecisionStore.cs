using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>A commendation decision as the table holds it, with its award type's name.</summary>
public sealed record DecisionRow(
    Guid Id, string BodyKey, string BodyName, string BodyLevel, string? BodyProvince, string? BodyCommune, string Status,
    string AwardTypeCode, string AwardTypeName, string Reason, string SignerName, string SignerPosition, Guid? SupersedesId,
    int? Year, int? Number, string? NumberText, DateOnly? DecisionDate, DateTime? IssuedAt, string? RevokedReason,
    string? RevokingNumber, DateOnly? RevokedOn, Guid? SupersededById, string CreatedBy, DateTime CreatedAt)
{
    public IssuingBody Body => new(BodyKey, BodyLevel, BodyProvince, BodyCommune);
}

/// <summary>A recipient of a decision, with their certificate when the decision is issued.</summary>
public sealed record RecipientRow(
    Guid Id, int Ordinal, string Kind, string FullName, string? OrganizationName, string ProvinceCode, string? CommuneCode,
    string? AccountId, string? Email, Guid? InitiativeId, string? InitiativeTitle, Guid? ProposalId, decimal? Amount,
    string? CertificateCode, string? CertificateStatus, string? ProposedBy, Guid? OrganizationId)
{
    public CommendedRecipient ToEvent() =>
        new(Id, Kind, FullName, AccountId, Email, OrganizationName, ProvinceCode, CommuneCode, InitiativeId, Amount, ProposedBy, OrganizationId);
}

/// <summary>What a draft holds: written whole on creation and on each edit.</summary>
public sealed record DecisionDraft(
    string AwardTypeCode, string BodyName, string Reason, string SignerName, string SignerPosition, Guid? SupersedesId,
    IReadOnlyList<(Recipient Recipient, Guid? ProposalId)> Recipients);

/// <summary>How many of a decision's certificates are made, still waiting, or failed.</summary>
public sealed record CertificateProgress(int Total, int Ready, int Failed);

/// <summary>
/// Quyết định khen thưởng: drafts, issuing with the body's next number, revocation and supersession. Each act is one
/// transaction with its audit entry, its certificates and their log entries, and the events it announces (outbox).
/// </summary>
public sealed class DecisionStore(ServiceDatabase db, CertificateIssuance certificates, TimeProvider clock)
{
    internal const string DecisionColumns =
        """
        d.id AS Id, d.body_key AS BodyKey, d.body_name AS BodyName, d.body_level AS BodyLevel, d.body_province AS BodyProvince,
        d.body_commune AS BodyCommune, d.status AS Status, d.award_type_code AS AwardTypeCode, t.name AS AwardTypeName, d.reason AS Reason,
        d.signer_name AS SignerName, d.signer_position AS SignerPosition, d.supersedes_id AS SupersedesId, d.year AS Year,
        d.number AS Number, d.number_text AS NumberText, d.decision_date AS DecisionDate, d.issued_at AS IssuedAt,
        d.revoked_reason AS RevokedReason, d.revoking_number AS RevokingNumber, d.revoked_on AS RevokedOn,
        d.superseded_by_id AS SupersededById, d.created_by AS CreatedBy, d.created_at AS CreatedAt
        """;

    public async Task<Guid> CreateDraftAsync(IssuingBody body, DecisionDraft draft, string actor, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var session = await db.BeginAsync(ct);
        await CheckAwardTypeAsync(session, draft.AwardTypeCode, ct);
        await CheckSupersededAsync(session, body, draft.SupersedesId, ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO commendation_decisions (id, body_key, body_name, body_level, body_province, body_commune, status, award_type_code,
                                                reason, signer_name, signer_position, supersedes_id, created_by)
            VALUES (@id, @Key, @BodyName, @Level, @ProvinceCode, @CommuneCode, 'draft', @AwardTypeCode, @Reason, @SignerName, @SignerPosition,
                    @SupersedesId, @actor)
            """,
            new
            {
                id, body.Key, draft.BodyName, body.Level, body.ProvinceCode, body.CommuneCode, draft.AwardTypeCode, draft.Reason,
                draft.SignerName, draft.SignerPosition, draft.SupersedesId, actor,
            }, session.Tx, cancellationToken: ct));
        await WriteRecipientsAsync(session, id, draft.Recipients, ct);
        await AwardsAudit.RecordAsync(session, actor, "decision.drafted", id, new { draft.AwardTypeCode, recipients = draft.Recipients.Count }, ct);
        await session.CommitAsync(ct);
        return id;
    }

    /// <summary>Replaces a draft's content; an issued decision is never edited.</summary>
    public async Task ReplaceDraftAsync(Guid id, IssuingBody body, DecisionDraft draft, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await LockAsync(session, id, body, ct);
        if (CommendationDecisionRules.CanChange(row.Status) is { } refusal)
        {
            throw refusal.ToException();
        }

        await CheckAwardTypeAsync(session, draft.AwardTypeCode, ct);
        await CheckSupersededAsync(session, body, draft.SupersedesId, ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE commendation_decisions SET award_type_code = @AwardTypeCode, body_name = @BodyName, reason = @Reason,
                   signer_name = @SignerName, signer_position = @SignerPosition, supersedes_id = @SupersedesId, updated_at = now()
            WHERE id = @id
            """, new { id, draft.AwardTypeCode, draft.BodyName, draft.Reason, draft.SignerName, draft.SignerPosition, draft.SupersedesId },
            session.Tx, cancellationToken: ct));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM commendation_recipients WHERE decision_id = @id", new { id }, session.Tx, cancellationToken: ct));
        await WriteRecipientsAsync(session, id, draft.Recipients, ct);
        await AwardsAudit.RecordAsync(session, actor, "decision.edited", id, new { draft.AwardTypeCode, recipients = draft.Recipients.Count }, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>
    /// Ban hành: the next number of the body's year (a counter row locked in this transaction, so concurrent issues
    /// queue on it and a rolled-back issue gives its number back: no gaps, no duplicates), a sealed certificate per
    /// recipient queued for rendering, the log's entries, and <see cref="CommendationDecided"/>.
    /// </summary>
    public async Task<DecisionRow> IssueAsync(Guid id, IssuingBody body, DateOnly? decisionDate, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await LockAsync(session, id, body, ct);
        if (CommendationDecisionRules.CanChange(row.Status) is { } refusal)
        {
            throw refusal.ToException();
        }

        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow()).DateTime);
        var errors = new FieldErrors();
        var date = CommendationDecisionRules.DecisionDate(decisionDate, today, errors);
        errors.ThrowIfAny();
        await CheckAwardTypeAsync(session, row.AwardTypeCode, ct);
        if (row.SupersedesId is { } old)
        {
            await CheckSupersededAsync(session, body, old, ct);
        }

        var number = await session.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO decision_counters (body_key, year, last_number) VALUES (@Key, @year, 1)
            ON CONFLICT (body_key, year) DO UPDATE SET last_number = decision_counters.last_number + 1
            RETURNING last_number
            """, new { body.Key, year = date!.Value.Year }, session.Tx, cancellationToken: ct));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE commendation_decisions SET status = 'issued', year = @year, number = @number, number_text = @numberText,
                   decision_date = @date, issued_by = @actor, issued_at = now(), updated_at = now()
            WHERE id = @id
            """, new { id, year = date.Value.Year, number, numberText = body.NumberText(number), date = date.Value, actor }, session.Tx, cancellationToken: ct));
        var issued = (await FindAsync(session, id, ct))!;
        var recipients = await RecipientsAsync(session, id, ct);
        await certificates.IssueAsync(session, issued, recipients, ct);

        if (issued.SupersedesId is { } supersededId)
        {
            await EndAsync(session, supersededId, DecisionStatuses.Superseded, $"Được thay thế bởi quyết định số {issued.NumberText}",
                issued.NumberText!, id, actor, ct);
        }

        await session.PublishAsync(new CommendationDecided(
            Guid.NewGuid(), clock.GetUtcNow(), id, body.Key, issued.BodyName, issued.BodyLevel, issued.BodyProvince, issued.BodyCommune,
            issued.NumberText!, issued.DecisionDate!.Value, issued.AwardTypeCode, issued.AwardTypeName,
            recipients.Select(r => r.ToEvent()).ToList()), ct);
        await AwardsAudit.RecordAsync(session, actor, "decision.issued", id, new { number = issued.NumberText, date = issued.DecisionDate }, ct);
        await CertificateIssuance.SignalAsync(session, ct);
        await session.CommitAsync(ct);
        return issued;
    }

    /// <summary>Thu hồi: by the body that issued it, naming the revoking decision; its certificates say so at once.</summary>
    public async Task RevokeAsync(Guid id, IssuingBody body, string reason, string revokingNumber, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await LockAsync(session, id, body, ct);
        if (CommendationDecisionRules.CanRevoke(row.Status) is { } refusal)
        {
            throw refusal.ToException();
        }

        await EndAsync(session, id, DecisionStatuses.Revoked, reason, revokingNumber, null, actor, ct);
        await session.CommitAsync(ct);
    }

    private async Task EndAsync(
        DatabaseSession session, Guid id, string status, string reason, string revokingNumber, Guid? supersededBy, string actor, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(clock.GetUtcNow()).DateTime);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE commendation_decisions SET status = @status, revoked_reason = @reason, revoking_number = @revokingNumber,
                   revoked_on = @today, superseded_by_id = @supersededBy, updated_at = now()
            WHERE id = @id
            """, new { id, status, reason, revokingNumber, today, supersededBy }, session.Tx, cancellationToken: ct));
        var ended = (await FindAsync(session, id, ct))!;
        var holders = (await RecipientsAsync(session, id, ct)).Where(r => r.CertificateCode is not null).ToList();
        await CertificateIssuance.EndAsync(session, ended, holders.Select(r => r.CertificateCode!).ToList(), status, ct);
        foreach (var recipient in holders)
        {
            var code = recipient.CertificateCode!;
            await session.PublishAsync(new CertificateRevoked(
                Guid.NewGuid(), clock.GetUtcNow(), code, id, recipient.Id, recipient.AccountId, recipient.Email, ended.NumberText!, reason,
                status == DecisionStatuses.Superseded), ct);
        }

        await AwardsAudit.RecordAsync(session, actor, $"decision.{status}", id, new { reason, revokingNumber, supersededBy }, ct);
    }

    public Task<DecisionRow?> FindAsync(Guid id, CancellationToken ct) => db.ReadAsync(null, (c, _) => Find(c, null, id, ct), ct);

    public Task<IReadOnlyList<RecipientRow>> RecipientsAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<RecipientRow>>(null, async (c, _) => await Recipients(c, null, id, ct), ct);

    public Task<CertificateProgress> ProgressAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(null, (c, _) => c.QuerySingleAsync<CertificateProgress>(new CommandDefinition(
            """
            SELECT count(*)::int AS Total, count(*) FILTER (WHERE status = 'ready')::int AS Ready,
                   count(*) FILTER (WHERE status = 'failed')::int AS Failed
            FROM certificates WHERE decision_id = @id
            """, new { id }, cancellationToken: ct)), ct);

    /// <summary>
    /// The decisions a caller may read, newest first: their own body's, and, for a Front officer, every body's within
    /// their area (a province sees its communes' and member organizations').
    /// </summary>
    public Task<IReadOnlyList<DecisionRow>> ListAsync(
        string ownBodyKey, AdministrativeScope? frontArea, string? status, int? year, (DateTime CreatedAt, Guid Id)? after, int take, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<DecisionRow>>(null, async (c, _) => (await c.QueryAsync<DecisionRow>(new CommandDefinition(
            $"""
            SELECT {DecisionColumns}
            FROM commendation_decisions d JOIN award_types t ON t.code = d.award_type_code
            WHERE (d.body_key = @ownBodyKey
                   OR (@frontArea AND (@province::text IS NULL OR d.body_province = @province)
                                  AND (@commune::text IS NULL OR d.body_commune = @commune)))
              AND (@status::text IS NULL OR d.status = @status)
              AND (@year::int IS NULL OR d.year = @year)
              AND (@afterAt::timestamptz IS NULL OR (d.created_at, d.id) < (@afterAt::timestamptz, @afterId))
            ORDER BY d.created_at DESC, d.id DESC
            LIMIT @fetch
            """,
            new
            {
                ownBodyKey, frontArea = frontArea is not null, province = frontArea?.ProvinceCode, commune = frontArea?.CommuneCode, status, year,
                afterAt = after?.CreatedAt, afterId = after?.Id ?? Guid.Empty, fetch = take + 1,
            }, cancellationToken: ct))).ToList(), ct);

    private async Task<DecisionRow> LockAsync(DatabaseSession session, Guid id, IssuingBody body, CancellationToken ct)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<DecisionRow>(new CommandDefinition(
            $"SELECT {DecisionColumns} FROM commendation_decisions d JOIN award_types t ON t.code = d.award_type_code WHERE d.id = @id FOR UPDATE OF d",
            new { id }, session.Tx, cancellationToken: ct));
        if (row is null || !body.CanRead(row.BodyKey, row.BodyProvince, row.BodyCommune))
        {
            throw CommendationDecisionRules.NotFound.ToException();
        }

        return row.BodyKey == body.Key ? row : throw CommendationDecisionRules.NotBody.ToException();
    }

    private static async Task CheckAwardTypeAsync(DatabaseSession session, string code, CancellationToken ct)
    {
        var terms = await AwardTypeStore.TermsAsync(session, code, ct) ?? throw AwardTypeCatalogue.UnknownType.ToException();
        if (!terms.Active)
        {
            throw AwardTypeCatalogue.RetiredType.ToException();
        }
    }

    /// <summary>A decision may only supersede an issued decision of the same body.</summary>
    private static async Task CheckSupersededAsync(DatabaseSession session, IssuingBody body, Guid? supersedesId, CancellationToken ct)
    {
        if (supersedesId is not { } old)
        {
            return;
        }

        var status = await session.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT status FROM commendation_decisions WHERE id = @old AND body_key = @Key FOR UPDATE", new { old, body.Key }, session.Tx, cancellationToken: ct));
        if (status is null)
        {
            throw Refusal.Invalid("supersedesDecisionId", "Quyết định được thay thế phải là một quyết định của chính cơ quan bạn.").ToException();
        }

        if (CommendationDecisionRules.CanRevoke(status) is { } refusal)
        {
            throw refusal.ToException();
        }
    }

    /// <summary>All of a decision's recipients in one statement (arrays unnested): a thousand rows are one round trip, not a thousand.</summary>
    private static async Task WriteRecipientsAsync(
        DatabaseSession session, Guid decisionId, IReadOnlyList<(Recipient Recipient, Guid? ProposalId)> recipients, CancellationToken ct)
    {
        var r = recipients.Select(x => x.Recipient).ToList();
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO commendation_recipients (id, decision_id, ordinal, kind, full_name, organization_name, province_code, commune_code,
                                                 account_id, email, initiative_id, initiative_title, proposal_id, amount, organization_id)
            SELECT t.id, @decisionId, t.ordinal, t.kind, t.full_name, t.organization_name, t.province_code, t.commune_code, t.account_id, t.email,
                   t.initiative_id, t.initiative_title, t.proposal_id, t.amount, t.organization_id
            FROM unnest(@ids::uuid[], @ordinals::int[], @kinds::text[], @names::text[], @organizations::text[], @provinces::text[], @communes::text[],
                        @accounts::text[], @emails::text[], @initiatives::uuid[], @titles::text[], @proposals::uuid[], @amounts::numeric[],
                        @units::uuid[])
                 AS t(id, ordinal, kind, full_name, organization_name, province_code, commune_code, account_id, email, initiative_id,
                      initiative_title, proposal_id, amount, organization_id)
            """,
            new
            {
                decisionId,
                ids = r.Select(_ => Guid.CreateVersion7()).ToArray(),
                ordinals = Enumerable.Range(1, r.Count).ToArray(),
                kinds = r.Select(x => x.Kind).ToArray(),
                names = r.Select(x => x.FullName).ToArray(),
                organizations = r.Select(x => x.OrganizationName).ToArray(),
                provinces = r.Select(x => x.ProvinceCode).ToArray(),
                communes = r.Select(x => x.CommuneCode).ToArray(),
                accounts = r.Select(x => x.AccountId).ToArray(),
                emails = r.Select(x => x.Email).ToArray(),
                initiatives = r.Select(x => x.InitiativeId).ToArray(),
                titles = r.Select(x => x.InitiativeTitle).ToArray(),
                proposals = recipients.Select(x => x.ProposalId).ToArray(),
                amounts = r.Select(x => x.Amount).ToArray(),
                units = r.Select(x => x.OrganizationId).ToArray(),
            }, session.Tx, cancellationToken: ct));
    }

    private static Task<DecisionRow?> FindAsync(DatabaseSession session, Guid id, CancellationToken ct) => Find(session.Connection, session.Transaction, id, ct);

    private static Task<DecisionRow?> Find(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<DecisionRow>(new CommandDefinition(
            $"SELECT {DecisionColumns} FROM commendation_decisions d JOIN award_types t ON t.code = d.award_type_code WHERE d.id = @id",
            new { id }, tx, cancellationToken: ct));

    private static Task<List<RecipientRow>> RecipientsAsync(DatabaseSession session, Guid id, CancellationToken ct) =>
        Recipients(session.Connection, session.Transaction, id, ct);

    private static async Task<List<RecipientRow>> Recipients(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        (await c.QueryAsync<RecipientRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.ordinal AS Ordinal, r.kind AS Kind, r.full_name AS FullName, r.organization_name AS OrganizationName,
                   r.province_code AS ProvinceCode, r.commune_code AS CommuneCode, r.account_id AS AccountId, r.email AS Email,
                   r.initiative_id AS InitiativeId, r.initiative_title AS InitiativeTitle, r.proposal_id AS ProposalId, r.amount AS Amount,
                   c.code AS CertificateCode, c.status AS CertificateStatus, p.submitted_by AS ProposedBy,
                   r.organization_id AS OrganizationId
            FROM commendation_recipients r LEFT JOIN certificates c ON c.recipient_id = r.id LEFT JOIN proposals p ON p.id = r.proposal_id
            WHERE r.decision_id = @id ORDER BY r.ordinal
            """, new { id }, tx, cancellationToken: ct))).ToList();
}
