using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>
/// The route groups appraisal's endpoint files map into. Each file holds one stage of one group: the councils'
/// (<c>/api/v1/councils</c>), the cases' (<c>/api/v1/appraisals/cases</c>) and appraisal's own lists
/// (<c>/api/v1/appraisals</c>). A group's prefix, tag and readers are written here once.
/// </summary>
public static class AppraisalRoutes
{
    /// <summary>Who reads councils and cases at all; each endpoint's rules then say which council and which case.</summary>
    private static readonly string[] CouncilReaders =
        [PlatformRoles.CouncilSecretary, PlatformRoles.CouncilMember, PlatformRoles.FrontOfficer, PlatformRoles.Operator];

    /// <summary>Bounds on what one request may carry.</summary>
    public const int MaxMembers = 100;

    public const int MaxCasesPerRequest = 1000;

    /// <summary><c>/api/v1/councils</c>: hội đồng thẩm định.</summary>
    public static RouteGroupBuilder Councils(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/councils").WithTags("Hội đồng thẩm định (councils)").RequireRoles(CouncilReaders);

    /// <summary><c>/api/v1/appraisals/cases</c>: hồ sơ thẩm định, for the councils.</summary>
    public static RouteGroupBuilder Cases(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/appraisals/cases").WithTags(CasesTag).RequireRoles(CouncilReaders);

    /// <summary><c>/api/v1/appraisals</c>: the lists of what appraisal received, and the authors' outcomes.</summary>
    public static RouteGroupBuilder Appraisals(IEndpointRouteBuilder app, string tag) => app.MapGroup("/api/v1/appraisals").WithTags(tag);

    /// <summary>The tag of the cases and of their outcomes for authors.</summary>
    public const string CasesTag = "Hồ sơ thẩm định (appraisal cases)";
}
