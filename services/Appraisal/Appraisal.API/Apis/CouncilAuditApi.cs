using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>Nhật ký thẩm định (<c>/api/v1/councils/{id}/audit</c>): every act of the council, append-only.</summary>
public static class CouncilAuditApi
{
    public static RouteGroupBuilder MapCouncilAuditApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapGet("/{id:guid}/audit", GetAudit);
        return api;
    }

    /// <summary>Nhật ký thẩm định của hội đồng, cũ nhất trước.</summary>
    /// <remarks>
    /// For the council's secretary and chair and the overseeing officers; the officers see the scores of a case once it is
    /// decided, as everywhere else, and before that only who scored.
    /// </remarks>
    public static async Task<Results<Ok<List<AuditEntryResponse>>, ProblemHttpResult>> GetAudit(Guid id, Guid? caseId, long? after, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var db = await s.Db.OpenAsync(ct);
        if (await CouncilStore.LoadAsync(db, id, ct) is not { } council)
        {
            return CouncilAccess.NotFound.ToProblem();
        }

        if (council.AccessOf(s.User, s.Clock.GetUtcNow()).RefuseRun(orOverseer: true) is { } refusal)
        {
            return refusal.ToProblem();
        }

        var rows = await AuditTrail.ListAsync(db, id, caseId, after ?? 0, ct);
        var hidden = council.IsRunBy(s.User, s.Clock.GetUtcNow()) ? [] : await AuditTrail.UndecidedCasesAsync(db, id, ct);
        return TypedResults.Ok(rows.Select(r =>
        {
            var details = JsonDocument.Parse(r.Details).RootElement.Clone();
            if (r.Action is "score_saved" or "score_submitted" && r.CaseId is { } c && hidden.Contains(c))
            {
                details = JsonSerializer.SerializeToElement(new { PersonId = details.GetProperty("personId").GetGuid(), Scores = "ẩn đến khi hội đồng ra quyết định" }, CouncilState.Json);
            }

            return new AuditEntryResponse(r.Id, r.CaseId, r.Action, r.Actor, new DateTimeOffset(r.At, TimeSpan.Zero), details);
        }).ToList());
    }
}
