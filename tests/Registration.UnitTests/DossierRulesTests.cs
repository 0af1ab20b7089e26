using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>Hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4): what a dossier must hold before it can be submitted.</summary>
public sealed class DossierRulesTests
{
    private static readonly DateOnly Today = new(2027, 6, 1);

    private static DossierContent Complete() => new(
        new DateOnly(2026, 9, 1), "Cải cách hành chính", null, "Sổ giấy, tra cứu chậm.", "Số hóa sổ theo dõi hộ nghèo.", "Lần đầu áp dụng tại phường.",
        "Giảm 70% thời gian tra cứu.", "Tiết kiệm 120 giờ công mỗi năm.", "Áp dụng được ở mọi xã, phường có máy tính.", "15/CĐ-BĐ", new DateOnly(2027, 5, 20));

    [Fact]
    public void A_complete_dossier_with_the_cover_letter_attached_misses_nothing()
    {
        Assert.Empty(DossierRules.Missing(Complete(), [AttachmentKind.CoverLetter, AttachmentKind.Supporting]));
    }

    [Fact]
    public void Confidential_information_is_optional_but_every_other_part_is_named_when_missing()
    {
        var missing = DossierRules.Missing(new DossierContent(), []);
        Assert.Equal(
            ["applicationField", "attachments", "benefits", "conditionsAndScope", "coverLetterDate", "coverLetterNumber", "currentSituation", "firstAppliedOn", "novelty", "results", "solution"],
            missing.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("văn bản đề nghị", missing["attachments"][0]);
    }

    [Fact]
    public void Without_the_units_cover_letter_a_dossier_cannot_be_submitted()
    {
        Assert.Equal(["attachments"], DossierRules.Missing(Complete(), [AttachmentKind.Supporting]).Keys);
    }

    [Fact]
    public void Text_is_kept_as_NFC_and_dates_in_the_future_or_oversize_sections_are_refused()
    {
        var (content, errors) = DossierRules.Normalize(Complete() with { Solution = "Số hóa".Normalize(System.Text.NormalizationForm.FormD) }, Today);
        Assert.Empty(errors);
        Assert.Equal("Số hóa", content!.Solution);

        var (_, bad) = DossierRules.Normalize(Complete() with
        {
            FirstAppliedOn = Today.AddDays(1),
            Novelty = new string('x', DossierRules.SectionMaxLength + 1),
            Results = "Kết quả \ud800",
        }, Today);
        Assert.Equal(["firstAppliedOn", "novelty", "results"], bad.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("20.000", bad["novelty"][0]);
    }
}
