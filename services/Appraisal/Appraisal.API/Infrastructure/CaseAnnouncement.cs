using Dapper;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Hồ sơ mới đến hội đồng: announces a case opened in a council (new, resubmitted, or nominated from below) with the
/// council's name and its secretaries today, who keep the case and must screen it (notification tells them).
/// </summary>
public static class CaseAnnouncement
{
    public static async Task PublishOpenedAsync(
        DatabaseSession db, Guid caseId, Guid councilId, Guid initiativeId, int dossierVersion, string title, DateTimeOffset now, CancellationToken ct,
        string? nominatedFromLevel = null)
    {
        var (level, name) = await db.Connection.QuerySingleAsync<(string, string)>(new CommandDefinition(
            "SELECT level, name FROM councils WHERE id = @councilId", new { councilId }, db.Tx, cancellationToken: ct));
        var secretaries = (await db.Connection.QueryAsync<CouncilSecretary>(new CommandDefinition(
            """
            SELECT user_id AS UserId, full_name AS FullName, email AS Email FROM council_members
            WHERE council_id = @councilId AND role = 'secretary' AND left_at IS NULL ORDER BY joined_at
            """, new { councilId }, db.Tx, cancellationToken: ct))).ToList();
        await db.PublishAsync(new AppraisalCaseOpened(Guid.CreateVersion7(), now, caseId, councilId, level, initiativeId, dossierVersion,
            name, title, secretaries, nominatedFromLevel), ct);
    }
}
