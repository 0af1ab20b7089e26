using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Tests.AwardsUnitTests;

/// <summary>Which forms of commendation a recognition at each council level makes an initiative eligible for.</summary>
public sealed class AwardEligibilityTests
{
    // The forms of commendation the first migration seeds (Migrations/0001_awards.sql), deliberately out of code order.
    private static readonly AwardType[] Seeded =
    [
        new("sach_vang", "Sách vàng Sáng tạo Việt Nam", CouncilLevels.Central),
        new("giay_khen", "Giấy khen", CouncilLevels.Commune),
        new("nguoi_viet_dkst", "Danh hiệu \"Người Việt đoàn kết sáng tạo\"", CouncilLevels.Central),
        new("bang_khen_tinh", "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh", CouncilLevels.Province),
        new("giay_chung_nhan", "Giấy chứng nhận sáng kiến", AwardEligibility.AnyLevel),
        new("bang_khen_trung_uong", "Bằng khen của Ủy ban Trung ương MTTQ Việt Nam", CouncilLevels.Central),
    ];

    private static string[] Codes(string level, IEnumerable<AwardType> types) => AwardEligibility.For(level, types).Select(t => t.Code).ToArray();

    [Fact]
    public void A_commune_recognition_is_eligible_for_the_commune_certificate_of_merit_and_the_recognition_certificate()
    {
        Assert.Equal(["giay_chung_nhan", "giay_khen"], Codes(CouncilLevels.Commune, Seeded));
    }

    [Fact]
    public void A_province_recognition_is_eligible_for_the_province_certificate_and_the_recognition_certificate_only()
    {
        Assert.Equal(["bang_khen_tinh", "giay_chung_nhan"], Codes(CouncilLevels.Province, Seeded));
    }

    [Fact]
    public void A_central_recognition_is_the_national_one_with_the_title_and_the_golden_book()
    {
        var eligible = AwardEligibility.For(CouncilLevels.Central, Seeded);
        Assert.Equal(["bang_khen_trung_uong", "giay_chung_nhan", "nguoi_viet_dkst", "sach_vang"], eligible.Select(t => t.Code));
        Assert.Contains(eligible, t => t.Name.Contains(CouncilLevels.NationalTitle, StringComparison.Ordinal));
        Assert.Contains(eligible, t => t.Name == CouncilLevels.GoldenBook);
    }

    [Fact]
    public void A_type_given_at_any_level_is_offered_at_every_level_and_a_lower_levels_type_never_above_it()
    {
        foreach (var level in CouncilLevels.All)
        {
            var codes = Codes(level, Seeded);
            Assert.Contains("giay_chung_nhan", codes);
            // Exactly the types of this level, plus the any-level one.
            Assert.Equal(Seeded.Count(t => t.Level == level) + 1, codes.Length);
        }
    }

    [Fact]
    public void A_type_at_a_retired_or_unknown_level_is_offered_for_no_recognition()
    {
        // "district" (cấp huyện) no longer exists since the 2025 reform; an operator's typo is no level either.
        AwardType[] types = [.. Seeded, new("giay_khen_huyen", "Giấy khen cấp huyện", "district"), new("typo", "Sai cấp", "Province")];
        foreach (var level in CouncilLevels.All)
        {
            Assert.DoesNotContain("giay_khen_huyen", Codes(level, types));
            Assert.DoesNotContain("typo", Codes(level, types));
        }
    }

    [Fact]
    public void A_recognition_at_a_level_the_vocabulary_does_not_know_is_offered_only_the_any_level_types()
    {
        Assert.Equal(["giay_chung_nhan"], Codes("district", Seeded));
        Assert.Equal(["giay_chung_nhan"], Codes("CENTRAL", Seeded));
    }

    [Fact]
    public void Eligible_types_are_in_ordinal_code_order_whatever_order_they_are_read_in()
    {
        AwardType[] types = [new("b", "B", CouncilLevels.Commune), new("B", "B hoa", CouncilLevels.Commune), new("a", "A", AwardEligibility.AnyLevel), new("_", "Gạch", CouncilLevels.Commune)];
        Assert.Equal(["B", "_", "a", "b"], Codes(CouncilLevels.Commune, types));
        Assert.Equal(Codes(CouncilLevels.Central, Seeded), Codes(CouncilLevels.Central, Seeded.Reverse()));
    }

    [Fact]
    public void No_types_means_nothing_is_eligible()
    {
        Assert.Empty(AwardEligibility.For(CouncilLevels.Central, []));
    }
}
