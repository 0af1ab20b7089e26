namespace DoanKetSangTao.Identity.API.Infrastructure;

/// <summary>
/// Writes the audit trail (<c>account_audit</c>): added to the same unit of work as the change it records, so that a change
/// and its entry are saved together. The table refuses UPDATE, DELETE and TRUNCATE (Migrations/0002).
/// </summary>
public sealed class AccountAudit(IdentityDb db, TimeProvider clock)
{
    public void Record(Guid accountId, string action, string detail, string actorId) =>
        db.AccountAudit.Add(new AccountAuditEntry { AccountId = accountId, Action = action, Detail = detail, ActorId = actorId, At = clock.GetUtcNow() });
}
