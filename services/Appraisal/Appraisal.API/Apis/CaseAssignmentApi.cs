using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Phân công (<c>/api/v1/appraisals/cases/{id}/assignments</c>, <c>…/conflicts</c>): who scores a case, and the conflicts
/// of interest members declare with it.
/// </summary>
public static class CaseAssignmentApi
{
    public static RouteGroupBuilder MapCaseAssignmentApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Cases(app);
        api.MapPut("/{id:guid}/assignments", Assign);
        api.MapPost("/{id:guid}/conflicts", DeclareConflict);
        return api;
    }

    /// <summary>Phân công thủ công thành viên chấm hồ sơ; thành viên có xung đột lợi ích bị từ chối, nêu rõ xung đột.</summary>
    public static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> Assign(Guid id, AssignRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        var opened = await CasesApi.LockWithCouncilAsync(db, id, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        var (row, council) = (opened.Row, opened.Council);
        if (council.AccessOf(s.User, now).RefuseRun() is { } refusal)
        {
            return refusal.ToProblem();
        }

        // 403 before 400: the list is checked only for the council's own secretary.
        if (request.PersonIds is not { Count: > 0 and <= ReviewerAssignment.MaxReviewersPerCase } personIds)
        {
            return Refusal.Invalid("personIds", $"Vui lòng chọn từ 1 đến {ReviewerAssignment.MaxReviewersPerCase} thành viên chấm hồ sơ.").ToProblem();
        }

        if (row.Standing.Refuse("phân công chấm", CaseState.Admitted) is { } stateRefusal)
        {
            return stateRefusal.ToProblem();
        }

        var conflicts = await ScoringStore.ConflictsAsync(db, s.Organizations, council, [row], ct);
        var domainCase = row.ToDomain();
        foreach (var personId in personIds.Distinct())
        {
            if (council.Council.MemberAt(personId, now) is not { } member)
            {
                return Refusal.Forbidden(AppraisalRefusals.MemberNotCurrent, "Chỉ phân công được thành viên đương nhiệm của hội đồng.").ToProblem();
            }

            conflicts.EnsureNotConflicted(member, domainCase);
        }

        var scored = await AssignmentStore.ScoredByAsync(db, id, ct);
        if (scored.Except(personIds).FirstOrDefault() is { } kept && kept != Guid.Empty)
        {
            return Refusal.Conflict("assignment_has_scores",
                $"{council.Tenures.Last(t => t.PersonId == kept).FullName} đã chấm điểm hồ sơ này nên không thể bỏ phân công.").ToProblem();
        }

        await AssignmentStore.SetAsync(db, council, row, personIds, automatic: false, s.Actor, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(await CasesApi.ReloadAsync(db, id, council, ct));
    }

    /// <summary>Tự khai xung đột lợi ích với hồ sơ: thành viên không còn được tính và không được chấm hồ sơ này.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeclareConflict(Guid id, DeclareConflictRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await CaseStore.LockAsync(db, id, ct) is not { } row)
        {
            return CaseStanding.NotFound.ToProblem();
        }

        if (await CouncilStore.LoadAsync(db, row.CouncilId, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.TenureOf(s.User, now) is not { } me)
        {
            return Refusal.Forbidden(AppraisalRefusals.MemberNotCurrent, "Chỉ thành viên đương nhiệm của hội đồng mới khai báo xung đột lợi ích.").ToProblem();
        }

        // Once decided, the published figures stand: a late declaration would change a result already announced.
        if (row.Standing.Refuse("khai báo xung đột lợi ích", CaseState.Screening, CaseState.Admitted) is { } stateRefusal)
        {
            return stateRefusal.ToProblem();
        }

        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        if (reason is not { Length: > 0 and <= 1000 })
        {
            return Refusal.Invalid("reason", "Vui lòng ghi rõ lý do xung đột lợi ích (tối đa 1000 ký tự).").ToProblem();
        }

        if (await ScoringStore.HasSubmittedAsync(db, id, me.PersonId, ct))
        {
            return Refusal.Conflict(AppraisalRefusals.ScoreLocked, "Bạn đã nộp phiếu chấm hồ sơ này; vui lòng báo Thư ký hội đồng để xử lý xung đột lợi ích.").ToProblem();
        }

        await ScoringStore.DeclareConflictAsync(db, id, me.PersonId, reason, now, ct);
        await AuditTrail.RecordAsync(db, row.CouncilId, id, "conflict_declared", s.Actor, new { me.PersonId, Reason = reason }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
