using DoanKetSangTao.Appraisal.API.Domain;
using Vocabulary = DoanKetSangTao.Contracts.Vocabulary;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Hội đồng thẩm định: its level, the level above, and who counts as a member when.</summary>
public sealed class CouncilTests
{
    [Fact]
    public void Each_level_nominates_to_the_next_and_the_central_council_to_none()
    {
        Assert.Equal(CouncilLevel.Province, CouncilLevel.Commune.Above());
        Assert.Equal(CouncilLevel.Central, CouncilLevel.Province.Above());
        Assert.Null(CouncilLevel.Central.Above());
    }

    [Fact]
    public void Levels_are_written_and_named_as_the_contracts_vocabulary_says()
    {
        Assert.Equal(["commune", "province", "central"], Enum.GetValues<CouncilLevel>().Select(l => l.Code()));
        Assert.Equal(Vocabulary.CouncilLevels.All, Enum.GetValues<CouncilLevel>().Select(l => l.Code()));
        Assert.Equal(["cấp xã", "cấp tỉnh", "Trung ương"], Enum.GetValues<CouncilLevel>().Select(l => l.VietnameseName()));
        Assert.All(Enum.GetValues<CouncilLevel>(), l => Assert.Equal(l, CouncilLevels.Parse(l.Code())));
        Assert.Null(CouncilLevels.TryParse("district"));
        Assert.Null(CouncilLevels.TryParse(null));
        Assert.Throws<InvalidOperationException>(() => CouncilLevels.Parse("Province"));
    }

    [Fact]
    public void Only_the_central_council_recognizes_nationally()
    {
        Assert.False(CouncilLevel.Commune.IsNational());
        Assert.False(CouncilLevel.Province.IsNational());
        Assert.True(new AppraisalCouncil(Guid.NewGuid(), "Hội đồng tuyển chọn Trung ương", CouncilLevel.Central, []).IsNational);
        Assert.Equal("Người Việt đoàn kết sáng tạo", Vocabulary.CouncilLevels.NationalTitle);
    }

    [Fact]
    public void A_member_counts_from_joining_until_the_instant_they_leave()
    {
        var joined = new DateTimeOffset(2026, 3, 1, 0, 0, 0, Vietnam);
        var left = new DateTimeOffset(2026, 9, 1, 0, 0, 0, Vietnam);
        var member = Member(1, "Trần Thị Lan", joinedAt: joined, leftAt: left);

        Assert.False(member.IsMemberAt(joined.AddTicks(-1)));
        Assert.True(member.IsMemberAt(joined));
        Assert.True(member.IsMemberAt(left.AddSeconds(-1)));
        Assert.False(member.IsMemberAt(left));
    }

    [Fact]
    public void A_role_change_is_a_new_tenure_and_the_council_answers_with_the_one_current_then()
    {
        var change = new DateTimeOffset(2026, 6, 1, 0, 0, 0, Vietnam);
        var asChair = Member(1, "Nguyễn Văn Hùng", CouncilRole.Chair, leftAt: change);
        var asMember = asChair with { Role = CouncilRole.Member, JoinedAt = change, LeftAt = null };
        var council = new AppraisalCouncil(Guid.NewGuid(), "Hội đồng thẩm định tỉnh Đắk Lắk", CouncilLevel.Province, [asChair, asMember]);

        Assert.Empty(council.Validate().ByField);
        Assert.Equal(CouncilRole.Chair, council.MemberAt(Id(1), change.AddDays(-1))!.Role);
        Assert.Equal(CouncilRole.Member, council.MemberAt(Id(1), change)!.Role);
        Assert.Single(council.MembersAt(change));
        Assert.Null(council.MemberAt(Id(1), CouncilFormed.AddDays(-1)));
    }

    [Fact]
    public void Two_chairs_at_the_same_time_are_refused_but_a_successor_is_not()
    {
        var handover = new DateTimeOffset(2026, 6, 1, 0, 0, 0, Vietnam);
        var first = Member(1, "Nguyễn Văn Hùng", CouncilRole.Chair, leftAt: handover);
        var successor = Member(2, "Lê Thị Mai", CouncilRole.Chair, joinedAt: handover);
        var overlapping = Member(3, "Phạm Văn Tâm", CouncilRole.Chair, joinedAt: handover.AddDays(-1));

        var ok = new AppraisalCouncil(Guid.NewGuid(), "Hội đồng", CouncilLevel.Province, [first, successor]).Validate().ByField;
        var bad = new AppraisalCouncil(Guid.NewGuid(), "Hội đồng", CouncilLevel.Province, [first, overlapping]).Validate().ByField;

        Assert.Empty(ok);
        Assert.Contains(bad["members[1].role"], m => m.Contains("một Chủ tịch", StringComparison.Ordinal));
    }

    [Fact]
    public void Leaving_before_joining_overlapping_tenures_a_missing_organization_and_a_zero_quota_are_refused()
    {
        var member = Member(1, "Trần Thị Lan");
        var council = new AppraisalCouncil(Guid.NewGuid(), " ", CouncilLevel.Commune,
        [
            member,
            member with { JoinedAt = CouncilFormed.AddDays(10) },
            Member(2, "Võ Văn Kiệt", organizationId: Guid.Empty, leftAt: CouncilFormed.AddDays(-1)),
        ], NominationQuota: 0);

        var errors = council.Validate().ByField;

        Assert.Equal(["members[1]", "members[2].leftAt", "members[2].organizationId", "name", "nominationQuota"],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}
