using System.Text.Json;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Apis;

public sealed record ScreeningRequest(
    string? Outcome, ScreeningChecklist? Checklist, string? Reason, string? Ground, string? DecisionNumber, DateOnly? DecisionDate);

public sealed record DuplicateRequest(Guid? InitiativeId, string? Note);

public sealed record AssignRequest(IReadOnlyList<Guid>? PersonIds);

public sealed record DeclareConflictRequest(string? Reason);

public sealed record ScoresRequest(IReadOnlyList<CriterionScore?>? Scores);

public sealed record DecisionRequest(bool? Recognized, string? DecisionNumber, DateOnly? DecisionDate, string? Reason, string? PublishedComment);

public sealed record ScoreSheetResponse(Guid PersonId, string FullName, string State, IReadOnlyList<CriterionScore> Scores, decimal Total,
    DateTimeOffset? SubmittedAt);

public sealed record ScoresResponse(IReadOnlyList<ScoreSheetResponse> Sheets, int Hidden, string? Notice);

public sealed record AggregateResponse(
    CaseAggregate Aggregate, decimal? Spread, bool LargeDisagreement, QuorumStatus Quorum, string Recommendation, string? Grade, bool QuorumMet);

public sealed record AssigneeResponse(Guid PersonId, string FullName, string Role, bool Submitted, bool Conflicted);

public sealed record CaseResponse(
    Guid Id, Guid CouncilId, string CouncilName, string CouncilLevel, Guid InitiativeId, Guid DossierId, int DossierVersion, string Title, string Kind,
    string? Field, string ProvinceCode, string CommuneCode, string State, string StateName, DateTimeOffset SubmittedAt, DateTimeOffset OpenedAt,
    JsonElement? Screening, Guid? DuplicateOfInitiativeId, string? DuplicateNote, Guid? NominatedFromCaseId, JsonElement? LowerResult,
    IReadOnlyList<AssigneeResponse> Assignees, bool? Recognized, decimal? AggregateTotal, string? Grade, string? DecisionNumber, DateOnly? DecisionDate,
    string? PublishedComment, Guid? NominatedToCaseId);

public sealed record OutcomeResponse(Guid CaseId, string CouncilName, string CouncilLevel, string State, string StateName, bool? Recognized,
    decimal? AggregateTotal, string? Grade, string? DecisionNumber, DateOnly? DecisionDate, string? Comment, bool Nominated);

/// <summary>
/// Hồ sơ thẩm định: screening by the secretary, similar earlier initiatives, assignment, declared conflicts, score sheets,
/// the aggregate and the decision. Members see only the cases assigned to them; authors see their outcome only.
/// </summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/appraisals").WithTags("Hồ sơ thẩm định (appraisal cases)");
        var council = api.MapGroup("/cases").RequireRoles(PlatformRoles.CouncilSecretary, PlatformRoles.CouncilMember, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        council.MapGet("/{id:guid}", GetCase);
        council.MapPost("/{id:guid}/screening", Screen);
        council.MapGet("/{id:guid}/similar", GetSimilar);
        council.MapPost("/{id:guid}/duplicate", MarkDuplicate);
        council.MapPut("/{id:guid}/assignments", Assign);
        council.MapPost("/{id:guid}/conflicts", DeclareConflict);
        council.MapGet("/{id:guid}/scores", GetScores);
        council.MapPut("/{id:guid}/scores/mine", SaveScores);
        council.MapPost("/{id:guid}/scores/mine/submit", SubmitScores);
        council.MapGet("/{id:guid}/aggregate", GetAggregate);
        council.MapPost("/{id:guid}/decision", Decide);
        api.MapGet("/outcomes", GetOutcomes).RequireRoles(PlatformRoles.Author);
        return api;
    }

    public static async Task<Ok<CaseResponse>> GetCase(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var (row, council) = await ReadableAsync(connection, id, s, ct);
        return TypedResults.Ok(await ResponseAsync(connection, row, council, s, ct));
    }

    /// <summary>
    /// Sơ loại: the secretary admits the case, returns it for completion (registration marks the version returned and the
    /// author is told), or rejects it on a ground (announced as not recognized). The movement-plan condition is checked
    /// against registration.
    /// </summary>
    public static async Task<Ok<CaseResponse>> Screen(Guid id, ScreeningRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await CaseStore.LoadAsync(connection, id, tx, ct);
        var council = await CouncilStore.LoadAsync(connection, row.CouncilId, ct: ct);
        council.EnsureRunBy(s.User, now);
        // The request is read only once the caller is known to run this council (403 before 400).
        var outcome = request.Outcome switch
        {
            "admit" => ScreeningOutcome.Admit,
            "return" => ScreeningOutcome.Return,
            "reject" => ScreeningOutcome.Reject,
            _ => throw Problems.ValidationException("outcome", "Kết quả sơ loại phải là admit (tiếp nhận), return (trả để bổ sung) hoặc reject (loại)."),
        };
        var checklist = request.Checklist ?? throw Problems.ValidationException("checklist", "Vui lòng điền phiếu sơ loại (thành phần hồ sơ, trường hợp loại trừ, điều kiện).");
        CaseStore.EnsureState(row, "sơ loại hồ sơ", CaseState.Screening);
        var (hasPlan, planNumber) = await s.Organizations.MovementPlanAsync(row.OrganizationId, row.CampaignId, ct);
        Screening.Check(outcome, checklist, request.Reason, request.Ground, hasPlan, row.DuplicateOfInitiativeId is not null,
            request.DecisionNumber, request.DecisionDate, now);
        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        var ground = outcome == ScreeningOutcome.Reject ? request.Ground : null;
        var record = new { Outcome = request.Outcome, checklist, Reason = reason, Ground = ground, MovementPlanOnRecord = hasPlan, MovementPlanNumber = planNumber, By = s.Actor, At = now };
        var state = outcome switch { ScreeningOutcome.Admit => CaseState.Admitted, ScreeningOutcome.Return => CaseState.Returned, _ => CaseState.Rejected };
        string? comment = null;
        if (outcome == ScreeningOutcome.Reject)
        {
            comment = $"Hồ sơ không đủ điều kiện xét công nhận: {ScreeningGrounds.NameOf(request.Ground!)}" + (reason is null ? "." : $". {reason}");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE appraisal_cases SET state = @state, screening = @record::jsonb, updated_at = @now,
                recognized = CASE WHEN @reject THEN false ELSE recognized END,
                decision_number = CASE WHEN @reject THEN @number ELSE decision_number END,
                decision_date = CASE WHEN @reject THEN @date ELSE decision_date END,
                published_comment = CASE WHEN @reject THEN @comment ELSE published_comment END,
                decided_at = CASE WHEN @reject THEN @now ELSE decided_at END
            WHERE id = @id
            """,
            new
            {
                id, state, record = JsonSerializer.Serialize(record, CouncilState.Json), now = now.UtcDateTime, reject = outcome == ScreeningOutcome.Reject,
                number = VietnameseText.TryNormalize(request.DecisionNumber), date = request.DecisionDate?.ToDateTime(TimeOnly.MinValue), comment,
            }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, row.CouncilId, id, "screened", s.Actor, record, now, ct);
        if (outcome == ScreeningOutcome.Return)
        {
            await s.Outbox.EnqueueAsync(new DossierReturnedForCompletion(Guid.CreateVersion7(), now, id, row.CouncilId, row.InitiativeId, row.DossierVersion,
                reason!, s.Actor, council.Row.Level), tx, ct);
        }
        else if (outcome == ScreeningOutcome.Reject)
        {
            await s.Outbox.EnqueueAsync(new AppraisalDecisionMade(Guid.CreateVersion7(), now, id, row.CouncilId, council.Row.Level, row.InitiativeId, false,
                null, null, VietnameseText.TryNormalize(request.DecisionNumber)!, request.DecisionDate!.Value, comment, row.CampaignId, row.ProvinceCode,
                row.CommuneCode, row.Title), tx, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CaseStore.LoadAsync(connection, id, ct: ct), council, s, ct));
    }

    /// <summary>
    /// Sáng kiến tương tự: the earlier initiatives (any year, any province) most like the case, by title and summary with
    /// diacritics ignored, for the council to judge novelty and spot duplicates; only those submitted to a council or
    /// recognized, with title, province and year (docs/decisions/0008-similar-initiatives-visibility.md).
    /// </summary>
    public static async Task<Ok<List<SimilarInitiative>>> GetSimilar(Guid id, int? limit, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var take = limit ?? 10;
        if (take is < 1 or > SimilarInitiatives.MaxLimit)
        {
            throw Problems.ValidationException("limit", $"Số sáng kiến tương tự cần xem từ 1 đến {SimilarInitiatives.MaxLimit}.");
        }

        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var (row, _) = await ReadableAsync(connection, id, s, ct);
        // The case's own registration summary, compared with the others' (like with like); null if not in the corpus.
        var summary = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT summary FROM similarity_corpus WHERE initiative_id = @InitiativeId", new { row.InitiativeId }, cancellationToken: ct));
        return TypedResults.Ok((await SimilarInitiatives.FindAsync(connection, row.Title, summary, row.InitiativeId, take, ct)).ToList());
    }

    /// <summary>Đánh dấu trùng lặp: the case repeats an earlier initiative (found among the similar ones); a ground to reject it.</summary>
    public static async Task<Ok<CaseResponse>> MarkDuplicate(Guid id, DuplicateRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await CaseStore.LoadAsync(connection, id, tx, ct);
        var council = await CouncilStore.LoadAsync(connection, row.CouncilId, ct: ct);
        council.EnsureRunBy(s.User, now);
        CaseStore.EnsureState(row, "đánh dấu trùng lặp", CaseState.Screening, CaseState.Admitted);
        if (request.InitiativeId is not { } original || original == row.InitiativeId)
        {
            throw Problems.ValidationException("initiativeId", "Vui lòng chọn sáng kiến trước đó mà hồ sơ này trùng lặp (không phải chính sáng kiến này).");
        }

        var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM similarity_corpus WHERE initiative_id = @original) OR EXISTS (SELECT 1 FROM appraisal_cases WHERE initiative_id = @original)",
            new { original }, tx, cancellationToken: ct));
        if (!known)
        {
            throw Problems.ValidationException("initiativeId", "Không tìm thấy sáng kiến này trong dữ liệu thẩm định.");
        }

        var note = VietnameseText.TryNormalize(request.Note, allowNewLines: true);
        if (request.Note is not null && note is not { Length: <= 2000 })
        {
            throw Problems.ValidationException("note", "Ghi chú dài tối đa 2000 ký tự, bằng chữ tiếng Việt thông thường.");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE appraisal_cases SET duplicate_of_initiative_id = @original, duplicate_note = @note, updated_at = @now WHERE id = @id",
            new { id, original, note, now = now.UtcDateTime }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, row.CouncilId, id, "marked_duplicate", s.Actor, new { DuplicateOfInitiativeId = original, Note = note }, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CaseStore.LoadAsync(connection, id, ct: ct), council, s, ct));
    }

    /// <summary>Phân công thủ công: the secretary sets who scores the case; a conflicted member is refused, naming the conflict.</summary>
    public static async Task<Ok<CaseResponse>> Assign(Guid id, AssignRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The council first (a member leaving at the same moment waits), then the case.
        var council = await CouncilStore.LoadAsync(connection, (await CaseStore.LoadAsync(connection, id, ct: ct)).CouncilId, tx, ct);
        var row = await CaseStore.LoadAsync(connection, id, tx, ct);
        council.EnsureRunBy(s.User, now);
        // 403 before 400: the list is checked only for the council's own secretary.
        if (request.PersonIds is not { Count: > 0 and <= ReviewerAssignment.MaxReviewersPerCase } personIds)
        {
            throw Problems.ValidationException("personIds", $"Vui lòng chọn từ 1 đến {ReviewerAssignment.MaxReviewersPerCase} thành viên chấm hồ sơ.");
        }

        CaseStore.EnsureState(row, "phân công chấm", CaseState.Admitted);
        var conflicts = await CaseScoring.ConflictsAsync(connection, tx, s.Organizations, council, [row], ct);
        var domainCase = row.ToDomain();
        foreach (var personId in personIds.Distinct())
        {
            var member = council.Council.MemberAt(personId, now)
                ?? throw AppraisalErrors.Forbidden(AppraisalErrors.MemberNotCurrent, "Chỉ phân công được thành viên đương nhiệm của hội đồng.");
            conflicts.EnsureNotConflicted(member, domainCase);
        }

        var scored = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT person_id FROM score_sheets WHERE case_id = @id", new { id }, tx, cancellationToken: ct))).ToHashSet();
        if (scored.Except(personIds).FirstOrDefault() is { } kept && kept != Guid.Empty)
        {
            throw AppraisalErrors.Conflict("assignment_has_scores",
                $"{council.Tenures.Last(t => t.PersonId == kept).FullName} đã chấm điểm hồ sơ này nên không thể bỏ phân công.");
        }

        await CaseAssignments.SetAsync(tx, council, row, personIds, automatic: false, s.Actor, s.Outbox, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CaseStore.LoadAsync(connection, id, ct: ct), council, s, ct));
    }

    /// <summary>Tự khai xung đột lợi ích: a member declares a conflict with a case; they no longer count for it and cannot score it.</summary>
    public static async Task<NoContent> DeclareConflict(Guid id, DeclareConflictRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await CaseStore.LoadAsync(connection, id, tx, ct);
        var council = await CouncilStore.LoadAsync(connection, row.CouncilId, ct: ct);
        var me = council.TenureOf(s.User, now)
            ?? throw AppraisalErrors.Forbidden(AppraisalErrors.MemberNotCurrent, "Chỉ thành viên đương nhiệm của hội đồng mới khai báo xung đột lợi ích.");
        // Once decided, the published figures stand: a late declaration would change a result already announced.
        CaseStore.EnsureState(row, "khai báo xung đột lợi ích", CaseState.Screening, CaseState.Admitted);
        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        if (reason is not { Length: > 0 and <= 1000 })
        {
            throw Problems.ValidationException("reason", "Vui lòng ghi rõ lý do xung đột lợi ích (tối đa 1000 ký tự).");
        }

        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM score_sheets WHERE case_id = @id AND person_id = @PersonId AND submitted_at IS NOT NULL)",
                new { id, me.PersonId }, tx, cancellationToken: ct)))
        {
            throw AppraisalErrors.Conflict(AppraisalErrors.ScoreLocked, "Bạn đã nộp phiếu chấm hồ sơ này; vui lòng báo Thư ký hội đồng để xử lý xung đột lợi ích.");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conflict_declarations (case_id, person_id, reason, declared_at) VALUES (@id, @PersonId, @reason, @now)
            ON CONFLICT (case_id, person_id) DO UPDATE SET reason = EXCLUDED.reason;
            DELETE FROM score_sheets WHERE case_id = @id AND person_id = @PersonId AND submitted_at IS NULL;
            """, new { id, me.PersonId, reason, now = now.UtcDateTime }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, row.CouncilId, id, "conflict_declared", s.Actor, new { me.PersonId, Reason = reason }, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Phiếu chấm: one's own always; the others' only once one's own is submitted (the secretary and chair see all;
    /// the overseeing officers after the decision). Hidden sheets are counted, not shown.
    /// </summary>
    public static async Task<Ok<ScoresResponse>> GetScores(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var (row, council) = await ReadableAsync(connection, id, s, ct);
        var sheets = await CaseScoring.SheetsAsync(connection, null, row.CouncilId, id, null, ct);
        var scheme = council.Scheme;
        var me = council.TenureOf(s.User, now);
        IEnumerable<ScoreSheet> visible;
        string? notice = null;
        if (me is not null)
        {
            var viewer = me.ToDomain();
            var own = sheets.FirstOrDefault(x => x.MemberId == viewer.Id);
            var conflicted = (await CaseScoring.ConflictsAsync(connection, null, s.Organizations, council, [row], ct)).IsConflicted(viewer, row.ToDomain());
            visible = sheets.Where(x => ScoreVisibility.CanSee(viewer, x, own, conflicted));
            if (own is not { IsSubmitted: true } && !viewer.Role.SeesAllScoreSheets())
            {
                notice = "Bạn cần nộp phiếu chấm điểm của mình trước khi xem phiếu của thành viên khác.";
            }
        }
        else
        {
            visible = row.State == CaseState.Decided ? sheets.Where(x => x.IsSubmitted) : [];
            notice = row.State == CaseState.Decided ? null : "Phiếu chấm điểm được công khai với cán bộ phụ trách sau khi hội đồng ra quyết định.";
        }

        var shown = visible.Select(x => new ScoreSheetResponse(x.MemberId, council.Tenures.Last(t => t.PersonId == x.MemberId).FullName,
            x.IsSubmitted ? "submitted" : "draft", x.Scores, x.Total(scheme.Rubric), x.SubmittedAt)).ToList();
        return TypedResults.Ok(new ScoresResponse(shown, sheets.Count - shown.Count, notice));
    }

    /// <summary>Lưu phiếu chấm: points and comments per criterion, changeable until submitted; the first one freezes the rubric.</summary>
    public static Task<Ok<ScoreSheetResponse>> SaveScores(Guid id, ScoresRequest request, [AsParameters] AppraisalServices s, CancellationToken ct) =>
        // The sheet is checked inside, once the caller is known to be an assigned member (403 before 400).
        ChangeSheetAsync(id, s, "score_saved", (sheet, scheme, _) => request.Scores is { Count: > Rubric.MaxCriteria }
            ? throw Problems.ValidationException("scores", $"Phiếu chấm có tối đa {Rubric.MaxCriteria} tiêu chí.")
            : sheet.Record(scheme.Rubric, request.Scores), ct);

    /// <summary>Nộp phiếu chấm: every criterion scored; locked after.</summary>
    public static Task<Ok<ScoreSheetResponse>> SubmitScores(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct) =>
        ChangeSheetAsync(id, s, "score_submitted", (sheet, scheme, now) => sheet.Submit(scheme.Rubric, now), ct);

    /// <summary>Kết quả tổng hợp: totals per member, the mean, spread and flag, the grade, quorum and the recommendation.</summary>
    public static async Task<Ok<AggregateResponse>> GetAggregate(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var (row, council) = await ReadableAsync(connection, id, s, ct);
        var me = council.TenureOf(s.User, now);
        var runs = council.IsRunBy(s.User, now);
        var sheets = await CaseScoring.SheetsAsync(connection, null, row.CouncilId, id, null, ct);
        var conflicts = await CaseScoring.ConflictsAsync(connection, null, s.Organizations, council, [row], ct);
        // A secretary or chair with a conflict of interest on the case waits for the decision like everyone else.
        if (runs && row.State != CaseState.Decided && conflicts.IsConflicted(me!.ToDomain(), row.ToDomain()))
        {
            throw AppraisalErrors.Forbidden(AppraisalErrors.ScoreSheetsHidden, "Bạn có xung đột lợi ích với hồ sơ này nên chỉ xem được kết quả tổng hợp sau khi hội đồng ra quyết định.");
        }

        if (!runs && !(me is null && row.State == CaseState.Decided))
        {
            var own = me is null ? null : sheets.FirstOrDefault(x => x.MemberId == me.PersonId);
            if (own is not { IsSubmitted: true })
            {
                throw AppraisalErrors.Forbidden(AppraisalErrors.ScoreSheetsHidden, "Kết quả tổng hợp chỉ xem được sau khi bạn nộp phiếu chấm điểm của mình (hoặc sau khi hội đồng ra quyết định).");
            }
        }

        var assigned = await CaseScoring.AssignmentsAsync(connection, null, row.CouncilId, id, ct);
        return TypedResults.Ok(ToResponse(CaseScoring.Evaluate(council, row, assigned[id], sheets, conflicts)));
    }

    /// <summary>
    /// Quyết định công nhận: after quorum, recognized at the council's level or not, with its number and date; departing from
    /// the scores' recommendation needs a reason. Published for registration, awards, reporting and notification.
    /// </summary>
    public static async Task<Ok<CaseResponse>> Decide(Guid id, DecisionRequest request, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await CaseStore.LoadAsync(connection, id, tx, ct);
        var council = await CouncilStore.LoadAsync(connection, row.CouncilId, ct: ct);
        council.EnsureRunBy(s.User, now);
        // 403 before 400: the decision is checked only for those who run the council.
        if (request.Recognized is not { } recognized)
        {
            throw Problems.ValidationException("recognized", "Vui lòng chọn công nhận hoặc không công nhận.");
        }

        var comment = VietnameseText.TryNormalize(request.PublishedComment, allowNewLines: true);
        if (request.PublishedComment is not null && comment is not { Length: <= RecognitionDecision.ReasonMaxLength })
        {
            throw Problems.ValidationException("publishedComment", $"Ý kiến công bố cho tác giả dài tối đa {RecognitionDecision.ReasonMaxLength} ký tự, bằng chữ tiếng Việt thông thường.");
        }

        CaseStore.EnsureState(row, "ra quyết định", CaseState.Admitted);
        var result = ToResponse(CaseScoring.Evaluate(council, row,
            (await CaseScoring.AssignmentsAsync(connection, tx, row.CouncilId, id, ct))[id],
            await CaseScoring.SheetsAsync(connection, tx, row.CouncilId, id, null, ct),
            await CaseScoring.ConflictsAsync(connection, tx, s.Organizations, council, [row], ct)));
        var decision = RecognitionDecision.Make(council.Council, result.Aggregate, result.Quorum, recognized, request.DecisionNumber, request.DecisionDate,
            request.Reason, now);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE appraisal_cases SET state = 'decided', recognized = @Recognized, aggregate_total = @total, grade = @grade, decision_number = @DecisionNumber,
                decision_date = @date, published_comment = @comment, decided_at = @now, updated_at = @now
            WHERE id = @id
            """,
            new
            {
                id, decision.Recognized, total = decision.AggregateTotal, grade = decision.Band?.Name, decision.DecisionNumber,
                date = decision.DecisionDate.ToDateTime(TimeOnly.MinValue), comment, now = now.UtcDateTime,
            }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, row.CouncilId, id, "decided", s.Actor, new
        {
            decision.Recognized, decision.DecisionNumber, decision.DecisionDate, Recommendation = decision.Recommendation.ToString(), decision.Reason,
            decision.AggregateTotal, Grade = decision.Band?.Name, Quorum = result.Quorum.Message, PublishedComment = comment,
        }, now, ct);
        await s.Outbox.EnqueueAsync(new AppraisalDecisionMade(Guid.CreateVersion7(), now, id, row.CouncilId, council.Row.Level, row.InitiativeId,
            decision.Recognized, decision.AggregateTotal, decision.Band?.Name, decision.DecisionNumber, decision.DecisionDate, comment, row.CampaignId,
            row.ProvinceCode, row.CommuneCode, row.Title), tx, ct);
        await SimilarInitiatives.RefreshStageAsync(tx, row.InitiativeId, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ResponseAsync(connection, await CaseStore.LoadAsync(connection, id, ct: ct), council, s, ct));
    }

    /// <summary>Kết quả thẩm định for the author: each council's outcome and the comment it chose to publish, never members' scores.</summary>
    public static async Task<Ok<List<OutcomeResponse>>> GetOutcomes(Guid initiativeId, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(Guid CaseId, string Name, string Level, string State, bool? Recognized, decimal? Total, string? Grade,
            string? Number, DateTime? Date, string? Comment, bool Nominated)>(new CommandDefinition(
            """
            SELECT c.id, k.name, k.level, c.state, c.recognized, c.aggregate_total, c.grade, c.decision_number, c.decision_date, c.published_comment,
                   c.nominated_to_case_id IS NOT NULL
            FROM appraisal_cases c JOIN councils k ON k.id = c.council_id
            WHERE c.initiative_id = @initiativeId AND c.submitted_by = @me
            ORDER BY c.opened_at
            """, new { initiativeId, me = s.User.Id }, cancellationToken: ct));
        return TypedResults.Ok(rows.Select(r => new OutcomeResponse(r.CaseId, r.Name, CouncilCodes.Level(r.Level).VietnameseName(), r.State, CaseState.NameOf(r.State),
            r.State is CaseState.Decided or CaseState.Rejected ? r.Recognized : null,
            r.State == CaseState.Decided ? r.Total : null, r.State == CaseState.Decided ? r.Grade : null, r.Number,
            r.Date is { } d ? DateOnly.FromDateTime(d) : null, r.Comment, r.Nominated)).ToList());
    }

    private static async Task<Ok<ScoreSheetResponse>> ChangeSheetAsync(Guid id, AppraisalServices s, string action,
        Func<ScoreSheet, ScoringScheme, DateTimeOffset, ScoreSheet> change, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var connection = await s.Db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The council first (its rubric freezes with the first score), then the case: the order every writer takes.
        var council = await CouncilStore.LoadAsync(connection, (await CaseStore.LoadAsync(connection, id, ct: ct)).CouncilId, tx, ct);
        var row = await CaseStore.LoadAsync(connection, id, tx, ct);
        var me = council.TenureOf(s.User, now)
            ?? throw AppraisalErrors.Forbidden(AppraisalErrors.MemberNotCurrent, "Bạn không phải thành viên đương nhiệm của hội đồng nên không thể chấm điểm.");
        CaseStore.EnsureState(row, "chấm điểm", CaseState.Admitted);
        var assigned = (await CaseScoring.AssignmentsAsync(connection, tx, row.CouncilId, id, ct))[id].ToList();
        var conflicts = await CaseScoring.ConflictsAsync(connection, tx, s.Organizations, council, [row], ct);
        var existing = (await CaseScoring.SheetsAsync(connection, tx, row.CouncilId, id, me.PersonId, ct)).FirstOrDefault();
        // Opening checks membership, assignment and conflicts; they are checked again on every change, as they can change.
        var opened = ScoreSheet.Open(row.ToDomain(), me.ToDomain(), assigned, conflicts, now);
        var scheme = council.Scheme;
        var sheet = change(existing ?? opened, scheme, now);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO score_sheets (case_id, person_id, scores, submitted_at, updated_at) VALUES (@id, @PersonId, @scores::jsonb, @submitted, @now)
            ON CONFLICT (case_id, person_id) DO UPDATE SET scores = EXCLUDED.scores, submitted_at = EXCLUDED.submitted_at, updated_at = EXCLUDED.updated_at;
            UPDATE councils SET scoring_started_at = @now WHERE id = @CouncilId AND scoring_started_at IS NULL;
            """,
            new
            {
                id, me.PersonId, scores = JsonSerializer.Serialize(sheet.Scores, CouncilState.Json), submitted = sheet.SubmittedAt?.UtcDateTime,
                now = now.UtcDateTime, row.CouncilId,
            }, tx, cancellationToken: ct));
        await AuditTrail.RecordAsync(tx, row.CouncilId, id, action, s.Actor, new { me.PersonId, sheet.Scores, Total = sheet.Total(scheme.Rubric) }, now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new ScoreSheetResponse(me.PersonId, me.FullName, sheet.IsSubmitted ? "submitted" : "draft", sheet.Scores,
            sheet.Total(scheme.Rubric), sheet.SubmittedAt));
    }

    private static AggregateResponse ToResponse(CaseEvaluation e)
    {
        var recommendation = RecognitionDecision.Recommend(e.Aggregate, e.Quorum);
        return new AggregateResponse(e.Aggregate, e.Aggregate.Spread, e.Aggregate.IsLargeDisagreement, e.Quorum, recommendation switch
        {
            Recommendation.Recognize => "recognize",
            Recommendation.DoNotRecognize => "do_not_recognize",
            _ => "await_quorum",
        }, e.Aggregate.Band?.Name, e.Quorum.IsMet);
    }

    /// <summary>The case and its council, if the caller runs or oversees the council, or is assigned the case.</summary>
    private static async Task<(CaseRow Row, CouncilState Council)> ReadableAsync(NpgsqlConnection connection, Guid id, AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        var row = await CaseStore.LoadAsync(connection, id, ct: ct);
        var council = await CouncilStore.LoadAsync(connection, row.CouncilId, ct: ct);
        if (council.IsOverseenBy(s.User) || await CaseReaders.IsCouncilReaderAsync(connection, id, council, s.User.Id, now, ct))
        {
            return (row, council);
        }

        throw AppraisalErrors.Forbidden("case_not_assigned", "Bạn chỉ xem được hồ sơ được phân công cho mình (hoặc của hội đồng, địa bàn mình phụ trách).");
    }

    internal static async Task<CaseResponse> ResponseAsync(NpgsqlConnection connection, CaseRow r, CouncilState council, AppraisalServices s, CancellationToken ct)
    {
        var assignees = await connection.QueryAsync<(Guid PersonId, bool Submitted, bool Declared)>(new CommandDefinition(
            """
            SELECT a.person_id, sh.submitted_at IS NOT NULL, d.person_id IS NOT NULL
            FROM case_assignments a
            LEFT JOIN score_sheets sh ON sh.case_id = a.case_id AND sh.person_id = a.person_id
            LEFT JOIN conflict_declarations d ON d.case_id = a.case_id AND d.person_id = a.person_id
            WHERE a.case_id = @Id ORDER BY a.assigned_at, a.person_id
            """, new { r.Id }, cancellationToken: ct));
        static JsonElement? Json(string? text) => text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
        return new CaseResponse(r.Id, r.CouncilId, council.Row.Name, council.Row.Level, r.InitiativeId, r.DossierId, r.DossierVersion, r.Title, r.Kind, r.Field,
            r.ProvinceCode, r.CommuneCode, r.State, CaseState.NameOf(r.State), new DateTimeOffset(r.SubmittedAt, TimeSpan.Zero),
            new DateTimeOffset(r.OpenedAt, TimeSpan.Zero), Json(r.Screening), r.DuplicateOfInitiativeId, r.DuplicateNote, r.NominatedFromCaseId,
            Json(r.LowerResult),
            assignees.Select(a =>
            {
                var t = council.Tenures.Last(t => t.PersonId == a.PersonId);
                return new AssigneeResponse(a.PersonId, t.FullName, CouncilCodes.Role(t.Role).VietnameseName(), a.Submitted, a.Declared);
            }).ToList(),
            r.Recognized, r.AggregateTotal, r.Grade, r.DecisionNumber, r.DecisionDate is { } d ? DateOnly.FromDateTime(d) : null, r.PublishedComment,
            r.NominatedToCaseId);
    }
}
