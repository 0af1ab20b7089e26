using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Phân công tự động (<c>/api/v1/councils/{id}/assignments/auto</c>): the secretary shares the admitted cases out.</summary>
public static class CouncilAssignmentsApi
{
    public static RouteGroupBuilder MapCouncilAssignmentsApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapPost("/{id:guid}/assignments/auto", AutoAssign);
        return api;
    }

    /// <summary>Phân công chấm tự động theo khối lượng, không phân công thành viên có xung đột lợi ích.</summary>
    /// <remarks>
    /// The admitted cases with nobody assigned yet (or those named) are shared among current members by load; a case that
    /// cannot be staffed is reported with the reason.
    /// </remarks>
    public static async Task<Results<Ok<AssignmentResponse>, ProblemHttpResult>> AutoAssign(Guid id, AutoAssignRequest request, [AsParameters] AppraisalServices s,
        CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        await using var db = await s.Db.BeginAsync(ct);
        if (await CouncilStore.LockAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, now).RefuseRun() is { } refusal)
        {
            return refusal.ToProblem();
        }

        if (request.CaseIds is { Count: > AppraisalRoutes.MaxCasesPerRequest })
        {
            return Refusal.Invalid("caseIds", $"Mỗi lần phân công tối đa {AppraisalRoutes.MaxCasesPerRequest} hồ sơ.").ToProblem();
        }

        var cases = await CaseStore.LockUnassignedAsync(db, id, request.CaseIds, ct);
        var loads = await AssignmentStore.LoadsAsync(db, id, ct);
        // The secretary keeps the records and does not score (a council's choice in practice; the chair scores).
        var reviewers = council.Council.MembersAt(now).Where(m => m.Role != CouncilRole.Secretary)
            .Select(m => new ReviewerLoad(m, loads.GetValueOrDefault(m.Id))).ToList();
        var conflicts = await ScoringStore.ConflictsAsync(db, s.Organizations, council, cases, ct);
        var plan = ReviewerAssignment.Assign(cases.Select(c => c.ToDomain()).ToList(), reviewers, request.ReviewersPerCase ?? 3, conflicts, now);
        var byId = cases.ToDictionary(c => c.Id);
        foreach (var assignment in plan.Assignments)
        {
            await AssignmentStore.SetAsync(db, council, byId[assignment.CaseId], assignment.MemberIds, automatic: true, s.Actor, now, ct);
        }

        await db.CommitAsync(ct);
        return TypedResults.Ok(new AssignmentResponse(plan.Assignments, plan.Unassigned));
    }
}
