using DoanKetSangTao.Contracts.Appraisal.V1;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>
/// Who reads an initiative's dossier and attachments. Authors and officers keep registration's rule
/// (<see cref="InitiativeAccess"/> without its council part). A council member, secretary or chair reads what
/// appraisal lets them read on the case (a member the cases assigned to them, a secretary or chair those of their
/// own council): registration asks appraisal over gRPC rather than keep a second copy of that rule. If appraisal
/// does not answer in time, the read is a 503 the caller may retry (ProblemExceptionHandler), never a guess.
/// </summary>
public sealed class DossierReaders(InitiativeQueries initiatives, CaseAccess.CaseAccessClient appraisal, TimeProvider clock)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>Null when the caller may read the initiative's dossier; otherwise 404 (no such initiative) or 403.</summary>
    public async Task<Refusal?> CheckAsync(Guid initiativeId, CurrentUser user, CancellationToken ct)
    {
        var allowed = await initiatives.ReadableAsync(initiativeId, user, councilByArea: false, ct);
        if (allowed is null)
        {
            return RegistrationRefusals.InitiativeNotFound;
        }

        if (allowed.Value)
        {
            return null;
        }

        if (new InitiativeAccess(user).IsCouncil)
        {
            var reply = await appraisal.CanReadDossierAsync(
                new CanReadDossierRequest { UserId = user.Id, InitiativeId = initiativeId.ToString() },
                deadline: clock.GetUtcNow().UtcDateTime + Deadline, cancellationToken: ct);
            return reply.Allowed ? null : RegistrationRefusals.DossierNotAssigned;
        }

        return RegistrationRefusals.InitiativeOutsideScope;
    }
}
