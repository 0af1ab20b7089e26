using System.Text;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Localization;

public sealed class VietnameseTextTests
{
    [Fact]
    public void Text_typed_decomposed_is_stored_composed()
    {
        var decomposed = "Sáng kiến nông nghiệp".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Sáng kiến nông nghiệp", decomposed);
        Assert.Equal("Sáng kiến nông nghiệp", VietnameseText.TryNormalize("  " + decomposed + " "));
    }

    [Theory]
    [InlineData("Tiêu đề \ud800 hỏng")]
    [InlineData("Tiêu đề \udc00")]
    [InlineData("Mã độc\u0000")]
    [InlineData("Chữ \ufffd vỡ")]
    [InlineData("Không phải ký tự \ufffe")]
    [InlineData("Tên \u202Eđảo chiều")]
    [InlineData("Chữ\u200Bẩn")]
    [InlineData("Dòng một\ndòng hai")]
    public void Invalid_or_damaged_text_is_refused(string value) => Assert.Null(VietnameseText.TryNormalize(value));

    [Fact]
    public void Line_breaks_are_allowed_where_the_field_is_a_paragraph() =>
        Assert.Equal("Dòng một\ndòng hai", VietnameseText.TryNormalize("Dòng một\ndòng hai", allowNewLines: true));

    [Theory]
    [InlineData("Đoàn kết Sáng tạo", "doan ket sang tao")]
    [InlineData("Sáng kiến NÔNG NGHIỆP", "sang kien nong nghiep")]
    [InlineData("Phường Ba Đình", "phuong ba dinh")]
    [InlineData("Ý tưởng mới", "y tuong moi")]
    public void Folding_drops_diacritics_and_case_so_search_ignores_them(string text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));

    [Fact]
    public void Folding_gives_the_same_key_for_composed_and_decomposed_input() =>
        Assert.Equal(VietnameseText.Fold("Hợp tác xã"), VietnameseText.Fold("Hợp tác xã".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("Sáng kiến: “Tổ công nghệ số” (2025)", "sang kien to cong nghe so 2025")]
    [InlineData("  ĐỔI MỚI -- quy trình\tmột cửa ", "doi moi quy trinh mot cua")]
    [InlineData("...", "")]
    public void Search_keys_keep_only_folded_words_one_space_apart(string text, string key) =>
        Assert.Equal(key, VietnameseText.SearchKey(text));

    [Fact]
    public void Search_keys_are_the_same_for_composed_and_decomposed_input() =>
        Assert.Equal(VietnameseText.SearchKey("Đường giao thông"), VietnameseText.SearchKey("Đường giao thông".Normalize(NormalizationForm.FormD)));
}
