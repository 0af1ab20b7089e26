using DoanKetSangTao.Registration.API.Domain;

namespace DoanKetSangTao.Tests.RegistrationUnitTests;

/// <summary>Tìm kiếm không dấu: how the text is folded and how a query becomes a text-search query.</summary>
public sealed class SearchTests
{
    [Fact]
    public void The_search_document_is_lower_case_without_diacritics_and_includes_authors_and_field()
    {
        var document = InitiativeSearch.Document("Sáng kiến tưới tiết kiệm cho NÔNG NGHIỆP", "Đổi mới quy trình.", ["Đặng Thị Ánh"], "nong_nghiep");
        Assert.Equal("sang kien tuoi tiet kiem cho nong nghiep doi moi quy trinh dang thi anh nong nghiep nong thon", document);
    }

    [Theory]
    [InlineData("sang kien nong nghiep", "sang:* & kien:* & nong:* & nghiep:*")]
    [InlineData("Sáng kiến   Nông-nghiệp", "sang:* & kien:* & nong:* & nghiep:*")]
    [InlineData("đoàn kết", "doan:* & ket:*")]
    [InlineData("a'b & c | !d", "a:* & b:* & c:* & d:*")]
    public void A_query_becomes_prefix_words_all_required_with_no_operator_of_the_callers(string query, string expected) =>
        Assert.Equal(expected, InitiativeSearch.ToTsQuery(query));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("!!! ---")]
    public void An_empty_query_filters_nothing(string? query) => Assert.Null(InitiativeSearch.ToTsQuery(query));
}
