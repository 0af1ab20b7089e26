using System.Text;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Registration.API.Domain;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>
/// The rules that used to run as SQL that threw (RegistrationRules) or inline in handlers, now pure: where a
/// registration is filed, whether a window is open, who acts on an initiative, what a reason must be. Each refusal
/// keeps its stable code, its HTTP status and its Vietnamese message.
/// </summary>
public sealed class RegistrationRefusalTests
{
    private static readonly Campaign HaNoi = new() { Id = Guid.NewGuid(), Year = 2027, Name = "Hà Nội 2027", ProvinceCode = "01" };
    private static readonly Campaign National = new() { Id = Guid.NewGuid(), Year = 2027, Name = "Toàn quốc 2027" };
    private static readonly FilingOrganization School = new(Guid.NewGuid(), "school", "01", "00004");
    private static readonly FilingOrganization Federation = new(Guid.NewGuid(), "member_organization", "01", null);
    private static readonly Guid CoAuthorUnit = Guid.NewGuid();

    private static ValidRegistration Registration(FilingOrganization organization, string commune, bool coAuthorElsewhere = false)
    {
        AuthorForm[] authors = coAuthorElsewhere
            ? [new("Nguyễn Thị Hoa", null, true, 60), new("Lê Văn Nam", null, false, 40, CoAuthorUnit)]
            : [new("Nguyễn Thị Hoa", null, true, 100)];
        var (registration, errors) = InitiativeRegistration.Validate(new InitiativeForm(
            HaNoi.Id, "Sáng kiến số hóa sổ hộ nghèo", InitiativeKind.Initiative, organization.Id, commune, "Tóm tắt.", authors,
            "tac_nghiep", "he_thong_chinh_tri", "hanh_chinh"));
        Assert.Empty(errors);
        return registration!;
    }

    private static FilingFacts Facts(string? communeProvince, FilingOrganization? organization, int knownAuthorOrganizations = 0) =>
        new(communeProvince, organization, new Filer(organization?.Id ?? School.Id, []), knownAuthorOrganizations);

    [Fact]
    public void A_registration_in_its_organizations_commune_is_filed_in_that_communes_province()
    {
        var place = FilingRights.Place(Facts("01", School), HaNoi, Registration(School, "00004"));
        Assert.Null(place.Refusal);
        Assert.Equal("01", place.ProvinceCode);
    }

    [Fact]
    public void A_commune_or_organization_not_in_the_catalog_is_a_field_error_on_it()
    {
        var commune = FilingRights.Place(Facts(null, School), HaNoi, Registration(School, "99999")).Refusal!;
        Assert.Equal((RefusalKind.Invalid, Refusal.ValidationFailed), (commune.Kind, commune.Code));
        Assert.Equal(["Mã xã/phường không có trong danh mục đơn vị hành chính hiện hành."], commune.Errors!["communeCode"]);

        var organization = FilingRights.Place(Facts("01", null), HaNoi, Registration(School, "00004")).Refusal!;
        Assert.Equal(["Không tìm thấy cơ quan, đơn vị đã chọn."], organization.Errors!["organizationId"]);
    }

    [Fact]
    public void The_filers_own_organization_is_checked_before_the_campaigns_area()
    {
        var stranger = new FilingFacts("79", School, new Filer(Guid.NewGuid(), []), 0);
        var refusal = FilingRights.Place(stranger, HaNoi, Registration(School, "00004")).Refusal!;
        Assert.Equal(("organization_not_yours", 403), (refusal.Code, RefusalProblems.StatusOf(refusal.Kind)));
    }

    [Fact]
    public void A_commune_outside_the_campaigns_province_is_refused_as_unprocessable()
    {
        // A province-level federation of Hà Nội, filing in a commune of another province in Hà Nội's campaign.
        var refusal = FilingRights.Place(Facts("79", Federation), HaNoi, Registration(Federation, "25747")).Refusal!;
        Assert.Equal(("commune_outside_campaign", 422), (refusal.Code, RefusalProblems.StatusOf(refusal.Kind)));
        Assert.Equal(
            "Xã/phường đã chọn không thuộc tỉnh/thành phố của đợt thi đua này. Vui lòng chọn đúng đợt thi đua của địa phương.", refusal.Message);
    }

    [Fact]
    public void In_a_national_campaign_the_organization_must_be_in_the_communes_province()
    {
        var refusal = FilingRights.Place(Facts("79", Federation), National, Registration(Federation, "25747")).Refusal!;
        Assert.Equal(["Cơ quan, đơn vị đã chọn không thuộc tỉnh/thành phố của xã/phường nơi đăng ký sáng kiến."], refusal.Errors!["organizationId"]);
    }

    [Fact]
    public void Every_co_authors_organization_must_exist()
    {
        var registration = Registration(School, "00004", coAuthorElsewhere: true);
        Assert.Equal([CoAuthorUnit], registration.AuthorOrganizations());
        Assert.Contains("authors", FilingRights.Place(Facts("01", School, knownAuthorOrganizations: 0), HaNoi, registration).Refusal!.Errors!.Keys);
        Assert.Null(FilingRights.Place(Facts("01", School, knownAuthorOrganizations: 1), HaNoi, registration).Refusal);
    }

    [Fact]
    public void A_shut_window_is_a_conflict_named_after_its_kind_and_a_province_deadline_binds_its_province()
    {
        var deadlines = new[]
        {
            new CampaignDeadline(DeadlineKind.Registration, Campaign.WholeCampaign, new DateOnly(2027, 1, 15)),
            new CampaignDeadline(DeadlineKind.Registration, "46", new DateOnly(2027, 2, 1)),
            new CampaignDeadline(DeadlineKind.Dossier, Campaign.WholeCampaign, new DateOnly(2027, 8, 6)),
        };
        var lateJanuary = new DateTimeOffset(2027, 1, 20, 9, 0, 0, TimeSpan.FromHours(7));
        var closed = CampaignWindows.Check(National, DeadlineKind.Registration, "01", deadlines, [], lateJanuary)!;
        Assert.Equal(("registration_closed", 409), (closed.Code, RefusalProblems.StatusOf(closed.Kind)));
        Assert.Contains("hết ngày 14/01/2027", closed.Message);
        Assert.Null(CampaignWindows.Check(National, DeadlineKind.Registration, "46", deadlines, [], lateJanuary));
        Assert.Null(CampaignWindows.Check(National, DeadlineKind.Dossier, "01", deadlines, [], lateJanuary));
        var dossier = CampaignWindows.Check(National, DeadlineKind.Dossier, "01", deadlines, [], new DateTimeOffset(2027, 9, 1, 0, 0, 0, TimeSpan.Zero))!;
        Assert.Equal("dossier_closed", dossier.Code);
        var reopened = new DeadlineExtension(DeadlineKind.Registration, Guid.NewGuid(), new DateOnly(2027, 2, 1), "Đơn vị mới thành lập");
        Assert.Null(CampaignWindows.Check(National, DeadlineKind.Registration, "01", deadlines, [reopened], lateJanuary));
    }

    [Fact]
    public void A_step_the_status_does_not_allow_is_an_invalid_transition_conflict()
    {
        Assert.Null(InitiativeLifecycle.Check(InitiativeStatus.Draft, LifecycleStep.Submit));
        var refusal = InitiativeLifecycle.Check(InitiativeStatus.Recognized, LifecycleStep.Withdraw)!;
        Assert.Equal(("invalid_transition", 409), (refusal.Code, RefusalProblems.StatusOf(refusal.Kind)));
        Assert.Equal("Không thể rút sáng kiến đã có quyết định của hội đồng (trạng thái hiện tại: \"Được công nhận\").", refusal.Message);
    }

    [Fact]
    public void Only_the_author_acts_on_an_initiative_and_a_missing_one_is_not_found_first()
    {
        Assert.Null(RegistrationRefusals.UnlessAuthor("author-1", "author-1"));
        Assert.Equal(("not_initiative_author", 403),
            (RegistrationRefusals.UnlessAuthor("author-1", "someone")!.Code, RefusalProblems.StatusOf(RegistrationRefusals.UnlessAuthor("author-1", "someone")!.Kind)));
        Assert.Equal(("initiative_not_found", 404),
            (RegistrationRefusals.UnlessAuthor(null, "someone")!.Code, RefusalProblems.StatusOf(RegistrationRefusals.UnlessAuthor(null, "someone")!.Kind)));
    }

    [Fact]
    public void A_read_is_not_found_outside_scope_or_allowed()
    {
        var notFound = RegistrationRefusals.InitiativeNotFound;
        var outside = RegistrationRefusals.InitiativeOutsideScope;
        Assert.Same(notFound, RegistrationRefusals.ToRead(null, notFound, outside));
        Assert.Same(outside, RegistrationRefusals.ToRead(false, notFound, outside));
        Assert.Null(RegistrationRefusals.ToRead(true, notFound, outside));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_return_or_withdrawal_without_a_reason_is_refused_on_the_reason_field(string? reason)
    {
        var thrown = Assert.Throws<RefusalException>(() => RegistrationRefusals.RequiredReason(reason, "rút sáng kiến"));
        Assert.Equal(["Vui lòng nêu lý do rút sáng kiến (tối đa 2.000 ký tự)."], thrown.Refusal.Errors!["reason"]);
        Assert.Throws<RefusalException>(() => RegistrationRefusals.RequiredReason(new string('a', 2001), "rút sáng kiến"));
        Assert.Equal("Chuyển công tác", RegistrationRefusals.RequiredReason("  Chuyển công tác ".Normalize(NormalizationForm.FormD), "rút sáng kiến"));
    }

    [Fact]
    public void A_deadline_falls_in_the_campaigns_year_or_early_the_next()
    {
        Assert.Null(DeadlineKind.Check(DeadlineKind.Registration, new DateOnly(2028, 1, 15), 2027));
        Assert.Equal("Hạn đăng ký sáng kiến (Mẫu 1, Mẫu 2) phải là một ngày trong năm 2027 hoặc năm 2028.",
            DeadlineKind.Check(DeadlineKind.Registration, new DateOnly(2026, 12, 31), 2027));
        Assert.StartsWith("Loại thời hạn phải là một trong:", DeadlineKind.Check("unknown", new DateOnly(2027, 1, 1), 2027));
    }
}
