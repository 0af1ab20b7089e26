using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Contracts.IntegrationEvents;
using Vocabulary = DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Tiếp nhận hồ sơ vào hội đồng: a submitted dossier version becomes a case of the lowest council of its campaign whose
/// scope covers it (a commune council if the province set one up there, else the province's, else the centre's for a
/// national campaign). A version submitted again after a return reopens the same case. Every opening is announced
/// (<see cref="AppraisalCaseOpened"/>) through the outbox in the same transaction, and recorded in the audit trail.
/// </summary>
public static class CaseIntake
{
    private const string ReceivedColumns = """
        dossier_id AS DossierId, version AS DossierVersion, initiative_id AS InitiativeId, campaign_id AS CampaignId, title AS Title, kind AS Kind,
        field AS Field, organization_id AS OrganizationId, province_code AS ProvinceCode, commune_code AS CommuneCode,
        author_org_ids AS AuthorOrgIds, submitted_by AS SubmittedBy, submitted_at AS SubmittedAt
        """;

    /// <summary>Opens or reopens the case for a received version; null when no council covers it yet (opened when one is set up).</summary>
    public static async Task<Guid?> OpenAsync(DatabaseSession db, Guid dossierId, int version, DateTimeOffset now, CancellationToken ct)
    {
        var connection = db.Connection;
        var tx = db.Tx;
        // A received version has the columns a case copies: read into the case's own row type.
        var d = await connection.QuerySingleAsync<CaseRow>(new CommandDefinition(
            $"SELECT {ReceivedColumns} FROM received_dossiers WHERE dossier_id = @dossierId AND version = @version",
            new { dossierId, version }, tx, cancellationToken: ct));

        // Serializes intake with the setting up of councils of the same campaign: without it, a dossier arriving while a
        // council is created is seen by neither (the set-up misses the uncommitted dossier, the intake the new council).
        await LockCampaignAsync(db, d.CampaignId, ct);

        // The author withdrew it (the withdrawal may overtake the dossier's events): no case is opened for it any more.
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM withdrawn_initiatives WHERE initiative_id = @InitiativeId)", new { d.InitiativeId }, tx, cancellationToken: ct)))
        {
            return null;
        }

        // The initiative's case in this campaign, whichever council holds it: a returned case is reopened where it is, even if
        // a lower council was set up since; a case nominated upward and returned by the council above is reopened there.
        var found = await connection.QueryFirstOrDefaultAsync<(Guid Id, string State, int Version, Guid CouncilId)?>(new CommandDefinition(
            """
            SELECT id, state, dossier_version, council_id FROM appraisal_cases
            WHERE campaign_id = @CampaignId AND initiative_id = @InitiativeId
            ORDER BY (state = 'returned') DESC, opened_at DESC
            LIMIT 1 FOR UPDATE
            """, new { d.CampaignId, d.InitiativeId }, tx, cancellationToken: ct));
        if (found is { } existing)
        {
            if (existing.State != CaseState.Returned || existing.Version >= d.DossierVersion)
            {
                // A redelivery, or a version this case has already moved past: nothing to open.
                return existing.Id;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE appraisal_cases SET dossier_id = @DossierId, dossier_version = @Version, title = @Title, field = @Field,
                    author_org_ids = @AuthorOrgIds, submitted_at = @SubmittedAt, state = 'screening', screening = NULL, updated_at = @now
                WHERE id = @Id
                """,
                new { d.DossierId, Version = d.DossierVersion, d.Title, d.Field, d.AuthorOrgIds, d.SubmittedAt, now = now.UtcDateTime, existing.Id },
                tx, cancellationToken: ct));
            await AuditTrail.RecordAsync(db, existing.CouncilId, existing.Id, "case_reopened", "system", new { d.DossierId, Version = d.DossierVersion }, now, ct);
            await AnnounceAsync(db, existing.Id, existing.CouncilId, d, now, ct);
            return existing.Id;
        }

        Guid? councilId = null;
        // From the lowest level up: the contracts' order of levels.
        foreach (var level in Vocabulary.CouncilLevels.All.Select(CouncilLevels.Parse))
        {
            councilId = await CouncilStore.FindCoveringAsync(db, d.CampaignId, level, d.ProvinceCode, d.CommuneCode, ct);
            if (councilId is not null)
            {
                break;
            }
        }

        if (councilId is not { } council)
        {
            return null;
        }

        var caseId = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO appraisal_cases (id, council_id, initiative_id, dossier_id, dossier_version, campaign_id, title, kind, field, organization_id,
                                         province_code, commune_code, author_org_ids, submitted_by, submitted_at, state, opened_at, updated_at)
            VALUES (@caseId, @council, @InitiativeId, @DossierId, @Version, @CampaignId, @Title, @Kind, @Field, @OrganizationId,
                    @ProvinceCode, @CommuneCode, @AuthorOrgIds, @SubmittedBy, @SubmittedAt, 'screening', @now, @now)
            """,
            new
            {
                caseId, council, d.InitiativeId, d.DossierId, Version = d.DossierVersion, d.CampaignId, d.Title, d.Kind, d.Field, d.OrganizationId,
                d.ProvinceCode, d.CommuneCode, d.AuthorOrgIds, d.SubmittedBy, d.SubmittedAt, now = now.UtcDateTime,
            }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(db, council, caseId, "case_opened", "system", new { d.DossierId, Version = d.DossierVersion }, now, ct);
        await AnnounceAsync(db, caseId, council, d, now, ct);
        return caseId;
    }

    /// <summary>Takes the campaign's intake lock until the transaction ends (council set-up and the intake of its dossiers).</summary>
    public static Task LockCampaignAsync(DatabaseSession db, Guid campaignId, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('appraisal-intake:' || @campaignId::text))", new { campaignId }, db.Tx, cancellationToken: ct));

    private static Task AnnounceAsync(DatabaseSession db, Guid caseId, Guid council, CaseRow d, DateTimeOffset now, CancellationToken ct) =>
        CaseAnnouncement.PublishOpenedAsync(db, caseId, council, d.InitiativeId, d.DossierVersion, d.Title, now, ct);

    /// <summary>
    /// When a council is set up, the dossiers already received in its scope and campaign that no council holds yet become its
    /// cases (the latest version of each).
    /// </summary>
    public static async Task<int> BackfillAsync(DatabaseSession db, CouncilState council, DateTimeOffset now, CancellationToken ct)
    {
        var waiting = await db.Connection.QueryAsync<(Guid DossierId, int Version)>(new CommandDefinition(
            """
            SELECT DISTINCT ON (r.initiative_id) r.dossier_id, r.version
            FROM received_dossiers r
            WHERE r.campaign_id = @CampaignId
              AND (@level = 'central' OR r.province_code = @province)
              AND (@level <> 'commune' OR r.commune_code = @ScopeCode)
              AND NOT EXISTS (SELECT 1 FROM appraisal_cases c JOIN councils k ON k.id = c.council_id
                              WHERE c.initiative_id = r.initiative_id AND k.campaign_id = r.campaign_id)
            ORDER BY r.initiative_id, r.version DESC
            """,
            new { council.Row.CampaignId, level = council.Row.Level, province = council.Row.ProvinceCode ?? council.Row.ScopeCode, council.Row.ScopeCode },
            db.Tx, cancellationToken: ct));
        var opened = 0;
        foreach (var (dossierId, version) in waiting)
        {
            opened += await OpenAsync(db, dossierId, version, now, ct) is null ? 0 : 1;
        }

        return opened;
    }

    /// <summary>Records a submitted dossier version with the content registration holds for it; a redelivery adds nothing.</summary>
    public static Task ReceiveAsync(DatabaseSession db, ReceivedDossier d, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO received_dossiers (dossier_id, version, initiative_id, campaign_id, title, kind, field, organization_id, province_code,
                                           commune_code, author_org_ids, solution, novelty, attachment_count, submitted_at, submitted_by, source_event_id)
            VALUES (@DossierId, @Version, @InitiativeId, @CampaignId, @Title, @Kind, @Field, @OrganizationId, @ProvinceCode,
                    @CommuneCode, @AuthorOrganizationIds, @Solution, @Novelty, @AttachmentCount, @SubmittedAt, @SubmittedBy, @EventId)
            ON CONFLICT (dossier_id, version) DO NOTHING
            """, d, db.Tx, cancellationToken: ct));

    /// <summary>Opens the intake record of a registered initiative; a redelivery adds nothing.</summary>
    public static Task RecordRegisteredAsync(DatabaseSession db, IntakeRecord r, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO intake_records (initiative_id, campaign_id, title, kind, organization_id, province_code, commune_code,
                                        author_names, registered_at, source_event_id)
            VALUES (@InitiativeId, @CampaignId, @Title, @Kind, @OrganizationId, @ProvinceCode, @CommuneCode,
                    @AuthorNames, @RegisteredAt, @SourceEventId)
            ON CONFLICT (initiative_id) DO NOTHING
            """, r, db.Tx, cancellationToken: ct));

    /// <summary>
    /// Rút sáng kiến: remembers the withdrawal (no case is opened for the initiative afterwards) and closes its open cases
    /// (screening, admitted or returned) with when and why, each in the audit trail. Decided and rejected cases keep their outcome.
    /// </summary>
    public static async Task WithdrawAsync(DatabaseSession db, InitiativeWithdrawn w, CancellationToken ct)
    {
        var connection = db.Connection;
        // Serialized with intake in the campaign: a case being opened at this moment is either seen here and closed, or sees
        // the withdrawal and is not opened.
        await LockCampaignAsync(db, w.CampaignId, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO withdrawn_initiatives (initiative_id, withdrawn_at, reason, withdrawn_by, source_event_id)
            VALUES (@InitiativeId, @At, @Reason, @WithdrawnBy, @EventId) ON CONFLICT (initiative_id) DO NOTHING
            """,
            new { w.InitiativeId, At = w.OccurredAt.UtcDateTime, w.Reason, w.WithdrawnBy, w.EventId }, db.Tx, cancellationToken: ct));
        var open = (await connection.QueryAsync<(Guid Id, Guid CouncilId, string State)>(new CommandDefinition(
            """
            SELECT id, council_id, state FROM appraisal_cases
            WHERE initiative_id = @InitiativeId AND state IN ('screening', 'admitted', 'returned') FOR UPDATE
            """, new { w.InitiativeId }, db.Tx, cancellationToken: ct))).AsList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE appraisal_cases SET state = 'withdrawn', withdrawn_at = @At, withdrawal_reason = @Reason, updated_at = now() WHERE id = ANY(@Ids)",
            new { Ids = open.Select(c => c.Id).ToArray(), At = w.OccurredAt.UtcDateTime, w.Reason }, db.Tx, cancellationToken: ct));
        foreach (var (id, councilId, state) in open)
        {
            await AuditTrail.RecordAsync(db, councilId, id, "case_withdrawn", w.WithdrawnBy,
                new { FromState = state, w.Reason, WithdrawnAt = w.OccurredAt }, w.OccurredAt, ct);
        }
    }
}

/// <summary>A submitted dossier version as appraisal receives it (the event's fields and registration's content).</summary>
public sealed record ReceivedDossier(
    Guid DossierId, int Version, Guid InitiativeId, Guid CampaignId, string Title, string Kind, string? Field, Guid OrganizationId,
    string ProvinceCode, string CommuneCode, Guid[] AuthorOrganizationIds, string? Solution, string? Novelty, int AttachmentCount,
    DateTime SubmittedAt, string SubmittedBy, Guid EventId);

/// <summary>A registered initiative's intake record.</summary>
public sealed record IntakeRecord(
    Guid InitiativeId, Guid CampaignId, string Title, string Kind, Guid OrganizationId, string ProvinceCode, string CommuneCode,
    string[] AuthorNames, DateTime RegisteredAt, Guid SourceEventId);
