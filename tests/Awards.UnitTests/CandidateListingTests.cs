using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Tests.AwardsUnitTests;

/// <summary>What a request for the commendation candidates list may ask, and how it is refused.</summary>
public sealed class CandidateListingTests
{
    private static readonly Guid Campaign = Guid.NewGuid();

    [Fact]
    public void A_plain_request_reads_the_first_page_of_the_default_size_in_the_callers_area()
    {
        Assert.True(CandidateListing.TryRead(Campaign, "01", "00004", null, null, null, out var filter, out var refusal));
        Assert.Null(refusal);
        Assert.Equal(new CandidateFilter(Campaign, "01", "00004", null, null, CandidateListing.DefaultPageSize), filter);
    }

    [Fact]
    public void A_cursor_the_list_handed_out_reads_back_as_the_same_position()
    {
        var last = new CandidateCursor(new DateOnly(2026, 12, 10), 42);
        Assert.True(CandidateListing.TryRead(null, null, null, CouncilLevels.Central, last.Encode(), 2, out var filter, out _));
        Assert.Equal(last, filter.After);
        Assert.Equal((CouncilLevels.Central, 2), (filter.Level, filter.Take));
    }

    [Theory]
    [InlineData("MjAyNi0xMi0xMAo0Mg")]   // "2026-12-10\n42": the format handed out now
    [InlineData("20261210-42")]          // the format of earlier releases, handed out before the deploy
    public void A_cursor_in_either_format_reads_back_as_the_same_position(string cursor)
    {
        Assert.Equal(new CandidateCursor(new DateOnly(2026, 12, 10), 42), CandidateCursor.TryDecode(cursor));
        Assert.True(CandidateListing.TryRead(null, null, null, null, cursor, null, out var filter, out _));
        Assert.Equal(new CandidateCursor(new DateOnly(2026, 12, 10), 42), filter.After);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("20261310-42")]          // earlier format, no such month
    [InlineData("20261210-42-1")]        // earlier format, a part too many
    [InlineData("20261210--42")]         // earlier format, a negative id
    [InlineData("20261210-")]            // earlier format, no id
    [InlineData("MjAyNi0xMi0xMA")]       // one part only
    [InlineData("eC0xMi0xMAo0Mg")]       // "x-12-10\n42": not a date
    [InlineData("")]
    public void A_cursor_the_list_did_not_hand_out_is_refused_on_its_field(string cursor)
    {
        Assert.False(CandidateListing.TryRead(null, null, null, null, cursor, null, out var filter, out var refusal));
        Assert.Null(filter);
        Assert.Equal((RefusalKind.Invalid, Refusal.ValidationFailed), (refusal.Kind, refusal.Code));
        Assert.Equal(["Con trỏ trang không hợp lệ; vui lòng tải lại danh sách từ trang đầu."], refusal.Errors!["cursor"]);
    }

    [Fact]
    public void Every_wrong_field_is_named_at_once()
    {
        Assert.False(CandidateListing.TryRead(null, null, null, "huyen", "x", CandidateListing.MaxPageSize + 1, out _, out var refusal));
        Assert.Equal(["level", "limit", "cursor"], refusal.Errors!.Keys);
        Assert.Contains("cấp xã", refusal.Errors["level"][0], StringComparison.Ordinal);
        Assert.Equal(["Số dòng mỗi trang từ 1 đến 100."], refusal.Errors["limit"]);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void A_page_holds_one_to_a_hundred_candidates(int limit, bool allowed)
    {
        Assert.Equal(allowed, CandidateListing.TryRead(null, null, null, null, null, limit, out _, out _));
    }

    [Fact]
    public void The_outside_scope_refusal_keeps_its_code_and_message()
    {
        Assert.Equal(RefusalKind.Forbidden, CandidateListing.OutsideScope.Kind);
        Assert.Equal("commendation_outside_scope", CandidateListing.OutsideScope.Code);
        Assert.StartsWith("Bạn chỉ được xem danh sách đề nghị khen thưởng", CandidateListing.OutsideScope.Message, StringComparison.Ordinal);
    }
}
