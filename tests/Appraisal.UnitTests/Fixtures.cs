using DoanKetSangTao.Appraisal.API.Domain;
using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Members, cases and sheets built through the real rules, so a test cannot start from a state they forbid.</summary>
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

    /// <summary>A sheet opened, filled with points in rubric order and submitted, as a member would.</summary>
    public static ScoreSheet Submitted(AppraisalCase @case, CouncilMember member, Rubric rubric, params decimal[] points) =>
        Drafted(@case, member, rubric, points).Submit(rubric, Now);

    public static ScoreSheet Drafted(AppraisalCase @case, CouncilMember member, Rubric rubric, params decimal[] points)
    {
        var sheet = ScoreSheet.Open(@case, member, [member.Id], ConflictOfInterest.SameOrganizationOnly, Now);
        return sheet.Record(rubric, rubric.Criteria.Zip(points, (c, p) => (CriterionScore?)new CriterionScore(c.Code, p)).ToList());
    }

    /// <summary>Points on the default rubric (30/20/10/30/10) that total <paramref name="percent"/> of 100 when it divides evenly.</summary>
    public static decimal[] DefaultPoints(decimal percent) =>
        Rubric.Default.Criteria.Select(c => c.MaxPoints * percent / 100m).ToArray();

    public static Refusal Refused(string code, Action action)
    {
        var refusal = Assert.Throws<RefusalException>(action).Refusal;
        Assert.Equal(code, refusal.Code);
        return refusal;
    }

    public static Refusal Refused<T>(string code, Func<T> action) => Refused(code, () => { _ = action(); });

    /// <summary>The HTTP status the refusal is answered with (the one mapping, in ServiceDefaults).</summary>
    public static int StatusOf(Refusal refusal) => RefusalProblems.StatusOf(refusal.Kind);
}
