using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Sơ loại (<c>/api/v1/appraisals/cases/{id}/screening</c>, <c>…/similar</c>, <c>…/duplicate</c>): the secretary admits,
/// returns or rejects a case, with the similar earlier initiatives to judge novelty and mark duplicates.
/// </summary>
public static class CaseScreeningApi
{
    public static RouteGroupBuilder MapCaseScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Cases(app);
        api.MapPost("/{id:guid}/screening", Screen);
        api.MapGet("/{id:guid}/similar", GetSimilar);
        api.MapPost("/{id:guid}/duplicate", MarkDuplicate);
        return api;
    }

    /// <summary>Sơ loại hồ sơ: tiếp nhận, trả để bổ sung hoặc loại (có căn cứ).</summary>
    /// <remarks>
    /// A returned case goes back to registration (the version is marked returned and the author told); a rejected one is
    /// announced as not recognized. The movement-plan condition is checked against registration.
    /// </remarks>
    public static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> Screen(Guid id, ScreeningRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        var opened = await CasesApi.LockRunAsync(db, id, s, now, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        var (row, council) = (opened.Row, opened.Council);
        // The request is read only once the caller is known to run this council (403 before 400).
        ScreeningOutcome? outcome = request.Outcome switch
        {
            "admit" => ScreeningOutcome.Admit,
            "return" => ScreeningOutcome.Return,
            "reject" => ScreeningOutcome.Reject,
            _ => null,
        };
        if (outcome is null)
        {
            return Refusal.Invalid("outcome", "Kết quả sơ loại phải là admit (tiếp nhận), return (trả để bổ sung) hoặc reject (loại).").ToProblem();
        }

        if (request.Checklist is not { } checklist)
        {
            return Refusal.Invalid("checklist", "Vui lòng điền phiếu sơ loại (thành phần hồ sơ, trường hợp loại trừ, điều kiện).").ToProblem();
        }

        if (row.Standing.Refuse("sơ loại hồ sơ", CaseState.Screening) is { } stateRefusal)
        {
            return stateRefusal.ToProblem();
        }

        var (hasPlan, planNumber) = await s.Organizations.MovementPlanAsync(row.OrganizationId, row.CampaignId, ct);
        Screening.Check(outcome.Value, checklist, request.Reason, request.Ground, hasPlan, row.DuplicateOfInitiativeId is not null,
            request.DecisionNumber, request.DecisionDate, now);
        var reason = VietnameseText.TryNormalize(request.Reason, allowNewLines: true);
        var reject = outcome == ScreeningOutcome.Reject;
        var ground = reject ? request.Ground : null;
        var record = new { Outcome = request.Outcome, checklist, Reason = reason, Ground = ground, MovementPlanOnRecord = hasPlan, MovementPlanNumber = planNumber, By = s.Actor, At = now };
        var state = outcome switch { ScreeningOutcome.Admit => CaseState.Admitted, ScreeningOutcome.Return => CaseState.Returned, _ => CaseState.Rejected };
        var comment = reject ? $"Hồ sơ không đủ điều kiện xét công nhận: {ScreeningGrounds.NameOf(request.Ground!)}" + (reason is null ? "." : $". {reason}") : null;
        var minutesNumber = VietnameseText.TryNormalize(request.DecisionNumber);
        await CaseStore.RecordScreeningAsync(db, id, new ScreeningRecord(state, record, reject, minutesNumber, request.DecisionDate, comment), now, ct);
        await AuditTrail.RecordAsync(db, row.CouncilId, id, "screened", s.Actor, record, now, ct);
        if (outcome == ScreeningOutcome.Return)
        {
            await db.PublishAsync(new DossierReturnedForCompletion(Guid.CreateVersion7(), now, id, row.CouncilId, row.InitiativeId, row.DossierVersion,
                reason!, s.Actor, council.Row.Level), ct);
        }
        else if (reject)
        {
            await db.PublishAsync(new AppraisalDecisionMade(Guid.CreateVersion7(), now, id, row.CouncilId, council.Row.Level, row.InitiativeId, false,
                null, null, minutesNumber!, request.DecisionDate!.Value, comment, row.CampaignId, row.ProvinceCode,
                row.CommuneCode, row.Title), ct);
        }

        await db.CommitAsync(ct);
        return TypedResults.Ok(await CasesApi.ReloadAsync(db, id, council, ct));
    }

    /// <summary>Sáng kiến tương tự: các sáng kiến trước đây giống hồ sơ nhất, để hội đồng đánh giá tính mới và phát hiện trùng lặp.</summary>
    /// <remarks>
    /// Any year, any province, by title and summary with diacritics ignored; only those submitted to a council or
    /// recognized, with title, province and year (docs/decisions/0008-similar-initiatives-visibility.md).
    /// </remarks>
    public static async Task<Results<Ok<List<SimilarInitiative>>, ProblemHttpResult>> GetSimilar(Guid id, int? limit, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var take = limit ?? 10;
        if (take is < 1 or > SimilarInitiatives.MaxLimit)
        {
            return Refusal.Invalid("limit", $"Số sáng kiến tương tự cần xem từ 1 đến {SimilarInitiatives.MaxLimit}.").ToProblem();
        }

        await using var db = await s.Db.OpenAsync(ct);
        var opened = await CasesApi.ReadableAsync(db, id, s, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        var row = opened.Row;
        return TypedResults.Ok((await SimilarInitiatives.LikeCaseAsync(db, row, take, ct)).ToList());
    }

    /// <summary>Đánh dấu hồ sơ trùng lặp với một sáng kiến trước đó (căn cứ để loại hồ sơ).</summary>
    public static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> MarkDuplicate(Guid id, DuplicateRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        var opened = await CasesApi.LockRunAsync(db, id, s, now, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        var (row, council) = (opened.Row, opened.Council);
        if (row.Standing.Refuse("đánh dấu trùng lặp", CaseState.Screening, CaseState.Admitted) is { } stateRefusal)
        {
            return stateRefusal.ToProblem();
        }

        if (request.InitiativeId is not { } original || original == row.InitiativeId)
        {
            return Refusal.Invalid("initiativeId", "Vui lòng chọn sáng kiến trước đó mà hồ sơ này trùng lặp (không phải chính sáng kiến này).").ToProblem();
        }

        if (!await CaseStore.IsKnownInitiativeAsync(db, original, ct))
        {
            return Refusal.Invalid("initiativeId", "Không tìm thấy sáng kiến này trong dữ liệu thẩm định.").ToProblem();
        }

        var note = VietnameseText.TryNormalize(request.Note, allowNewLines: true);
        if (request.Note is not null && note is not { Length: <= 2000 })
        {
            return Refusal.Invalid("note", "Ghi chú dài tối đa 2000 ký tự, bằng chữ tiếng Việt thông thường.").ToProblem();
        }

        await CaseStore.MarkDuplicateAsync(db, id, original, note, now, ct);
        await AuditTrail.RecordAsync(db, row.CouncilId, id, "marked_duplicate", s.Actor, new { DuplicateOfInitiativeId = original, Note = note }, now, ct);
        await db.CommitAsync(ct);
        return TypedResults.Ok(await CasesApi.ReloadAsync(db, id, council, ct));
    }
}
