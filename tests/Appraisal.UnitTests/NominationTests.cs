using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Đề cử lên cấp trên: recognized cases only, to the next level only, within the quota, best first.</summary>
public sealed class NominationTests
{
    private static readonly CouncilMember[] Members = Enumerable.Range(1, 3).Select(i => Member(i, $"Thành viên {i}")).ToArray();

    private static AppraisalCouncil Council(CouncilLevel level, int? quota = null) =>
        new(Id(50 + (int)level), $"Hội đồng {level.VietnameseName()}", level, Members, quota);

    private static RecognitionDecision Decision(AppraisalCouncil council, decimal total, bool? recognized = null, int caseNumber = 1)
    {
        var @case = Case(caseNumber, $"Sáng kiến {caseNumber}");
        var sheets = Members.Select(m => Submitted(@case, m, Rubric.Default, DefaultPoints(total))).ToList();
        var aggregate = ScoreAggregation.Aggregate(@case.Id, ScoringScheme.Default, sheets);
        var quorum = QuorumRule.TwoThirds.Evaluate(Members.Select(m => m.Id), [], sheets);
        var follows = aggregate.IsRecognizedGrade;
        return RecognitionDecision.Make(council, aggregate, quorum, recognized ?? follows, $"{caseNumber}/QĐ-MTTQ", new DateOnly(2026, 11, 20),
            recognized is { } r && r != follows ? "Hội đồng biểu quyết" : null, Now);
    }

    [Theory]
    [InlineData(CouncilLevel.Commune, CouncilLevel.Province)]
    [InlineData(CouncilLevel.Province, CouncilLevel.Central)]
    public void A_recognized_case_goes_to_the_next_level(CouncilLevel from, CouncilLevel to)
    {
        var council = Council(from);
        var nomination = Nomination.Create(council, Decision(council, 80m), to, alreadyNominated: 0);
        Assert.Equal(to, nomination.ToLevel);
        Assert.Equal(to == CouncilLevel.Central, nomination.IsToNationalCouncil);
    }

    [Fact]
    public void A_commune_council_cannot_skip_the_province()
    {
        var commune = Council(CouncilLevel.Commune);
        var problem = Refused(AppraisalRefusals.NominationWrongLevel, () => Nomination.Create(commune, Decision(commune, 80m), CouncilLevel.Central, 0));
        Assert.Contains("chỉ được đề cử lên Hội đồng cấp tỉnh", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_central_council_has_no_level_above()
    {
        var central = Council(CouncilLevel.Central);
        var problem = Refused(AppraisalRefusals.NominationNoHigherLevel, () => Nomination.Create(central, Decision(central, 95m), CouncilLevel.Central, 0));
        Assert.Contains("Sách vàng Sáng tạo Việt Nam", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_the_council_did_not_recognize_cannot_be_nominated()
    {
        var province = Council(CouncilLevel.Province);
        var problem = Refused(AppraisalRefusals.NominationNotRecognized, () => Nomination.Create(province, Decision(province, 50m), CouncilLevel.Central, 0));
        Assert.Contains("1/QĐ-MTTQ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nominating_beyond_the_quota_is_refused_and_the_message_gives_the_quota()
    {
        var province = Council(CouncilLevel.Province, quota: 2);
        Nomination.Create(province, Decision(province, 80m), CouncilLevel.Central, alreadyNominated: 1);
        var problem = Refused(AppraisalRefusals.NominationQuotaExceeded, () => Nomination.Create(province, Decision(province, 80m), CouncilLevel.Central, alreadyNominated: 2));
        Assert.Equal(422, StatusOf(problem));
        Assert.Contains("tối đa 2 sáng kiến", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, Nomination.RemainingQuota(province, 2));
        Assert.Null(Nomination.RemainingQuota(Council(CouncilLevel.Province), 40));
    }

    [Fact]
    public void Ranking_picks_the_highest_totals_of_recognized_cases_and_breaks_ties_by_earlier_submission()
    {
        var day = new DateTimeOffset(2026, 6, 1, 8, 0, 0, Vietnam);
        var candidates = new[]
        {
            new NominationCandidate(Id(1), true, 85m, day.AddDays(3)),
            new NominationCandidate(Id(2), true, 92m, day.AddDays(5)),
            new NominationCandidate(Id(3), false, 99m, day),            // not recognized: never ranked
            new NominationCandidate(Id(4), true, 85m, day.AddDays(1)),  // ties with 1, submitted earlier
            new NominationCandidate(Id(5), true, 70m, day),
        };

        Assert.Equal([Id(2), Id(4), Id(1)], Nomination.RankBest(candidates, 3).Select(c => c.CaseId));
    }
}
