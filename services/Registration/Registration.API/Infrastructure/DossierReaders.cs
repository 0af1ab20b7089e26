using Dapper;
using DoanKetSangTao.Contracts.Appraisal.V1;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Npgsql;

namespace DoanKetSangTao.Registration.API.Infrastructure;

/// <summary>
/// Who reads an initiative's dossier and attachments. Authors and officers keep registration's rule
/// (<see cref="InitiativeAccess"/> without its council part). A council member, secretary or chair reads what
/// appraisal lets them read on the case (a member the cases assigned to them, a secretary or chair those of their
/// own council): registration asks appraisal over gRPC rather than keep a second copy of that rule. If appraisal
/// does not answer in time, the read is a 503 the caller may retry (ProblemExceptionHandler), never a guess.
/// </summary>
public sealed class DossierReaders(CaseAccess.CaseAccessClient appraisal, TimeProvider clock)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>404 when there is no such initiative, 403 when the caller may not read its dossier.</summary>
    public async Task EnsureReadableAsync(NpgsqlConnection connection, Guid initiativeId, CurrentUser user, CancellationToken ct)
    {
        var access = new InitiativeAccess(user, councilByArea: false);
        var parameters = new DynamicParameters(new { id = initiativeId });
        var allowed = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            $"SELECT {access.ReadPredicate(parameters)} FROM initiatives i WHERE i.id = @id", parameters, cancellationToken: ct))
            ?? throw new ProblemException(404, "initiative_not_found", "Không tìm thấy sáng kiến.");
        if (allowed)
        {
            return;
        }

        if (access.IsCouncil)
        {
            var reply = await appraisal.CanReadDossierAsync(
                new CanReadDossierRequest { UserId = user.Id, InitiativeId = initiativeId.ToString() },
                deadline: clock.GetUtcNow().UtcDateTime + Deadline, cancellationToken: ct);
            if (reply.Allowed)
            {
                return;
            }

            throw new ProblemException(403, "dossier_not_assigned",
                "Bạn chỉ xem được hồ sơ của sáng kiến được phân công cho mình, hoặc của hội đồng mình làm Thư ký, Chủ tịch.");
        }

        throw new ProblemException(403, "initiative_outside_scope", "Bạn không có quyền xem sáng kiến này: sáng kiến không thuộc phạm vi bạn phụ trách.");
    }
}
