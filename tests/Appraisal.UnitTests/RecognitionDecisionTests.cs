using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Quyết định công nhận: recommended by the scores, taken by the council, only with quorum, with a valid number and date.</summary>
public sealed class RecognitionDecisionTests
{
    private static readonly AppraisalCase Case = Fixtures.Case(1, "Mô hình tổ tự quản an ninh trật tự");
    private static readonly CouncilMember[] Members = Enumerable.Range(1, 3).Select(i => Member(i, $"Thành viên {i}")).ToArray();
    private static readonly AppraisalCouncil Province = new(Id(50), "Hội đồng thẩm định tỉnh Quảng Trị", CouncilLevel.Province, Members);

    private static (CaseAggregate Aggregate, QuorumStatus Quorum) Scored(params decimal[] totals)
    {
        var sheets = totals.Select((t, i) => Submitted(Case, Members[i], Rubric.Default, DefaultPoints(t))).ToList();
        return (ScoreAggregation.Aggregate(Case.Id, ScoringScheme.Default, sheets),
            QuorumRule.TwoThirds.Evaluate(Members.Select(m => m.Id), [], sheets));
    }

    private static RecognitionDecision Decide(CaseAggregate aggregate, QuorumStatus quorum, bool recognized,
        string? number = "125/QĐ-MTTQ-BTT", DateOnly? date = null, string? reason = null, DateTimeOffset? now = null, AppraisalCouncil? council = null) =>
        RecognitionDecision.Make(council ?? Province, aggregate, quorum, recognized, number, date ?? new DateOnly(2026, 11, 20), reason, now ?? Now);

    [Fact]
    public void Without_quorum_no_decision_is_taken_and_the_refusal_says_how_many_more_must_score()
    {
        var (aggregate, quorum) = Scored(80m); // 1 of 3: 2 required
        var problem = Refused(AppraisalRefusals.QuorumNotMet, () => Decide(aggregate, quorum, recognized: true));
        Assert.Equal(422, StatusOf(problem));
        Assert.Contains("Cần thêm 1 thành viên chấm điểm", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Recommendation.AwaitQuorum, RecognitionDecision.Recommend(aggregate, quorum));
    }

    [Fact]
    public void A_recognized_grade_recommends_recognition_and_a_failing_one_does_not()
    {
        var (good, q1) = Scored(80m, 70m);
        var (poor, q2) = Scored(50m, 55m);
        Assert.Equal(Recommendation.Recognize, RecognitionDecision.Recommend(good, q1));
        Assert.Equal(Recommendation.DoNotRecognize, RecognitionDecision.Recommend(poor, q2));
    }

    [Fact]
    public void A_decision_following_the_scores_records_the_grade_and_the_mean()
    {
        var (aggregate, quorum) = Scored(80m, 70m, 90m);
        var decision = Decide(aggregate, quorum, recognized: true, number: "  125/QĐ-MTTQ-BTT ");

        Assert.True(decision.Recognized);
        Assert.True(decision.FollowsRecommendation);
        Assert.Equal("125/QĐ-MTTQ-BTT", decision.DecisionNumber);
        Assert.Equal("Tốt", decision.Band!.Name);
        Assert.Equal(80m, decision.AggregateTotal);
        Assert.False(decision.IsNational);
    }

    [Fact]
    public void An_empty_number_and_a_missing_date_are_refused()
    {
        var (aggregate, quorum) = Scored(80m, 70m);
        var problem = Refused(AppraisalRefusals.ValidationFailed, () =>
            RecognitionDecision.Make(Province, aggregate, quorum, true, "  ", null, null, Now));
        Assert.Equal(["decisionDate", "decisionNumber"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_date_may_be_today_in_Vietnam_but_not_tomorrow_even_while_it_is_still_yesterday_in_UTC()
    {
        var (aggregate, quorum) = Scored(80m, 70m);
        var now = new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero); // 01:30 on 21/11/2026 in Vietnam

        Assert.Equal(new DateOnly(2026, 11, 21), Decide(aggregate, quorum, true, date: new DateOnly(2026, 11, 21), now: now).DecisionDate);
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => Decide(aggregate, quorum, true, date: new DateOnly(2026, 11, 22), now: now));
        Assert.Equal("Ngày quyết định 22/11/2026 không được sau ngày hôm nay (21/11/2026).", problem.Errors!["decisionDate"].Single());
    }

    [Fact]
    public void The_council_may_decide_against_the_scores_only_with_a_reason()
    {
        var (aggregate, quorum) = Scored(50m, 55m);
        var problem = Refused(AppraisalRefusals.ValidationFailed, () => Decide(aggregate, quorum, recognized: true));
        Assert.Contains("cần ghi rõ lý do", problem.Errors!["reason"].Single(), StringComparison.Ordinal);

        var decision = Decide(aggregate, quorum, recognized: true, reason: "Hội đồng biểu quyết công nhận do hiệu quả đã được kiểm chứng tại 3 xã.");
        Assert.True(decision.Recognized);
        Assert.False(decision.FollowsRecommendation);
        Assert.Equal(Recommendation.DoNotRecognize, decision.Recommendation);
    }

    [Fact]
    public void A_recognition_by_the_central_council_is_national()
    {
        var (aggregate, quorum) = Scored(95m, 90m);
        var central = Province with { Id = Id(51), Name = "Hội đồng tuyển chọn Trung ương", Level = CouncilLevel.Central };
        Assert.True(Decide(aggregate, quorum, true, council: central).IsNational);
        Assert.False(Decide(aggregate, quorum, false, council: central, reason: "Trùng nội dung đã công nhận").IsNational);
    }
}
