using DoanKetSangTao.Messaging;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// Hồ sơ thẩm định (<c>/api/v1/appraisals/cases/{id}</c>): one case as its council reads it. Its stages are the other
/// files of the same route group: screening, assignment, scoring and decision. Members see only the cases assigned to
/// them; authors see their outcome only (<see cref="OutcomesApi"/>).
/// </summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Cases(app);
        api.MapGet("/{id:guid}", GetCase);
        return api;
    }

    /// <summary>Chi tiết hồ sơ thẩm định: sơ loại, thành viên được phân công, kết quả và quyết định.</summary>
    public static async Task<Results<Ok<CaseResponse>, ProblemHttpResult>> GetCase(Guid id, [AsParameters] AppraisalServices s, CancellationToken ct)
    {
        await using var db = await s.Db.OpenAsync(ct);
        var opened = await ReadableAsync(db, id, s, ct);
        if (opened.Refused)
        {
            return opened.Refusal.ToProblem();
        }

        return TypedResults.Ok(await ResponseAsync(db, opened.Row, opened.Council, ct));
    }

    /// <summary>The case and its council, if the caller runs or oversees the council, or is assigned the case.</summary>
    internal static async Task<OpenedCase> ReadableAsync(DatabaseSession db, Guid id, AppraisalServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow();
        if (await CaseStore.LoadAsync(db, id, ct) is not { } row)
        {
            return OpenedCase.Refuse(CaseStanding.NotFound);
        }

        if (await CouncilStore.LoadAsync(db, row.CouncilId, ct) is not { } council)
        {
            return OpenedCase.Refuse(CouncilAccess.NotFound);
        }

        return council.IsOverseenBy(s.User) || await CaseReaders.IsCouncilReaderAsync(db, id, council, s.User.Id, now, ct)
            ? new OpenedCase(row, council, null)
            : OpenedCase.Refuse(CaseStanding.NotAssigned);
    }

    /// <summary>The case, locked for the change that follows, and its council, if the caller runs it (its secretary or chair).</summary>
    internal static async Task<OpenedCase> LockRunAsync(DatabaseSession db, Guid id, AppraisalServices s, DateTimeOffset now, CancellationToken ct)
    {
        if (await CaseStore.LockAsync(db, id, ct) is not { } row)
        {
            return OpenedCase.Refuse(CaseStanding.NotFound);
        }

        if (await CouncilStore.LoadAsync(db, row.CouncilId, ct) is not { } council)
        {
            return OpenedCase.Refuse(CouncilAccess.NotFound);
        }

        return council.AccessOf(s.User, now).RefuseRun() is { } refusal ? OpenedCase.Refuse(refusal) : new OpenedCase(row, council, null);
    }

    /// <summary>
    /// The case and its council, both locked in the order every writer takes (the council first: its rubric freezes with the
    /// first score, and a member leaving at the same moment waits), for a change whose caller the handler then checks.
    /// </summary>
    internal static async Task<OpenedCase> LockWithCouncilAsync(DatabaseSession db, Guid id, CancellationToken ct)
    {
        if (await CaseStore.LoadAsync(db, id, ct) is not { } found)
        {
            return OpenedCase.Refuse(CaseStanding.NotFound);
        }

        if (await CouncilStore.LockAsync(db, found.CouncilId, ct) is not { } council)
        {
            return OpenedCase.Refuse(CouncilAccess.NotFound);
        }

        return await CaseStore.LockAsync(db, id, ct) is { } row ? new OpenedCase(row, council, null) : OpenedCase.Refuse(CaseStanding.NotFound);
    }

    /// <summary>The case as the case endpoints answer it, read again after a change (the case exists: the session locked it).</summary>
    internal static async Task<CaseResponse> ReloadAsync(DatabaseSession db, Guid id, CouncilState council, CancellationToken ct) =>
        await ResponseAsync(db, (await CaseStore.LoadAsync(db, id, ct))!, council, ct);

    internal static async Task<CaseResponse> ResponseAsync(DatabaseSession db, CaseRow r, CouncilState council, CancellationToken ct)
    {
        var assignees = await CaseQueries.AssigneesAsync(db, r.Id, ct);
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

/// <summary>A case and its council as a handler opened them, or the refusal that stops the handler.</summary>
internal sealed record OpenedCase(CaseRow? Row, CouncilState? Council, Refusal? Refusal)
{
    [MemberNotNullWhen(false, nameof(Row), nameof(Council))]
    [MemberNotNullWhen(true, nameof(Refusal))]
    public bool Refused => Refusal is not null;

    public static OpenedCase Refuse(Refusal refusal) => new(null, null, refusal);
}
