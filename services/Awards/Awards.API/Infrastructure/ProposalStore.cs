using Dapper;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Awards.API.Infrastructure;

public sealed record CallRow(
    Guid Id, string BodyKey, string BodyName, string? BodyProvince, string? BodyCommune, int Year, string Title, string AwardTypeCode,
    DateTime DueAt, DateTime CreatedAt);

public sealed record ProposalRow(
    Guid Id, Guid CallId, string ProposerKey, string ProposerName, string Status, string? ReturnReason, DateTime SubmittedAt, DateTime? DecidedAt);

public sealed record ProposalRecipientRow(
    int Ordinal, string Kind, string FullName, string? OrganizationName, string ProvinceCode, string? CommuneCode, string? AccountId,
    string? Email, Guid? InitiativeId, string? InitiativeTitle, decimal? Amount)
{
    public Recipient ToRecipient() => new(Kind, FullName, OrganizationName, ProvinceCode, CommuneCode, AccountId, Email, InitiativeId, InitiativeTitle, Amount);
}

/// <summary>Đợt đề nghị và tờ trình: calls with their quotas, proposals and their recipients; every act audited.</summary>
public sealed class ProposalStore(ServiceDatabase db, TimeProvider clock)
{
    private const string CallColumns =
        """
        id AS Id, body_key AS BodyKey, body_name AS BodyName, body_province AS BodyProvince, body_commune AS BodyCommune, year AS Year,
        title AS Title, award_type_code AS AwardTypeCode, due_at AS DueAt, created_at AS CreatedAt
        """;

    private const string ProposalColumns =
        """
        id AS Id, call_id AS CallId, proposer_key AS ProposerKey, proposer_name AS ProposerName, status AS Status,
        return_reason AS ReturnReason, submitted_at AS SubmittedAt, decided_at AS DecidedAt
        """;

    public async Task<Guid> CreateCallAsync(
        IssuingBody body, string bodyName, int year, string title, string awardTypeCode, DateTimeOffset dueAt, IReadOnlyList<ProposerQuota> quotas,
        string actor, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using var session = await db.BeginAsync(ct);
        var terms = await AwardTypeStore.TermsAsync(session, awardTypeCode, ct) ?? throw AwardTypeCatalogue.UnknownType.ToException();
        if (!terms.Active)
        {
            throw AwardTypeCatalogue.RetiredType.ToException();
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proposal_calls (id, body_key, body_name, body_province, body_commune, year, title, award_type_code, due_at, created_by)
            VALUES (@id, @Key, @bodyName, @ProvinceCode, @CommuneCode, @year, @title, @awardTypeCode, @dueAt, @actor)
            """, new { id, body.Key, bodyName, body.ProvinceCode, body.CommuneCode, year, title, awardTypeCode, dueAt = dueAt.UtcDateTime, actor },
            session.Tx, cancellationToken: ct));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO proposal_quotas (call_id, proposer_key, proposer_name, quota) VALUES (@id, @ProposerKey, @ProposerName, @Quota)",
            quotas.Select(q => new { id, q.ProposerKey, q.ProposerName, q.Quota }), session.Tx, cancellationToken: ct));
        await AwardsAudit.RecordAsync(session, actor, "call.opened", id, new { title, awardTypeCode, dueAt, quotas }, ct);
        await session.CommitAsync(ct);
        return id;
    }

    public Task<(CallRow? Call, IReadOnlyList<ProposerQuota> Quotas)> FindCallAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync<(CallRow?, IReadOnlyList<ProposerQuota>)>(null, async (c, _) =>
        {
            var call = await c.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition(
                $"SELECT {CallColumns} FROM proposal_calls WHERE id = @id", new { id }, cancellationToken: ct));
            var quotas = (await c.QueryAsync<ProposerQuota>(new CommandDefinition(
                "SELECT proposer_key AS ProposerKey, proposer_name AS ProposerName, quota AS Quota FROM proposal_quotas WHERE call_id = @id ORDER BY proposer_name",
                new { id }, cancellationToken: ct))).ToList();
            return (call, quotas);
        }, ct);

    /// <summary>Calls a body opened, or calls that invite the given proposer, newest first.</summary>
    public Task<IReadOnlyList<CallRow>> ListCallsAsync(string bodyKey, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<CallRow>>(null, async (c, _) => (await c.QueryAsync<CallRow>(new CommandDefinition(
            $"""
            SELECT {CallColumns} FROM proposal_calls
            WHERE body_key = @bodyKey OR id IN (SELECT call_id FROM proposal_quotas WHERE proposer_key = @bodyKey)
            ORDER BY created_at DESC LIMIT 200
            """, new { bodyKey }, cancellationToken: ct))).ToList(), ct);

    /// <summary>
    /// Sends the proposer's proposal for the call, or sends a returned one again with new recipients. The proposer's
    /// row is locked first, so two sends at once cannot both pass the quota.
    /// </summary>
    public async Task<Guid> SubmitAsync(Guid callId, string proposerKey, IReadOnlyList<Recipient> recipients, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var call = await session.Connection.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition(
            $"SELECT {CallColumns} FROM proposal_calls WHERE id = @callId", new { callId }, session.Tx, cancellationToken: ct))
            ?? throw ProposalRules.CallNotFound.ToException();
        var quota = await session.Connection.QuerySingleOrDefaultAsync<ProposerQuota>(new CommandDefinition(
            """
            SELECT proposer_key AS ProposerKey, proposer_name AS ProposerName, quota AS Quota
            FROM proposal_quotas WHERE call_id = @callId AND proposer_key = @proposerKey FOR UPDATE
            """, new { callId, proposerKey }, session.Tx, cancellationToken: ct));
        if (quota is null)
        {
            throw ProposalRules.CallNotFound.ToException();
        }

        var current = await session.Connection.QuerySingleOrDefaultAsync<ProposalRow>(new CommandDefinition(
            $"SELECT {ProposalColumns} FROM proposals WHERE call_id = @callId AND proposer_key = @proposerKey",
            new { callId, proposerKey }, session.Tx, cancellationToken: ct));
        if (ProposalRules.CanSubmit(quota, new DateTimeOffset(call.DueAt, TimeSpan.Zero), clock.GetUtcNow(), current?.Status, recipients.Count) is { } refusal)
        {
            throw refusal.ToException();
        }

        var id = current?.Id ?? Guid.CreateVersion7();
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proposals (id, call_id, proposer_key, proposer_name, status, submitted_by, submitted_at)
            VALUES (@id, @callId, @proposerKey, @ProposerName, 'submitted', @actor, now())
            ON CONFLICT (call_id, proposer_key) DO UPDATE SET status = 'submitted', return_reason = NULL, submitted_by = @actor,
                submitted_at = now(), decided_by = NULL, decided_at = NULL
            """, new { id, callId, proposerKey, quota.ProposerName, actor }, session.Tx, cancellationToken: ct));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM proposal_recipients WHERE proposal_id = @id", new { id }, session.Tx, cancellationToken: ct));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO proposal_recipients (proposal_id, ordinal, kind, full_name, organization_name, province_code, commune_code, account_id,
                                             email, initiative_id, initiative_title, amount)
            VALUES (@id, @Ordinal, @Kind, @FullName, @OrganizationName, @ProvinceCode, @CommuneCode, @AccountId, @Email, @InitiativeId,
                    @InitiativeTitle, @Amount)
            """, recipients.Select((r, i) => new
            {
                id, Ordinal = i + 1, r.Kind, r.FullName, r.OrganizationName, r.ProvinceCode, r.CommuneCode, r.AccountId, r.Email, r.InitiativeId,
                r.InitiativeTitle, r.Amount,
            }), session.Tx, cancellationToken: ct));
        await AwardsAudit.RecordAsync(session, actor, current is null ? "proposal.submitted" : "proposal.resubmitted", id,
            new { callId, recipients = recipients.Count }, ct);
        await session.CommitAsync(ct);
        return id;
    }

    /// <summary>Trả lại (with a reason) or chấp nhận: only the deciding body, only a proposal awaiting it.</summary>
    public async Task DecideAsync(Guid id, string bodyKey, bool accept, string? reason, string actor, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        var row = await session.Connection.QuerySingleOrDefaultAsync<ProposalRow>(new CommandDefinition(
            $"""
            SELECT {ProposalColumns.Replace("id AS Id", "p.id AS Id", StringComparison.Ordinal)} FROM proposals p
            WHERE p.id = @id AND p.call_id IN (SELECT id FROM proposal_calls WHERE body_key = @bodyKey) FOR UPDATE OF p
            """, new { id, bodyKey }, session.Tx, cancellationToken: ct)) ?? throw ProposalRules.NotFound.ToException();
        if (ProposalRules.CanDecide(row.Status) is { } refusal)
        {
            throw refusal.ToException();
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE proposals SET status = @status, return_reason = @reason, decided_by = @actor, decided_at = now() WHERE id = @id",
            new { id, status = accept ? ProposalStatuses.Accepted : ProposalStatuses.Returned, reason, actor }, session.Tx, cancellationToken: ct));
        await AwardsAudit.RecordAsync(session, actor, accept ? "proposal.accepted" : "proposal.returned", id, new { reason }, ct);
        await session.CommitAsync(ct);
    }

    public Task<(ProposalRow? Proposal, CallRow? Call, IReadOnlyList<ProposalRecipientRow> Recipients)> FindAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync<(ProposalRow?, CallRow?, IReadOnlyList<ProposalRecipientRow>)>(null, async (c, _) =>
        {
            var proposal = await c.QuerySingleOrDefaultAsync<ProposalRow>(new CommandDefinition(
                $"SELECT {ProposalColumns} FROM proposals WHERE id = @id", new { id }, cancellationToken: ct));
            if (proposal is null)
            {
                return (null, null, []);
            }

            var call = await c.QuerySingleAsync<CallRow>(new CommandDefinition(
                $"SELECT {CallColumns} FROM proposal_calls WHERE id = @CallId", new { proposal.CallId }, cancellationToken: ct));
            var recipients = (await c.QueryAsync<ProposalRecipientRow>(new CommandDefinition(
                """
                SELECT ordinal AS Ordinal, kind AS Kind, full_name AS FullName, organization_name AS OrganizationName, province_code AS ProvinceCode,
                       commune_code AS CommuneCode, account_id AS AccountId, email AS Email, initiative_id AS InitiativeId,
                       initiative_title AS InitiativeTitle, amount AS Amount
                FROM proposal_recipients WHERE proposal_id = @id ORDER BY ordinal
                """, new { id }, cancellationToken: ct))).ToList();
            return (proposal, call, recipients);
        }, ct);

    public Task<IReadOnlyList<ProposalRow>> ListForCallAsync(Guid callId, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<ProposalRow>>(null, async (c, _) => (await c.QueryAsync<ProposalRow>(new CommandDefinition(
            $"SELECT {ProposalColumns} FROM proposals WHERE call_id = @callId ORDER BY proposer_name", new { callId }, cancellationToken: ct))).ToList(), ct);
}
