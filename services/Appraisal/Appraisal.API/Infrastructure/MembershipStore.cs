using DoanKetSangTao.Messaging;
using Dapper;

namespace DoanKetSangTao.Appraisal.API.Infrastructure;

/// <summary>
/// Thành viên hội đồng: tenures, never edited in place. A member joins with a new tenure; a change of role ends the current
/// tenure and begins another, so earlier acts keep the role they were done in; leaving ends it.
/// </summary>
public static class MembershipStore
{
    /// <summary>Records a new tenure (a member joining, or the same person in a new role).</summary>
    public static Task AddTenureAsync(DatabaseSession db, Guid councilId, MemberRow m, string by, DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO council_members (council_id, person_id, user_id, full_name, email, role, organization_id, joined_at, change_reason, recorded_by, recorded_at)
            VALUES (@councilId, @PersonId, @UserId, @FullName, @Email, @Role, @OrganizationId, @JoinedAt, @ChangeReason, @by, @now)
            """,
            new { councilId, m.PersonId, m.UserId, m.FullName, m.Email, m.Role, m.OrganizationId, m.JoinedAt, m.ChangeReason, by, now = now.UtcDateTime },
            db.Tx, cancellationToken: ct));

    /// <summary>Ends a tenure now, with the reason for the change.</summary>
    public static Task EndTenureAsync(DatabaseSession db, long tenureId, string? reason, DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE council_members SET left_at = @now, change_reason = @reason WHERE id = @tenureId",
            new { now = now.UtcDateTime, reason, tenureId }, db.Tx, cancellationToken: ct));

    /// <summary>
    /// Thôi tham gia: ends the tenure now and withdraws the member's assignments on admitted cases without a submitted sheet,
    /// with their drafts there (a draft would otherwise keep the case from being reassigned).
    /// </summary>
    public static Task LeaveAsync(DatabaseSession db, Guid councilId, MemberRow tenure, string? reason, DateTimeOffset now, CancellationToken ct) =>
        db.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE council_members SET left_at = @now, change_reason = @reason WHERE id = @Id;
            DELETE FROM case_assignments a USING appraisal_cases c
            WHERE a.case_id = c.id AND c.council_id = @council AND a.person_id = @personId AND c.state = 'admitted'
              AND NOT EXISTS (SELECT 1 FROM score_sheets sh WHERE sh.case_id = a.case_id AND sh.person_id = a.person_id AND sh.submitted_at IS NOT NULL);
            DELETE FROM score_sheets sh USING appraisal_cases c
            WHERE sh.case_id = c.id AND c.council_id = @council AND sh.person_id = @personId AND c.state = 'admitted' AND sh.submitted_at IS NULL;
            """,
            new { now = now.UtcDateTime, reason, tenure.Id, council = councilId, personId = tenure.PersonId }, db.Tx, cancellationToken: ct));
}
