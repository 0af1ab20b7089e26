using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Appraisal.API.Apis;

/// <summary>A person who may be added to a council: their account (the id a member is added by) and assignments in force.</summary>
public sealed record CouncilCandidate(Guid Id, string FullName, string? Email, IReadOnlyList<CandidateAssignment> Assignments);

public sealed record CandidateAssignment(string Role, string AdminUnit, Guid? OrganizationId);

/// <summary>
/// Tìm người để bổ sung vào hội đồng (<c>/api/v1/councils/people</c>): accounts at the identity service in an area, by name.
/// Membership stays here, keyed by the account id; the search is limited to the area the caller is responsible for.
/// </summary>
public static class CouncilPeopleApi
{
    public static RouteGroupBuilder MapCouncilPeopleApi(this IEndpointRouteBuilder app)
    {
        var api = AppraisalRoutes.Councils(app);
        api.MapGet("/people", SearchPeople).RequireRoles(PlatformRoles.CouncilSecretary, PlatformRoles.FrontOfficer, PlatformRoles.Operator);
        return api;
    }

    /// <summary>Tìm tài khoản theo họ tên trong địa bàn (gõ có dấu hay không dấu đều được).</summary>
    /// <remarks>
    /// <c>q</c>: ít nhất 2 ký tự của họ tên. <c>scope</c>: "VN", "VN/{mã tỉnh}" hoặc "VN/{mã tỉnh}/{mã xã}", mặc định là địa bàn
    /// của người tìm; chỉ tìm được trong địa bàn mình phụ trách. Trả về tối đa 20 người có phân công còn hiệu lực tại đó.
    /// </remarks>
    public static async Task<Results<Ok<IReadOnlyList<CouncilCandidate>>, ProblemHttpResult>> SearchPeople(string? q, string? scope, CurrentUser user,
        AccountDirectory.AccountDirectoryClient accounts, CancellationToken ct)
    {
        var query = VietnameseText.TryNormalize(q);
        if (query is not { Length: >= 2 and <= 200 })
        {
            return Refusal.Invalid("q", "Vui lòng nhập từ 2 đến 200 ký tự của họ tên cần tìm.").ToProblem();
        }

        var area = scope is null ? user.Scope : AdministrativeScope.TryParse(scope);
        if (area is null)
        {
            return Refusal.Invalid("scope", "Địa bàn phải có dạng VN (Trung ương), VN/{mã tỉnh} hoặc VN/{mã tỉnh}/{mã xã}.").ToProblem();
        }

        if (user.Scope is not { } mine || !(mine.Level == AdministrativeLevel.Central
            || (area.Level != AdministrativeLevel.Central && mine.Covers(area.ProvinceCode!, area.CommuneCode))))
        {
            return Refusal.Forbidden("people_outside_scope", "Bạn chỉ được tìm người trong địa bàn mình phụ trách.").ToProblem();
        }

        var reply = await accounts.SearchAccountsAsync(new SearchAccountsRequest { Query = query, AdminUnit = area.Path, Limit = 20 },
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
        return TypedResults.Ok<IReadOnlyList<CouncilCandidate>>([.. reply.Accounts.Select(a => new CouncilCandidate(Guid.Parse(a.AccountId), a.FullName,
            a.Email is { Length: > 0 } email ? email : null,
            [.. a.Assignments.Select(r => new CandidateAssignment(r.Role, r.AdminUnit, Guid.TryParse(r.OrganizationId, out var org) ? org : null))]))]);
    }
}
