using DoanKetSangTao.Registration.API.Infrastructure;
using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>Đợt thi đua and its thời hạn: which deadline binds whom, and when a window is shut.</summary>
public sealed class CampaignTests
{
    private static readonly Campaign National = new() { Id = Guid.NewGuid(), Year = 2027, Name = "Phong trào Đoàn kết sáng tạo toàn quốc năm 2027" };

    private static readonly Guid Unit = Guid.NewGuid();

    private static readonly CampaignDeadline Registration = new(DeadlineKind.Registration, Campaign.WholeCampaign, new DateOnly(2027, 1, 15));

    [Fact]
    public void Registration_before_15_January_is_open_until_the_end_of_14_January_in_Vietnam()
    {
        Assert.Null(CampaignWindows.ClosedMessage(National, Registration, [], new DateTimeOffset(2027, 1, 14, 23, 59, 59, TimeSpan.FromHours(7))));
        Assert.NotNull(CampaignWindows.ClosedMessage(National, Registration, [], new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.FromHours(7))));
        // 14 January 17:30 UTC is already 15 January 00:30 in Hà Nội.
        Assert.NotNull(CampaignWindows.ClosedMessage(National, Registration, [], new DateTimeOffset(2027, 1, 14, 17, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_late_message_names_the_last_day_in_Vietnamese_form_and_how_to_get_it_reopened()
    {
        var message = CampaignWindows.ClosedMessage(National, Registration, [], new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero))!;
        Assert.Contains("hết ngày 14/01/2027", message);
        Assert.Contains("mở lại thời hạn", message);
        var dossier = CampaignWindows.ClosedMessage(National, new CampaignDeadline(DeadlineKind.Dossier, "VN", new DateOnly(2027, 8, 6)), [],
            new DateTimeOffset(2027, 9, 1, 0, 0, 0, TimeSpan.Zero))!;
        Assert.Contains("nộp hồ sơ", dossier);
        Assert.Contains("05/08/2027", dossier);
    }

    [Fact]
    public void A_province_deadline_overrides_the_campaign_wide_one_for_that_province_only()
    {
        var deadlines = new[] { Registration, new CampaignDeadline(DeadlineKind.Registration, "46", new DateOnly(2027, 2, 1)) };
        Assert.Equal(new DateOnly(2027, 2, 1), CampaignWindows.Effective(deadlines, DeadlineKind.Registration, "46")!.DueBefore);
        Assert.Equal(new DateOnly(2027, 1, 15), CampaignWindows.Effective(deadlines, DeadlineKind.Registration, "01")!.DueBefore);
        Assert.Null(CampaignWindows.Effective(deadlines, DeadlineKind.Dossier, "01"));
    }

    [Fact]
    public void A_window_reopened_for_the_organization_lets_it_act_until_the_new_day_and_no_longer()
    {
        var extension = new DeadlineExtension(DeadlineKind.Registration, Unit, new DateOnly(2027, 2, 1), "Đơn vị mới thành lập");
        var late = new DateTimeOffset(2027, 1, 20, 9, 0, 0, TimeSpan.FromHours(7));
        Assert.Null(CampaignWindows.ClosedMessage(National, Registration, [extension], late));
        Assert.NotNull(CampaignWindows.ClosedMessage(National, Registration, [extension], new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.FromHours(7))));
        // An extension of the dossier window does not reopen registration.
        Assert.NotNull(CampaignWindows.ClosedMessage(National, Registration, [extension with { Kind = DeadlineKind.Dossier }], late));
    }

    [Fact]
    public void A_province_campaign_covers_its_own_province_and_a_national_one_covers_all()
    {
        var hanoi = new Campaign { Name = "Hà Nội", ProvinceCode = "01" };
        Assert.True(hanoi.Covers("01"));
        Assert.False(hanoi.Covers("79"));
        Assert.True(National.Covers("79"));
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
