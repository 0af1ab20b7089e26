using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Members and cases for the appraisal tests, with readable ids and a fixed "now".</summary>
internal static class Fixtures
{
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>"Now" in the tests: 20/11/2026, 09:00 in Vietnam, inside the Q4 appraisal season.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, Vietnam);

    public static readonly DateTimeOffset CouncilFormed = new(2026, 1, 5, 8, 0, 0, Vietnam);

    /// <summary>A readable, ordered id: Id(1) &lt; Id(2), so tie-breaks by id can be predicted.</summary>
    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static CouncilMember Member(int id, string name, CouncilRole role = CouncilRole.Member, Guid? organizationId = null,
        DateTimeOffset? joinedAt = null, DateTimeOffset? leftAt = null) =>
        new(Id(id), name, role, organizationId ?? Guid.NewGuid(), joinedAt ?? CouncilFormed, leftAt);

    public static AppraisalCase Case(int id, string title, params Guid[] authorOrganizations) =>
        new(Id(id), title, authorOrganizations.Length > 0 ? authorOrganizations : [Guid.NewGuid()], CouncilFormed.AddDays(id));

    public static ProblemException Refused(string code, Action action)
    {
        var problem = Assert.Throws<ProblemException>(action);
        Assert.Equal(code, problem.Code);
        return problem;
    }

    public static ProblemException Refused<T>(string code, Func<T> action) => Refused(code, () => { _ = action(); });
}
