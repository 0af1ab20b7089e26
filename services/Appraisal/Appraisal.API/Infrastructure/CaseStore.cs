using DoanKetSangTao.Messaging;
using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

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

    /// <summary>Where the case stands, for the state rule (<see cref="CaseStanding.Refuse"/>).</summary>
    public CaseStanding Standing => new(State, Title, WithdrawnAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, WithdrawalReason);
}

/// <summary>A screening as the case records it, and what a rejection publishes (the minutes' number and date, the comment).</summary>
public sealed record ScreeningRecord(string State, object Record, bool Rejected, string? MinutesNumber, DateOnly? MinutesDate, string? Comment);

/// <summary>A decision as the case records it.</summary>
public sealed record DecisionRecord(bool Recognized, decimal? AggregateTotal, string? Grade, string DecisionNumber, DateOnly DecisionDate, string? Comment);

/// <summary>Hồ sơ thẩm định: the cases' rows and every change of one.</summary>
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

    /// <summary>The case, or null when there is none.</summary>
    public static Task<CaseRow?> LoadAsync(DatabaseSession db, Guid id, CancellationToken ct) => LoadAsync(db, id, forUpdate: false, ct);

    /// <summary>The case, its row locked for the change that follows, or null when there is none.</summary>
    public static Task<CaseRow?> LockAsync(DatabaseSession db, Guid id, CancellationToken ct) => LoadAsync(db, id, forUpdate: true, ct);

    private static Task<CaseRow?> LoadAsync(DatabaseSession db, Guid id, bool forUpdate, CancellationToken ct) =>
        db.Connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
            $"SELECT {Columns} FROM appraisal_cases c WHERE c.id = @id{(forUpdate ? " FOR UPDATE" : string.Empty)}", new { id }, db.Transaction, cancellationToken: ct));

    /// <summary>Every case of the council, oldest first.</summary>
    public static async Task<List<CaseRow>> OfCouncilAsync(DatabaseSession db, Guid councilId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"SELECT {Columns} FROM appraisal_cases c WHERE c.council_id = @councilId ORDER BY c.opened_at, c.id",
            new { councilId }, db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>The council's cases assigned to a member, oldest first.</summary>
    public static async Task<List<CaseRow>> AssignedToAsync(DatabaseSession db, Guid councilId, Guid personId, CancellationToken ct) =>
        (await db.Connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM appraisal_cases c JOIN case_assignments a ON a.case_id = c.id
            WHERE c.council_id = @councilId AND a.person_id = @personId ORDER BY c.opened_at, c.id
            """, new { councilId, personId }, db.Transaction, cancellationToken: ct))).AsList();

    /// <summary>
    /// The admitted cases to share out, locked: those named, or else those nobody is assigned to yet, oldest first.
    /// </summary>
    public static async Task<List<CaseRow>> LockUnassignedAsync(DatabaseSession db, Guid councilId, IReadOnlyList<Guid>? caseIds, CancellationToken ct) =>
        (await db.Connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM appraisal_cases c
            WHERE c.council_id = @councilId AND c.state = 'admitted'
              AND (@caseIds::uuid[] IS NULL OR c.id = ANY(@caseIds))
              AND (@caseIds::uuid[] IS NOT NULL OR NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id))
            ORDER BY c.opened_at FOR UPDATE
            """, new { councilId, caseIds = caseIds?.ToArray() }, db.Tx, cancellationToken: ct))).AsList();

    /// <summary>Records a screening; a rejection also records the council's minutes and announces nothing by itself.</summary>
    public static Task RecordScreeningAsync(DatabaseSession db, Guid id, ScreeningRecord s, DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE appraisal_cases SET state = @State, screening = @record::jsonb, updated_at = @now,
                recognized = CASE WHEN @Rejected THEN false ELSE recognized END,
                decision_number = CASE WHEN @Rejected THEN @MinutesNumber ELSE decision_number END,
                decision_date = CASE WHEN @Rejected THEN @date ELSE decision_date END,
                published_comment = CASE WHEN @Rejected THEN @Comment ELSE published_comment END,
                decided_at = CASE WHEN @Rejected THEN @now ELSE decided_at END
            WHERE id = @id
            """,
            new
            {
                id, s.State, record = JsonSerializer.Serialize(s.Record, CouncilState.Json), now = now.UtcDateTime, s.Rejected, s.MinutesNumber,
                date = s.MinutesDate?.ToDateTime(TimeOnly.MinValue), s.Comment,
            }, db.Tx, cancellationToken: ct));

    /// <summary>Whether appraisal knows the initiative: in the similarity corpus or as a case.</summary>
    public static Task<bool> IsKnownInitiativeAsync(DatabaseSession db, Guid initiativeId, CancellationToken ct) =>
        db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM similarity_corpus WHERE initiative_id = @initiativeId) OR EXISTS (SELECT 1 FROM appraisal_cases WHERE initiative_id = @initiativeId)",
            new { initiativeId }, db.Transaction, cancellationToken: ct));

    /// <summary>Marks the case a duplicate of an earlier initiative.</summary>
    public static Task MarkDuplicateAsync(DatabaseSession db, Guid id, Guid original, string? note, DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE appraisal_cases SET duplicate_of_initiative_id = @original, duplicate_note = @note, updated_at = @now WHERE id = @id",
            new { id, original, note, now = now.UtcDateTime }, db.Tx, cancellationToken: ct));

    /// <summary>Records the decision, and moves the initiative's stage in the similarity corpus (recognized or not).</summary>
    public static async Task RecordDecisionAsync(DatabaseSession db, CaseRow row, DecisionRecord d, DateTimeOffset now, CancellationToken ct)
    {
        await db.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE appraisal_cases SET state = 'decided', recognized = @Recognized, aggregate_total = @AggregateTotal, grade = @Grade, decision_number = @DecisionNumber,
                decision_date = @date, published_comment = @Comment, decided_at = @now, updated_at = @now
            WHERE id = @Id
            """,
            new
            {
                row.Id, d.Recognized, d.AggregateTotal, d.Grade, d.DecisionNumber, date = d.DecisionDate.ToDateTime(TimeOnly.MinValue), d.Comment,
                now = now.UtcDateTime,
            }, db.Tx, cancellationToken: ct));
        await SimilarInitiatives.RefreshStageAsync(db, row.InitiativeId, ct);
    }

    /// <summary>How many of the council's cases it has nominated upward.</summary>
    public static Task<int> CountNominatedAsync(DatabaseSession db, Guid councilId, CancellationToken ct) =>
        db.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM appraisal_cases WHERE council_id = @councilId AND nominated_to_case_id IS NOT NULL",
            new { councilId }, db.Transaction, cancellationToken: ct));

    /// <summary>
    /// Opens the nominated case in the council above, a copy of the lower one with its result attached, and links the two;
    /// false when the council above already holds a case of the initiative.
    /// </summary>
    public static async Task<bool> NominateAsync(DatabaseSession db, Guid caseId, Guid upperCaseId, Guid upperCouncilId, object lowerResult,
        DateTimeOffset now, CancellationToken ct)
    {
        var inserted = await db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO appraisal_cases (id, council_id, initiative_id, dossier_id, dossier_version, campaign_id, title, kind, field, organization_id,
                                         province_code, commune_code, author_org_ids, submitted_by, submitted_at, state, nominated_from_case_id,
                                         lower_result, opened_at, updated_at)
            SELECT @upperCaseId, @upperCouncilId, initiative_id, dossier_id, dossier_version, campaign_id, title, kind, field, organization_id,
                   province_code, commune_code, author_org_ids, submitted_by, submitted_at, 'screening', id, @lower::jsonb, @now, @now
            FROM appraisal_cases WHERE id = @caseId
            ON CONFLICT (council_id, initiative_id) DO NOTHING;
            """,
            new { upperCaseId, upperCouncilId, caseId, lower = JsonSerializer.Serialize(lowerResult, CouncilState.Json), now = now.UtcDateTime },
            db.Tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        await db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE appraisal_cases SET nominated_to_case_id = @upperCaseId, updated_at = @now WHERE id = @caseId",
            new { upperCaseId, caseId, now = now.UtcDateTime }, db.Tx, cancellationToken: ct));
        return true;
    }
}
