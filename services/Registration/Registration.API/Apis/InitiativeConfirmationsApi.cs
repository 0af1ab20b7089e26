using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Registration.API.Apis;

/// <summary>
/// Xác nhận đăng ký (Mẫu 2), <c>/api/v1/initiatives/{id}/confirm</c> and <c>/return</c>: the officer of an upper-level
/// organization (or the Front committee of the area) confirms or returns each registration of the organizations under it.
/// The confirmed ones are forwarded up in a list (<see cref="ConfirmationListsApi"/>).
/// </summary>
public static class InitiativeConfirmationsApi
{
    internal static readonly string[] Confirmers = [PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer];

    public static RouteGroupBuilder MapInitiativeConfirmationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/initiatives").WithTags("Xác nhận đăng ký (Mẫu 2)");
        api.MapPost("/{id:guid}/confirm", Confirm).RequireRoles(Confirmers);
        api.MapPost("/{id:guid}/return", Return).RequireRoles(Confirmers);
        return api;
    }

    /// <summary>Xác nhận: the registration is confirmed by the upper-level organization.</summary>
    public static Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> Confirm(Guid id, [AsParameters] RegistrationServices services, CancellationToken ct) =>
        ActAsync(id, LifecycleStep.Confirm, static () => null, services, ct);

    /// <summary>Trả lại: the registration goes back to its author with the reason, to be corrected and resubmitted.</summary>
    public static Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> Return(
        Guid id, ReasonRequest request, [AsParameters] RegistrationServices services, CancellationToken ct) =>
        ActAsync(id, LifecycleStep.Return, () => RegistrationRefusals.RequiredReason(request.Reason, "trả lại phiếu đăng ký"), services, ct);

    private static async Task<Results<Ok<InitiativeResponse>, ProblemHttpResult>> ActAsync(
        Guid id, LifecycleStep step, Func<string?> readReason, RegistrationServices services, CancellationToken ct)
    {
        await using var transaction = await services.Db.BeginAsync(ct);
        if (await services.Initiatives.LockAsync(transaction, id, ct) is not { } row)
        {
            return RegistrationRefusals.InitiativeNotFound.ToProblem();
        }

        if (!await services.InitiativeQueries.ConfirmableAsync(transaction, id, services.User, ct))
        {
            return RegistrationRefusals.NotUpperLevel.ToProblem();
        }

        // The reason is read only once the caller is known to be allowed (403 before 400).
        var reason = readReason();
        if (InitiativeLifecycle.Check(row.Status, step) is { } refusal)
        {
            return refusal.ToProblem();
        }

        await services.Initiatives.TransitionAsync(transaction, row, step, services.User.Id, reason, services.Clock.GetUtcNow(), ct);
        if (step == LifecycleStep.Confirm && new InitiativeAccess(services.User).IsOrganizationOfficer)
        {
            await services.Initiatives.SetConfirmedByAsync(transaction, id, Guid.Parse(services.User.OrganizationId!), ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await services.LoadInitiativeAsync(id, ct, transaction));
    }
}
