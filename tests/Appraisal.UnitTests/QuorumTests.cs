using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Túc số: enough assigned members must have scored before the council decides.</summary>
public sealed class QuorumTests
{
    [Fact]
    public void Three_of_five_is_short_of_two_thirds_and_says_one_more_is_needed()
    {
        var status = QuorumRule.TwoThirds.Evaluate(5, 3);
        Assert.False(status.IsMet);
        Assert.Equal(4, status.Required);
        Assert.Equal(1, status.Missing);
        Assert.EndsWith("Cần thêm 1 thành viên chấm điểm.", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Four_of_five_meets_two_thirds()
    {
        var status = QuorumRule.TwoThirds.Evaluate(5, 4);
        Assert.True(status.IsMet);
        Assert.Equal(0, status.Missing);
        Assert.StartsWith("Đã đủ túc số: 4/5", status.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(6, 4)]
    [InlineData(7, 5)]
    [InlineData(1, 1)]
    public void Two_thirds_is_rounded_up_to_a_whole_member(int eligible, int required)
    {
        Assert.Equal(required, QuorumRule.TwoThirds.RequiredOf(eligible));
    }

    [Fact]
    public void Conflicted_members_are_left_out_of_the_count_and_so_are_drafts_and_unassigned_members()
    {
        var c = Case(1, "Sổ tay nông dân điện tử");
        var members = Enumerable.Range(1, 6).Select(i => Member(i, $"Thành viên {i}")).ToArray();
        var assigned = members.Take(5).Select(m => m.Id).ToList();
        var sheets = new List<ScoreSheet>
        {
            Submitted(c, members[0], Rubric.Default, DefaultPoints(80)),
            Submitted(c, members[1], Rubric.Default, DefaultPoints(80)),
            Drafted(c, members[2], Rubric.Default, DefaultPoints(80)),
            Submitted(c, members[5], Rubric.Default, DefaultPoints(80)), // not assigned
        };

        // 5 assigned, 1 declared a conflict later → 4 eligible, 2/3 → 3 required; 2 submitted.
        var status = QuorumRule.TwoThirds.Evaluate(assigned, [members[4].Id], sheets);

        Assert.Equal(4, status.Eligible);
        Assert.Equal(2, status.Submitted);
        Assert.Equal(3, status.Required);
        Assert.Contains("Cần thêm 1 thành viên", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_council_may_set_another_fraction()
    {
        var half = QuorumRule.Create(1, 2);
        Assert.True(half.Evaluate(4, 2).IsMet);
        Assert.False(half.Evaluate(5, 2).IsMet);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(1, 0)]
    public void A_fraction_that_is_not_between_0_and_1_is_refused(int numerator, int denominator)
    {
        Refused(AppraisalRefusals.ValidationFailed, () => QuorumRule.Create(numerator, denominator));
    }

    [Fact]
    public void Nobody_assigned_is_never_a_quorum()
    {
        var status = QuorumRule.TwoThirds.Evaluate(0, 0);
        Assert.False(status.IsMet);
        Assert.Contains("phân công", status.Message, StringComparison.Ordinal);
    }
}
