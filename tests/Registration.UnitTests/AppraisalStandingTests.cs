using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>The level and stage of appraisal an author sees, derived from the councils' events whatever their order.</summary>
public sealed class AppraisalStandingTests
{
    [Fact]
    public void No_council_yet_means_no_standing()
    {
        Assert.Null(AppraisalPosition.Of([]));
    }

    [Fact]
    public void Nominated_to_the_central_council_and_under_appraisal_there_reads_as_both()
    {
        LevelFacts[] facts =
        [
            new("province", false, 1, null, "recognized"),
            new("central", true, 1, null, null),
        ];
        var standing = AppraisalPosition.Of(facts)!;
        Assert.Equal(("central", "under_appraisal", true), (standing.Level, standing.Stage, standing.Nominated));
        Assert.Equal("Được đề cử lên Hội đồng Trung ương, đang thẩm định tại đó", standing.Label);
        // The same facts in any order give the same standing.
        Assert.Equal(standing, AppraisalPosition.Of(facts.Reverse()));
    }

    [Fact]
    public void A_case_opened_above_before_the_nomination_arrives_is_under_appraisal_there_and_the_nomination_only_adds_the_words()
    {
        var opened = AppraisalPosition.Of([new("province", false, 1, null, "recognized"), new("central", false, 1, null, null)])!;
        Assert.Equal(("central", "under_appraisal"), (opened.Level, opened.Stage));
        Assert.Equal("Đang thẩm định tại Hội đồng Trung ương", opened.Label);
        var nominatedOnly = AppraisalPosition.Of([new("province", false, 1, null, "recognized"), new("central", true, null, null, null)])!;
        Assert.Equal("nominated", nominatedOnly.Stage);
        Assert.Equal("Được đề cử lên Hội đồng Trung ương, chờ hội đồng tiếp nhận", nominatedOnly.Label);
    }

    [Theory]
    [InlineData(1, 1, "returned")]
    [InlineData(2, 1, "under_appraisal")]
    [InlineData(1, null, "under_appraisal")]
    public void A_return_holds_until_a_newer_version_is_opened(int opened, int? returned, string stage)
    {
        Assert.Equal(stage, AppraisalPosition.Of([new("province", false, opened, returned, null)])!.Stage);
    }

    [Fact]
    public void A_decision_is_the_furthest_stage_and_unknown_levels_are_ignored()
    {
        var rejected = AppraisalPosition.Of([new("commune", false, 1, 1, "not_recognized"), new("huyen", true, 1, null, null)])!;
        Assert.Equal(("commune", "not_recognized"), (rejected.Level, rejected.Stage));
        Assert.Equal("Không được hội đồng cấp xã công nhận", rejected.Label);
    }
}
