using DoanKetSangTao.Appraisal.API.Domain;
using static DoanKetSangTao.Tests.AppraisalUnitTests.Fixtures;

namespace DoanKetSangTao.Tests.AppraisalUnitTests;

/// <summary>Thang xếp loại: which grade a total gets, exactly at the boundaries, and what a custom scale must satisfy.</summary>
public sealed class GradeBandsTests
{
    [Theory]
    [InlineData(100, "xuat_sac")]
    [InlineData(90, "xuat_sac")]
    [InlineData(89.99, "tot")]
    [InlineData(75, "tot")]
    [InlineData(74.75, "kha")]
    [InlineData(60, "kha")]
    [InlineData(59.99, "khong_dat")]
    [InlineData(0, "khong_dat")]
    public void A_total_maps_to_the_band_whose_minimum_it_reaches(double total, string band)
    {
        Assert.Equal(band, GradeBands.Default.Map((decimal)total).Code);
    }

    [Fact]
    public void Khá_and_above_are_recognized_and_Không_đạt_is_not()
    {
        Assert.Equal(["Xuất sắc", "Tốt", "Khá"], GradeBands.Default.Recognized.Select(b => b.Name));
        Assert.Equal("Không đạt", GradeBands.Default.HighestNotRecognized.Name);
        Assert.False(GradeBands.Default.Map(59.75m).IsRecognized);
        Assert.True(GradeBands.Default.Map(60m).IsRecognized);
    }

    [Fact]
    public void The_default_scale_follows_a_rubric_that_is_not_out_of_100()
    {
        var bands = GradeBands.DefaultFor(150m);
        Assert.Equal([135m, 112.5m, 90m, 0m], bands.Bands.Select(b => b.MinTotal));
        Assert.Equal("tot", bands.Map(134.75m).Code);
    }

    [Fact]
    public void Bands_given_in_any_order_are_kept_highest_first()
    {
        var bands = GradeBands.Create(
            [new GradeBand("khong_dat", "Không đạt", 0m, false), new GradeBand("dat", "Đạt", 50m, true)], 100m);
        Assert.Equal(["dat", "khong_dat"], bands.Bands.Select(b => b.Code));
        Assert.Equal("dat", bands.Map(50m).Code);
    }

    [Fact]
    public void A_scale_that_does_not_start_at_0_leaves_low_totals_ungraded_and_is_refused()
    {
        var errors = GradeBands.Validate(
            [new GradeBand("dat", "Đạt", 50m, true), new GradeBand("khong_dat", "Không đạt", 10m, false)], 100m).ByField;
        Assert.Contains("từ 0 điểm", errors["bands"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_bands_starting_at_the_same_total_overlap_and_are_refused()
    {
        var errors = GradeBands.Validate(
        [
            new GradeBand("tot", "Tốt", 75m, true), new GradeBand("kha", "Khá", 75m, true), new GradeBand("khong_dat", "Không đạt", 0m, false),
        ], 100m).ByField;
        Assert.Contains("chồng lên nhau", errors["bands[1].minTotal"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_band_starting_above_the_rubric_maximum_could_never_be_reached_and_is_refused()
    {
        var errors = GradeBands.Validate([new GradeBand("xuat_sac", "Xuất sắc", 101m, true), new GradeBand("khong_dat", "Không đạt", 0m, false)], 100m).ByField;
        Assert.True(errors.ContainsKey("bands[0].minTotal"));
    }

    [Fact]
    public void A_scale_where_every_band_is_recognized_is_refused()
    {
        var errors = GradeBands.Validate([new GradeBand("tot", "Tốt", 50m, true), new GradeBand("kha", "Khá", 0m, true)], 100m).ByField;
        Assert.Contains("không được công nhận", errors["bands"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_recognized_band_below_a_band_that_is_not_is_refused()
    {
        var errors = GradeBands.Validate(
        [
            new GradeBand("cao", "Cao", 80m, false), new GradeBand("vua", "Vừa", 40m, true), new GradeBand("thap", "Thấp", 0m, false),
        ], 100m).ByField;
        Assert.Contains("không được nằm dưới", errors["bands"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_an_invalid_scale_with_validation_failed()
    {
        Refused(AppraisalRefusals.ValidationFailed, () => GradeBands.Create([], 100m));
    }
}
