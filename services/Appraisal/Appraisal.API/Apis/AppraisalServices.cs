using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults.Security;
using Npgsql;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>What every appraisal endpoint needs, bound with <c>[AsParameters]</c>.</summary>
public sealed class AppraisalServices(NpgsqlDataSource db, Outbox outbox, CurrentUser user, TimeProvider clock, OrganizationDirectory organizations)
{
    public NpgsqlDataSource Db { get; } = db;

    public Outbox Outbox { get; } = outbox;

    public CurrentUser User { get; } = user;

    public TimeProvider Clock { get; } = clock;

    public OrganizationDirectory Organizations { get; } = organizations;

    /// <summary>How the caller is named in the audit trail and in events: their account and name.</summary>
    public string Actor => User.Name is { Length: > 0 } name ? $"{User.Id} ({name})" : User.Id;
}
