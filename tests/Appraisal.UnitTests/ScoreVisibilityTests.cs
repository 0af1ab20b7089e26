using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Quyền xem phiếu chấm: members score independently until they have submitted.</summary>
public sealed class ScoreVisibilityTests
{
    private static readonly Rubric Rubric = Rubric.Default;
    private static readonly AppraisalCase Case = Fixtures.Case(1, "Mô hình chợ nông sản an toàn");
    private static readonly CouncilMember Lan = Member(1, "Trần Thị Lan");
    private static readonly CouncilMember Nam = Member(2, "Lê Văn Nam");
    private static readonly ScoreSheet NamSubmitted = Submitted(Case, Nam, Rubric, DefaultPoints(70));

    [Fact]
    public void Before_submitting_her_own_sheet_a_member_does_not_see_a_colleagues_submitted_sheet()
    {
        var lanDraft = Drafted(Case, Lan, Rubric, DefaultPoints(80));
        Assert.False(ScoreVisibility.CanSee(Lan, NamSubmitted, lanDraft));
        Assert.False(ScoreVisibility.CanSee(Lan, NamSubmitted, null));
        var problem = Refused(AppraisalRefusals.ScoreSheetsHidden, () => ScoreVisibility.EnsureCanSee(Lan, NamSubmitted, lanDraft));
        Assert.Contains("nộp phiếu chấm điểm của mình", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_submitting_her_own_sheet_a_member_sees_a_colleagues_submitted_sheet_but_not_a_draft()
    {
        var lanSubmitted = Submitted(Case, Lan, Rubric, DefaultPoints(80));
        var namDraft = Drafted(Case, Nam, Rubric, DefaultPoints(70));
        Assert.True(ScoreVisibility.CanSee(Lan, NamSubmitted, lanSubmitted));
        Assert.False(ScoreVisibility.CanSee(Lan, namDraft, lanSubmitted));
    }

    [Fact]
    public void A_sheet_submitted_on_another_case_does_not_open_this_one()
    {
        var other = Fixtures.Case(2, "Hồ sơ khác");
        var lanOnOther = Submitted(other, Lan, Rubric, DefaultPoints(80));
        Assert.False(ScoreVisibility.CanSee(Lan, NamSubmitted, lanOnOther));
    }

    [Fact]
    public void A_member_always_sees_her_own_sheet()
    {
        var lanDraft = Drafted(Case, Lan, Rubric, DefaultPoints(80));
        Assert.True(ScoreVisibility.CanSee(Lan, lanDraft, lanDraft));
    }

    [Theory]
    [InlineData(CouncilRole.Chair, true)]
    [InlineData(CouncilRole.Secretary, true)]
    [InlineData(CouncilRole.ViceChair, false)]
    [InlineData(CouncilRole.Expert, false)]
    public void The_chair_and_the_secretary_see_every_sheet_without_scoring(CouncilRole role, bool sees)
    {
        var viewer = Member(3, "Nguyễn Văn Hùng", role);
        var namDraft = Drafted(Case, Nam, Rubric, DefaultPoints(70));
        Assert.Equal(sees, ScoreVisibility.CanSee(viewer, NamSubmitted, null));
        Assert.Equal(sees, ScoreVisibility.CanSee(viewer, namDraft, null));
    }

    [Fact]
    public void A_chair_conflicted_on_the_case_does_not_see_the_members_sheets()
    {
        var chair = Member(3, "Nguyễn Văn Hùng", CouncilRole.Chair);
        Assert.False(ScoreVisibility.CanSee(chair, NamSubmitted, null, viewerIsConflicted: true));
        var problem = Refused(AppraisalRefusals.ScoreSheetsHidden, () => ScoreVisibility.EnsureCanSee(chair, NamSubmitted, null, viewerIsConflicted: true));
        Assert.Contains("xung đột lợi ích", problem.Message, StringComparison.Ordinal);
    }
}
