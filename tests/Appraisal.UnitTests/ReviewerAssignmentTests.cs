using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Phân công chấm điểm: shared evenly, never to a conflicted member, the same plan every run.</summary>
public sealed class ReviewerAssignmentTests
{
    private static readonly ConflictOfInterest Conflicts = ConflictOfInterest.SameOrganizationOnly;

    private static List<ReviewerLoad> Idle(params CouncilMember[] members) => members.Select(m => new ReviewerLoad(m, 0)).ToList();

    private static List<AppraisalCase> Cases(int count) =>
        Enumerable.Range(1, count).Select(i => Case(100 + i, $"Sáng kiến {i}")).ToList();

    [Fact]
    public void Six_cases_two_reviewers_each_among_four_idle_members_gives_each_member_three()
    {
        var members = Enumerable.Range(1, 4).Select(i => Member(i, $"Thành viên {i}")).ToArray();
        var plan = ReviewerAssignment.Assign(Cases(6), Idle(members), 2, Conflicts, Now);

        Assert.Empty(plan.Unassigned);
        Assert.All(plan.Assignments, a => Assert.Equal(2, a.MemberIds.Distinct().Count()));
        Assert.All(members, m => Assert.Equal(3, plan.Loads[m.Id]));
    }

    [Fact]
    public void Members_already_busy_get_new_cases_last()
    {
        var busy = Member(1, "Đang chấm 5 hồ sơ");
        var free1 = Member(2, "Rảnh 1");
        var free2 = Member(3, "Rảnh 2");
        var plan = ReviewerAssignment.Assign(Cases(2),
            [new ReviewerLoad(busy, 5), new ReviewerLoad(free1, 1), new ReviewerLoad(free2, 0)], 1, Conflicts, Now);

        // free2 (0) takes the first case, then free1 and free2 are tied at 1 and the smaller id (free1) takes the second.
        Assert.Equal([[free2.Id], [free1.Id]], plan.Assignments.Select(a => a.MemberIds.ToArray()));
        Assert.Equal(5, plan.Loads[busy.Id]);
    }

    [Fact]
    public void A_member_from_the_authors_unit_is_never_assigned_even_when_least_loaded()
    {
        var unit = Guid.NewGuid();
        var colleague = Member(1, "Cùng đơn vị", organizationId: unit);
        var others = new[] { Member(2, "B"), Member(3, "C") };
        var cases = new[] { Case(101, "Của đơn vị", unit), Case(102, "Cũng của đơn vị", unit) };

        var plan = ReviewerAssignment.Assign(cases, [new ReviewerLoad(colleague, 0), new ReviewerLoad(others[0], 4), new ReviewerLoad(others[1], 4)], 2, Conflicts, Now);

        Assert.All(plan.Assignments, a => Assert.DoesNotContain(colleague.Id, a.MemberIds));
        Assert.Equal(0, plan.Loads[colleague.Id]);
        Assert.Equal(6, plan.Loads[others[0].Id]);
    }

    [Fact]
    public void A_case_that_cannot_get_enough_reviewers_is_left_unassigned_with_the_reason()
    {
        var unit = Guid.NewGuid();
        var members = new[] { Member(1, "A", organizationId: unit), Member(2, "B", organizationId: unit), Member(3, "C") };
        var blocked = Case(101, "Quy trình một cửa", unit);
        var fine = Case(102, "Sổ tay điện tử");

        var plan = ReviewerAssignment.Assign([blocked, fine], Idle(members), 2, Conflicts, Now);

        var left = Assert.Single(plan.Unassigned);
        Assert.Equal(blocked.Id, left.CaseId);
        Assert.Equal(1, left.AvailableReviewers);
        Assert.Contains("chỉ có 1 thành viên", left.Reason, StringComparison.Ordinal);
        Assert.Contains("(cần 2; 2 thành viên có xung đột lợi ích)", left.Reason, StringComparison.Ordinal);
        Assert.Equal(fine.Id, Assert.Single(plan.Assignments).CaseId);
    }

    [Fact]
    public void A_case_only_one_member_can_take_is_staffed_first_so_the_load_stays_even()
    {
        var a = Member(1, "A");
        var b = Member(2, "B");
        var open = Case(101, "Ai cũng chấm được");
        var onlyA = Case(102, "Chỉ A chấm được", b.OrganizationId);

        var plan = ReviewerAssignment.Assign([open, onlyA], Idle(a, b), 1, Conflicts, Now);

        Assert.Equal([b.Id], plan.Assignments.Single(x => x.CaseId == open.Id).MemberIds);
        Assert.Equal([a.Id], plan.Assignments.Single(x => x.CaseId == onlyA.Id).MemberIds);
    }

    [Fact]
    public void The_plan_does_not_depend_on_the_order_members_are_listed_in()
    {
        var members = Enumerable.Range(1, 5).Select(i => Member(i, $"Thành viên {i}")).ToArray();
        var cases = Cases(7);
        var forward = ReviewerAssignment.Assign(cases, Idle(members), 3, Conflicts, Now);
        var reversed = ReviewerAssignment.Assign(cases, Idle(members.Reverse().ToArray()), 3, Conflicts, Now);

        Assert.Equal(forward.Assignments.Select(x => string.Join(",", x.MemberIds)), reversed.Assignments.Select(x => string.Join(",", x.MemberIds)));
    }

    [Fact]
    public void A_member_who_has_left_the_council_is_not_assigned()
    {
        var gone = Member(1, "Đã thôi", leftAt: Now.AddDays(-1));
        var plan = ReviewerAssignment.Assign(Cases(1), Idle(gone, Member(2, "B")), 1, Conflicts, Now);
        Assert.Equal([Id(2)], plan.Assignments.Single().MemberIds);
    }

    [Fact]
    public void Zero_reviewers_per_case_is_refused()
    {
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => ReviewerAssignment.Assign(Cases(1), Idle(Member(1, "A")), 0, Conflicts, Now));
        Assert.True(problem.Errors!.ContainsKey("reviewersPerCase"));
    }
}
