using System.Text;
using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>Phiếu đăng ký sáng kiến (Mẫu 1): what a registration must contain before it is accepted.</summary>
public sealed class InitiativeRegistrationTests
{
    private static InitiativeForm Valid(params AuthorForm[] authors) => new(
        Guid.NewGuid(), "Sáng kiến số hóa sổ hộ nghèo", InitiativeKind.Initiative, Guid.NewGuid(), "00004", "Tóm tắt.",
        authors.Length > 0 ? authors : [new AuthorForm("Nguyễn Văn An", "an@example.vn", true, 100)],
        ContentType: "tac_nghiep", MovementArea: "he_thong_chinh_tri", Field: "hanh_chinh");

    [Fact]
    public void An_individual_registration_is_accepted_and_normalized()
    {
        var request = Valid() with { Title = "  " + "Sáng kiến số hóa sổ hộ nghèo".Normalize(NormalizationForm.FormD) + "  " };
        var (registration, errors) = InitiativeRegistration.Validate(request);
        Assert.Empty(errors);
        Assert.Equal("Sáng kiến số hóa sổ hộ nghèo", registration!.Title);
        Assert.Equal("Nguyễn Văn An", registration.Lead.FullName);
    }

    [Fact]
    public void An_author_group_with_one_lead_and_shares_summing_to_100_is_accepted()
    {
        var (registration, errors) = InitiativeRegistration.Validate(Valid(
            new AuthorForm("Nguyễn Thị Hoa", null, true, 50),
            new AuthorForm("Lê Văn Nam", null, false, 30),
            new AuthorForm("Trần Văn Bình", null, false, 20)));
        Assert.Empty(errors);
        Assert.Equal([1, 2, 3], registration!.Authors.Select(a => a.Ordinal));
    }

    [Theory]
    [InlineData(60, 30)]
    [InlineData(70, 40)]
    public void Shares_that_do_not_sum_to_100_percent_are_refused(int lead, int other)
    {
        var (registration, errors) = InitiativeRegistration.Validate(Valid(
            new AuthorForm("Nguyễn Thị Hoa", null, true, lead), new AuthorForm("Lê Văn Nam", null, false, other)));
        Assert.Null(registration);
        Assert.Contains(errors["authors"], m => m.Contains("100%", StringComparison.Ordinal));
    }

    [Fact]
    public void A_group_needs_exactly_one_lead_author()
    {
        var (_, none) = InitiativeRegistration.Validate(Valid(new AuthorForm("A", null, false, 50), new AuthorForm("B", null, false, 50)));
        var (_, two) = InitiativeRegistration.Validate(Valid(new AuthorForm("A", null, true, 50), new AuthorForm("B", null, true, 50)));
        Assert.Contains(none["authors"], m => m.Contains("tác giả chính", StringComparison.Ordinal));
        Assert.Contains(two["authors"], m => m.Contains("tác giả chính", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_missing_field_is_named_in_one_answer()
    {
        var (registration, errors) = InitiativeRegistration.Validate(new InitiativeForm(Guid.Empty, " ", "khac", Guid.Empty, "4", null, []));
        Assert.Null(registration);
        Assert.Equal(["authors", "campaignId", "communeCode", "contentType", "field", "kind", "movementArea", "organizationId", "summary", "title"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_draft_may_leave_the_classification_and_summary_empty_but_not_the_authors()
    {
        var draft = Valid() with { ContentType = null, MovementArea = null, Field = null, Summary = null, IsDraft = true };
        Assert.Empty(InitiativeRegistration.Validate(draft).Errors);
        var (_, errors) = InitiativeRegistration.Validate(draft with { Authors = [] });
        Assert.Equal(["authors"], errors.Keys);
        Assert.Equal(["contentType", "field", "movementArea", "summary"],
            InitiativeRegistration.Validate(draft with { IsDraft = false }).Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_area_or_field_is_refused_with_the_choices_listed()
    {
        var (_, errors) = InitiativeRegistration.Validate(Valid() with { MovementArea = "khac", Field = "thu_vien" });
        Assert.Contains("he_thong_chinh_tri (Cơ quan trong hệ thống chính trị)", errors["movementArea"][0]);
        Assert.Contains("nong_nghiep (Nông nghiệp, nông thôn)", errors["field"][0]);
    }

    [Fact]
    public void A_group_author_keeps_their_own_organization_and_the_shares_must_still_sum_to_100()
    {
        var other = Guid.NewGuid();
        var (registration, _) = InitiativeRegistration.Validate(Valid(
            new AuthorForm("Nguyễn Thị Hoa", null, true, 60),
            new AuthorForm("Lê Văn Nam", null, false, 40, other, "Kỹ sư")));
        Assert.Equal([null, other], registration!.Authors.Select(a => a.OrganizationId));
        Assert.Equal("Kỹ sư", registration.Authors[1].Position);
        var (_, errors) = InitiativeRegistration.Validate(Valid(new AuthorForm("A", null, true, 60), new AuthorForm("B", null, false, 30)));
        Assert.Contains("hiện là 90%", errors["authors"][0]);
    }

    [Fact]
    public void Oversize_text_is_refused()
    {
        var (_, errors) = InitiativeRegistration.Validate(Valid() with
        {
            Title = new string('a', InitiativeRegistration.TitleMaxLength + 1),
            Summary = new string('b', InitiativeRegistration.SummaryMaxLength + 1),
        });
        Assert.True(errors.ContainsKey("title"));
        Assert.True(errors.ContainsKey("summary"));
    }

    [Theory]
    [InlineData("Tiêu đề \ud800")]
    [InlineData("Tiêu đề \ufffd")]
    [InlineData("Tiêu đề\u0007")]
    public void Invalid_unicode_in_the_title_is_refused_with_a_message(string title)
    {
        var (_, errors) = InitiativeRegistration.Validate(Valid() with { Title = title });
        Assert.Contains(errors["title"], m => m.Contains("ký tự không hợp lệ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("an@@example")]
    [InlineData("Nguyễn Văn An <an@example.vn>")]
    [InlineData("\u202Env.elpmaxe@na")]
    [InlineData("an\u200B@example.vn")]
    public void A_malformed_author_email_is_refused(string email)
    {
        var (_, errors) = InitiativeRegistration.Validate(Valid(new AuthorForm("Nguyễn Văn An", email, true, 100)));
        Assert.True(errors.ContainsKey("authors[0].email"));
    }

    [Fact]
    public void An_empty_author_entry_is_named_not_crashed_on()
    {
        var (_, errors) = InitiativeRegistration.Validate(Valid() with { Authors = [null, new AuthorForm("Nguyễn Văn An", null, true, 100)] });
        Assert.True(errors.ContainsKey("authors[0]"));
    }

    [Fact]
    public void A_retry_of_the_same_registration_has_the_same_fingerprint_and_a_different_one_does_not()
    {
        var request = Valid();
        var first = InitiativeRegistration.Validate(request).Registration!.Fingerprint();
        var retry = InitiativeRegistration.Validate(request with { Title = " " + request.Title!.Normalize(System.Text.NormalizationForm.FormD) }).Registration!.Fingerprint();
        var other = InitiativeRegistration.Validate(request with { Title = "Một sáng kiến khác" }).Registration!.Fingerprint();
        Assert.Equal(first, retry);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("sang_kien")]
    [InlineData("y_tuong_moi")]
    [InlineData("sang_che")]
    [InlineData("mo_hinh")]
    public void The_four_kinds_of_the_movement_are_known(string kind) =>
        Assert.Empty(InitiativeRegistration.Validate(Valid() with { Kind = kind }).Errors);
}
