namespace DoanKetSangTao.ServiceDefaults.Security;

/// <summary>
/// The OAuth scopes the identity service grants, and the audience (resource) each one puts in the token. People and
/// integrations call the platform's HTTP APIs (<see cref="Api"/> and the narrower integration scopes); services call each
/// other's gRPC methods with a scope of the method's owner, so that a service not granted one is refused.
/// </summary>
public static class PlatformScopes
{
    /// <summary>The platform's HTTP APIs through the gateway, as the signed-in person.</summary>
    public const string Api = "api";

    /// <summary>Read-only statistics (reporting), for an integration such as a province's dashboard.</summary>
    public const string StatisticsRead = "statistics.read";

    /// <summary>Registering initiatives in bulk for a member organization (registration).</summary>
    public const string RegistrationsBulk = "registrations.bulk";

    /// <summary>Registration's gRPC look-ups (initiatives, dossiers, authors).</summary>
    public const string RegistrationLookups = "registration.lookups";

    /// <summary>Appraisal's gRPC answer to "may this person see this case".</summary>
    public const string AppraisalCaseAccess = "appraisal.case-access";

    /// <summary>Appraisal's gRPC answer to "who still owes score sheets" (notification's scoring-deadline reminders).</summary>
    public const string AppraisalProgress = "appraisal.progress";

    /// <summary>Identity's account search (appraisal adds council members by account).</summary>
    public const string IdentityAccounts = "identity.accounts";

    /// <summary>The audience of tokens for the HTTP APIs.</summary>
    public const string ApiAudience = AuthenticationExtensions.DefaultAudience;

    /// <summary>Each scope's audience: the HTTP APIs, or the one service whose gRPC methods it opens.</summary>
    public static readonly IReadOnlyDictionary<string, string> Audiences = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Api] = ApiAudience,
        [StatisticsRead] = ApiAudience,
        [RegistrationsBulk] = ApiAudience,
        [RegistrationLookups] = "registration",
        [AppraisalCaseAccess] = "appraisal",
        [AppraisalProgress] = "appraisal",
        [IdentityAccounts] = "identity",
    };

    /// <summary>The scopes each platform service's own client may ask for (its gRPC calls to the others).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> GrantedToService = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["registration"] = [AppraisalCaseAccess],
        ["appraisal"] = [RegistrationLookups, IdentityAccounts],
        ["awards"] = [RegistrationLookups],
        ["reporting"] = [],
        ["notification"] = [RegistrationLookups, IdentityAccounts, AppraisalProgress],
        ["identity"] = [],
    };

    /// <summary>The client id of a platform service's own client.</summary>
    public static string ServiceClientId(string service) => $"svc-{service}";
}
