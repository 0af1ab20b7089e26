using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Xung đột lợi ích: a member never appraises their own unit's initiative, nor one from a unit above or below it.</summary>
public sealed class ConflictOfInterestTests
{
    // Liên đoàn Lao động tỉnh → Công đoàn ngành Y tế → Công đoàn cơ sở Bệnh viện đa khoa tỉnh; a sibling: Công đoàn ngành Giáo dục.
    private static readonly Guid Federation = Guid.NewGuid();
    private static readonly Guid HealthUnion = Guid.NewGuid();
    private static readonly Guid HospitalUnion = Guid.NewGuid();
    private static readonly Guid EducationUnion = Guid.NewGuid();

    private static readonly OrganizationAncestry Tree = OrganizationAncestry.FromParents(new Dictionary<Guid, Guid?>
    {
        [Federation] = null,
        [HealthUnion] = Federation,
        [HospitalUnion] = HealthUnion,
        [EducationUnion] = Federation,
    });

    private static readonly AppraisalCase HospitalCase = Case(1, "Quy trình tiếp đón bệnh nhân một cửa", HospitalUnion);

    private static ConflictOfInterest Rules(params ConflictDeclaration[] declarations) => new(Tree, declarations);

    [Fact]
    public void A_member_working_in_the_authors_unit_is_conflicted()
    {
        var finding = Rules().Find(Member(1, "Lê Văn Nam", organizationId: HospitalUnion), HospitalCase);
        Assert.Equal(ConflictKind.SameOrganization, finding!.Kind);
        Assert.Contains("cùng cơ quan, đơn vị", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_from_any_unit_above_the_authors_unit_is_conflicted()
    {
        Assert.Equal(ConflictKind.MemberOrganizationAbove, Rules().Find(Member(1, "A", organizationId: HealthUnion), HospitalCase)!.Kind);
        Assert.Equal(ConflictKind.MemberOrganizationAbove, Rules().Find(Member(1, "A", organizationId: Federation), HospitalCase)!.Kind);
    }

    [Fact]
    public void A_member_from_a_unit_below_the_authors_unit_is_conflicted()
    {
        var federationCase = Case(2, "Phần mềm quản lý đoàn viên", Federation);
        Assert.Equal(ConflictKind.MemberOrganizationBelow, Rules().Find(Member(1, "A", organizationId: HospitalUnion), federationCase)!.Kind);
    }

    [Fact]
    public void A_member_from_a_sibling_unit_or_an_unrelated_one_is_not_conflicted()
    {
        Assert.False(Rules().IsConflicted(Member(1, "A", organizationId: EducationUnion), HospitalCase));
        Assert.False(Rules().IsConflicted(Member(1, "A", organizationId: Guid.NewGuid()), HospitalCase));
    }

    [Fact]
    public void Any_one_of_several_author_units_is_enough()
    {
        var jointCase = Case(3, "Sáng kiến liên ngành", Guid.NewGuid(), EducationUnion);
        Assert.True(Rules().IsConflicted(Member(1, "A", organizationId: EducationUnion), jointCase));
    }

    [Fact]
    public void A_declared_conflict_counts_for_that_case_only()
    {
        var member = Member(1, "Trần Thị Lan");
        var other = Case(2, "Hồ sơ khác");
        var rules = Rules(new ConflictDeclaration(member.Id, HospitalCase.Id, "Tác giả là người thân"));

        var finding = rules.Find(member, HospitalCase);
        Assert.Equal(ConflictKind.Declared, finding!.Kind);
        Assert.Contains("Tác giả là người thân", finding.Message, StringComparison.Ordinal);
        Assert.False(rules.IsConflicted(member, other));
    }

    [Fact]
    public void Without_a_hierarchy_only_the_same_unit_conflicts()
    {
        Assert.False(ConflictOfInterest.SameOrganizationOnly.IsConflicted(Member(1, "A", organizationId: HealthUnion), HospitalCase));
        Assert.True(ConflictOfInterest.SameOrganizationOnly.IsConflicted(Member(1, "A", organizationId: HospitalUnion), HospitalCase));
    }

    [Fact]
    public void A_cycle_in_the_organization_data_does_not_hang_the_check()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var looping = OrganizationAncestry.FromParents(new Dictionary<Guid, Guid?> { [a] = b, [b] = a });
        Assert.Equal([b], looping.AncestorsOf(a));
        Assert.False(new ConflictOfInterest(looping, []).IsConflicted(Member(1, "A", organizationId: Guid.NewGuid()), Case(4, "X", a)));
    }

    [Fact]
    public void Enforcement_refuses_with_member_conflicted_and_says_why()
    {
        var problem = Refused(AppraisalRefusals.MemberConflicted, () => Rules().EnsureNotConflicted(Member(1, "Lê Văn Nam", organizationId: HealthUnion), HospitalCase));
        Assert.Contains("cấp trên", problem.Message, StringComparison.Ordinal);
        Assert.Contains("không được chấm điểm", problem.Message, StringComparison.Ordinal);
    }
}
