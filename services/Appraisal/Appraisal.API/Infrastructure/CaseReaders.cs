using DoanKetSangTao.Messaging;
using Dapper;
using DoanKetSangTao.Appraisal.API.Domain;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Who on a council reads a case and its dossier, the one rule that appraisal's case reads and registration's dossier
/// and attachment reads (asked over gRPC, <c>CaseAccess</c>) both apply: a current member reads the cases assigned to
/// them; the council's current secretary or chair reads every case of their council. Members of other councils,
/// including the central council's, read none of them.
/// </summary>
public static class CaseReaders
{
    public static async Task<bool> IsCouncilReaderAsync(
        DatabaseSession db, Guid caseId, CouncilState council, string userId, DateTimeOffset at, CancellationToken ct)
    {
        if (council.TenureOf(userId, at) is not { } tenure)
        {
            return false;
        }

        if (CouncilCodes.Role(tenure.Role) is CouncilRole.Secretary or CouncilRole.Chair)
        {
            return true;
        }

        return await db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM case_assignments WHERE case_id = @caseId AND person_id = @PersonId)",
            new { caseId, tenure.PersonId }, db.Transaction, cancellationToken: ct));
    }

    /// <summary>Whether the account may read the dossier of the initiative: it reads one of the initiative's cases.</summary>
    public static async Task<bool> MayReadDossierAsync(DatabaseSession db, Guid initiativeId, string userId, DateTimeOffset at, CancellationToken ct)
    {
        var cases = await db.Connection.QueryAsync<(Guid Id, Guid CouncilId)>(new CommandDefinition(
            "SELECT id, council_id FROM appraisal_cases WHERE initiative_id = @initiativeId ORDER BY opened_at",
            new { initiativeId }, db.Transaction, cancellationToken: ct));
        foreach (var (caseId, councilId) in cases)
        {
            if (await CouncilStore.LoadAsync(db, councilId, ct) is { } council && await IsCouncilReaderAsync(db, caseId, council, userId, at, ct))
            {
                return true;
            }
        }

        return false;
    }
}
