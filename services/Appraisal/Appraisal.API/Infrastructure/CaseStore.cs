using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>Trạng thái hồ sơ thẩm định.</summary>
public static class CaseState
{
    /// <summary>Chờ sơ loại: received, the secretary has not screened it yet.</summary>
    public const string Screening = "screening";

    /// <summary>Đã tiếp nhận: admitted, being assigned and scored.</summary>
    public const string Admitted = "admitted";

    /// <summary>Trả để bổ sung: waiting for the author's next version.</summary>
    public const string Returned = "returned";

    /// <summary>Bị loại: rejected at screening, with the ground.</summary>
    public const string Rejected = "rejected";

    /// <summary>Đã có quyết định: recognized or not.</summary>
    public const string Decided = "decided";

    /// <summary>Đã đóng do tác giả rút sáng kiến: closed, nothing more is done on it.</summary>
    public const string Withdrawn = "withdrawn";

    public static string NameOf(string state) => state switch
    {
        Screening => "chờ sơ loại",
        Admitted => "đang thẩm định",
        Returned => "đã trả để bổ sung",
        Rejected => "bị loại",
        Decided => "đã có quyết định",
        Withdrawn => "đã đóng do tác giả rút sáng kiến",
        _ => state,
    };
}

/// <summary>A case's row (settable properties: Dapper binds arrays through setters).</summary>
public sealed class CaseRow
{
    public Guid Id { get; set; }

    public Guid CouncilId { get; set; }

    public Guid InitiativeId { get; set; }

    public Guid DossierId { get; set; }

    public int DossierVersion { get; set; }

    public Guid CampaignId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string? Field { get; set; }

    public Guid OrganizationId { get; set; }

    public string ProvinceCode { get; set; } = string.Empty;

    public string CommuneCode { get; set; } = string.Empty;

    public Guid[] AuthorOrgIds { get; set; } = [];

    public string SubmittedBy { get; set; } = string.Empty;

    public DateTime SubmittedAt { get; set; }

    public string State { get; set; } = string.Empty;

    public string? Screening { get; set; }

    public Guid? DuplicateOfInitiativeId { get; set; }

    public string? DuplicateNote { get; set; }

    public Guid? NominatedFromCaseId { get; set; }

    public string? LowerResult { get; set; }

    public bool? Recognized { get; set; }

    public decimal? AggregateTotal { get; set; }

    public string? Grade { get; set; }

    public string? DecisionNumber { get; set; }

    public DateTime? DecisionDate { get; set; }

    public string? PublishedComment { get; set; }

    public DateTime? DecidedAt { get; set; }

    public Guid? NominatedToCaseId { get; set; }

    public DateTime OpenedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    public string? WithdrawalReason { get; set; }

    public AppraisalCase ToDomain() => new(Id, Title, AuthorOrgIds, new DateTimeOffset(SubmittedAt, TimeSpan.Zero));
}

public static class CaseStore
{
    public const string Columns = """
        c.id AS Id, c.council_id AS CouncilId, c.initiative_id AS InitiativeId, c.dossier_id AS DossierId, c.dossier_version AS DossierVersion,
        c.campaign_id AS CampaignId, c.title AS Title, c.kind AS Kind, c.field AS Field, c.organization_id AS OrganizationId,
        c.province_code AS ProvinceCode, c.commune_code AS CommuneCode, c.author_org_ids AS AuthorOrgIds, c.submitted_by AS SubmittedBy,
        c.submitted_at AS SubmittedAt, c.state AS State, c.screening::text AS Screening, c.duplicate_of_initiative_id AS DuplicateOfInitiativeId,
        c.duplicate_note AS DuplicateNote, c.nominated_from_case_id AS NominatedFromCaseId, c.lower_result::text AS LowerResult,
        c.recognized AS Recognized, c.aggregate_total AS AggregateTotal, c.grade AS Grade, c.decision_number AS DecisionNumber,
        c.decision_date AS DecisionDate, c.published_comment AS PublishedComment, c.decided_at AS DecidedAt,
        c.nominated_to_case_id AS NominatedToCaseId, c.opened_at AS OpenedAt, c.updated_at AS UpdatedAt,
        c.withdrawn_at AS WithdrawnAt, c.withdrawal_reason AS WithdrawalReason
        """;

    /// <summary>The case; 404 when there is none. With a transaction, the row is locked for the change that follows.</summary>
    public static async Task<CaseRow> LoadAsync(NpgsqlConnection connection, Guid id, NpgsqlTransaction? tx = null, CancellationToken ct = default) =>
        await connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
            $"SELECT {Columns} FROM appraisal_cases c WHERE c.id = @id{(tx is null ? string.Empty : " FOR UPDATE")}", new { id }, tx, cancellationToken: ct))
        ?? throw new ProblemException(StatusCodes.Status404NotFound, "case_not_found", "Không tìm thấy hồ sơ thẩm định.");

    /// <summary>
    /// 409 unless the case is in one of the states the operation needs; every act on a case the author withdrew is refused
    /// with <c>case_withdrawn</c>, saying when and why.
    /// </summary>
    public static void EnsureState(CaseRow row, string action, params string[] states)
    {
        if (row.State == CaseState.Withdrawn)
        {
            var when = row.WithdrawnAt is { } at ? $" ngày {VietnamTime.ToLocal(new DateTimeOffset(at, TimeSpan.Zero)):dd/MM/yyyy}" : string.Empty;
            throw new ProblemException(StatusCodes.Status409Conflict, AppraisalErrors.CaseWithdrawn,
                $"Không thể {action}: tác giả đã rút sáng kiến \"{row.Title}\"{when}"
                + (string.IsNullOrEmpty(row.WithdrawalReason) ? string.Empty : $" (lý do: {row.WithdrawalReason})")
                + ". Hồ sơ thẩm định đã đóng; hội đồng không thực hiện thêm thao tác nào trên hồ sơ này.");
        }

        if (!states.Contains(row.State))
        {
            throw new ProblemException(StatusCodes.Status409Conflict, "case_state_invalid",
                $"Không thể {action}: hồ sơ \"{row.Title}\" đang ở trạng thái \"{CaseState.NameOf(row.State)}\".");
        }
    }
}

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
    public static async Task<Guid?> OpenAsync(NpgsqlTransaction tx, Outbox outbox, Guid dossierId, int version, DateTimeOffset now, CancellationToken ct)
    {
        var connection = tx.Connection!;
        // A received version has the columns a case copies: read into the case's own row type.
        var d = await connection.QuerySingleAsync<CaseRow>(new CommandDefinition(
            $"SELECT {ReceivedColumns} FROM received_dossiers WHERE dossier_id = @dossierId AND version = @version",
            new { dossierId, version }, tx, cancellationToken: ct));

        // Serializes intake with the setting up of councils of the same campaign: without it, a dossier arriving while a
        // council is created is seen by neither (the set-up misses the uncommitted dossier, the intake the new council).
        await LockCampaignAsync(tx, d.CampaignId, ct);

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
            await AuditTrail.RecordAsync(tx, existing.CouncilId, existing.Id, "case_reopened", "system", new { d.DossierId, Version = d.DossierVersion }, now, ct);
            await AnnounceAsync(tx, outbox, existing.Id, existing.CouncilId, d, now, ct);
            return existing.Id;
        }

        Guid? councilId = null;
        foreach (var level in new[] { CouncilLevel.Commune, CouncilLevel.Province, CouncilLevel.Central })
        {
            councilId = await CouncilStore.FindCoveringAsync(connection, tx, d.CampaignId, level, d.ProvinceCode, d.CommuneCode, ct);
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
        await AuditTrail.RecordAsync(tx, council, caseId, "case_opened", "system", new { d.DossierId, Version = d.DossierVersion }, now, ct);
        await AnnounceAsync(tx, outbox, caseId, council, d, now, ct);
        return caseId;
    }

    /// <summary>Takes the campaign's intake lock until the transaction ends (council set-up and the intake of its dossiers).</summary>
    public static Task LockCampaignAsync(NpgsqlTransaction tx, Guid campaignId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('appraisal-intake:' || @campaignId::text))", new { campaignId }, tx, cancellationToken: ct));

    private static async Task AnnounceAsync(NpgsqlTransaction tx, Outbox outbox, Guid caseId, Guid council, CaseRow d, DateTimeOffset now, CancellationToken ct)
    {
        var level = await tx.Connection!.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT level FROM councils WHERE id = @council", new { council }, tx, cancellationToken: ct));
        await outbox.EnqueueAsync(new AppraisalCaseOpened(Guid.CreateVersion7(), now, caseId, council, level!, d.InitiativeId, d.DossierVersion), tx, ct);
    }

    /// <summary>
    /// When a council is set up, the dossiers already received in its scope and campaign that no council holds yet become its
    /// cases (the latest version of each).
    /// </summary>
    public static async Task<int> BackfillAsync(NpgsqlTransaction tx, Outbox outbox, CouncilState council, DateTimeOffset now, CancellationToken ct)
    {
        var waiting = await tx.Connection!.QueryAsync<(Guid DossierId, int Version)>(new CommandDefinition(
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
            tx, cancellationToken: ct));
        var opened = 0;
        foreach (var (dossierId, version) in waiting)
        {
            opened += await OpenAsync(tx, outbox, dossierId, version, now, ct) is null ? 0 : 1;
        }

        return opened;
    }
}

/// <summary>
/// Phân công chấm: sets who scores a case. A member who has started a score sheet stays on it; each newly assigned
/// member is told (<see cref="AppraisalCaseAssigned"/>, through the outbox, in the same transaction).
/// </summary>
public static class CaseAssignments
{
    public static async Task SetAsync(NpgsqlTransaction tx, CouncilState council, CaseRow row, IReadOnlyCollection<Guid> memberIds, bool automatic,
        string actor, Outbox outbox, DateTimeOffset now, CancellationToken ct)
    {
        var ids = memberIds.Distinct().ToArray();
        var connection = tx.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM case_assignments a WHERE a.case_id = @id AND NOT (a.person_id = ANY(@ids))
              AND NOT EXISTS (SELECT 1 FROM score_sheets sh WHERE sh.case_id = a.case_id AND sh.person_id = a.person_id)
            """, new { id = row.Id, ids }, tx, cancellationToken: ct));
        var added = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            INSERT INTO case_assignments (case_id, person_id, assigned_at, assigned_by)
            SELECT @id, unnest(@ids), @now, @actor ON CONFLICT DO NOTHING RETURNING person_id
            """, new { id = row.Id, ids, now = now.UtcDateTime, actor }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, row.CouncilId, row.Id, "assigned", actor, new { MemberIds = ids, Automatic = automatic }, now, ct);
        foreach (var personId in added)
        {
            var member = council.Tenures.Last(t => t.PersonId == personId);
            await outbox.EnqueueAsync(new AppraisalCaseAssigned(Guid.CreateVersion7(), now, row.Id, row.CouncilId, council.Row.Name, row.InitiativeId,
                row.Title, personId, member.UserId, member.FullName, member.Email), tx, ct);
        }
    }
}

/// <summary>
/// Nhật ký thẩm định: one append-only row per screening, assignment, score, decision and nomination (the table refuses
/// updates and deletes), written in the transaction of the act it records.
/// </summary>
public static class AuditTrail
{
    public static Task RecordAsync(NpgsqlTransaction tx, Guid councilId, Guid? caseId, string action, string actor, object details,
        DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_entries (council_id, case_id, action, actor, at, details) VALUES (@councilId, @caseId, @action, @actor, @at, @details::jsonb)",
            new { councilId, caseId, action, actor, at = now.UtcDateTime, details = JsonSerializer.Serialize(details, CouncilState.Json) },
            tx, cancellationToken: ct));
}
