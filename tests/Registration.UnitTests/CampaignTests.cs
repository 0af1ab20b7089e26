using DoanKetSangTao.Registration.API.Data;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Localization;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

public sealed class CampaignTests
{
    private static Campaign Hanoi2027() => new()
    {
        Id = Guid.NewGuid(),
        Year = 2027,
        Name = "Phong trào Đoàn kết sáng tạo Hà Nội năm 2027",
        ProvinceCode = "01",
        RegistrationClosesAt = VietnamTime.ClosesBefore(new DateOnly(2027, 1, 15)).UtcDateTime,
    };

    [Fact]
    public void Registration_before_15_January_is_open_until_the_end_of_14_January_in_Vietnam()
    {
        var campaign = Hanoi2027();
        Assert.True(campaign.IsRegistrationOpen(new DateTimeOffset(2027, 1, 14, 23, 59, 59, TimeSpan.FromHours(7))));
        Assert.False(campaign.IsRegistrationOpen(new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.FromHours(7))));
    }

    [Fact]
    public void The_late_message_names_the_last_day_in_Vietnamese_form()
    {
        var message = Hanoi2027().RegistrationClosedMessage();
        Assert.Contains("hết ngày 14/01/2027", message);
        Assert.Contains("mở lại thời hạn", message);
    }

    [Fact]
    public void A_province_campaign_covers_its_own_province_and_a_national_one_covers_all()
    {
        Assert.True(Hanoi2027().Covers("01"));
        Assert.False(Hanoi2027().Covers("79"));
        var national = new Campaign { Name = "Toàn quốc", ProvinceCode = null };
        Assert.True(national.Covers("79"));
    }

    [Fact]
    public void The_shipped_list_has_34_provinces_and_3321_communes_each_under_a_listed_province()
    {
        var (provinces, communes) = AdministrativeUnitSeeder.Read();
        Assert.Equal(34, provinces.Count);
        Assert.Equal(3321, communes.Count);
        var codes = provinces.Select(p => p.Code).ToHashSet();
        Assert.All(communes, c => Assert.Contains(c.Parent!, codes));
        Assert.Contains(communes, c => c is { Code: "00004", Name: "Phường Ba Đình" });
        Assert.Equal(3321, communes.Select(c => c.Code).Distinct().Count());
    }
}
