using DoanKetSangTao.Messaging;
using DoanKetSangTao.Appraisal.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>What every appraisal endpoint needs, bound with <c>[AsParameters]</c>.</summary>
public sealed class AppraisalServices(ServiceDatabase db, CurrentUser user, TimeProvider clock, OrganizationDirectory organizations)
{
    /// <summary>Opens the session a handler reads or changes in; the statements are the stores'.</summary>
    public ServiceDatabase Db { get; } = db;

    public CurrentUser User { get; } = user;

    public TimeProvider Clock { get; } = clock;

    public OrganizationDirectory Organizations { get; } = organizations;

    /// <summary>How the caller is named in the audit trail and in events: their account and name.</summary>
    public string Actor => User.Name is { Length: > 0 } name ? $"{User.Id} ({name})" : User.Id;
}
