using System.Text.Json;
using DoanKetSangTao.Contracts.Paging;

namespace DoanKetSangTao.ServiceDefaults.UnitTests.Contracts;

/// <summary>A page is its items and an opaque next cursor, on the wire as <c>items</c> and <c>nextCursor</c>.</summary>
public sealed class PageTests
{
    private sealed record Row(string Name);

    /// <summary>A list that keeps an older schema name derives from the page without adding members.</summary>
    private sealed record RowsPage(IReadOnlyList<Row> Items, string? NextCursor) : Page<Row>(Items, NextCursor);

    [Fact]
    public void A_page_is_written_as_items_and_next_cursor()
    {
        var page = new Page<Row>([new Row("Một"), new Row("Hai")], Cursor.From(Guid.Empty));

        var json = JsonSerializer.Serialize(page, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal("""{"items":[{"name":"Một"},{"name":"Hai"}],"nextCursor":"AAAAAAAAAAAAAAAAAAAAAA"}""",
            json.Replace("\\u1ED9", "ộ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_page_has_no_next_cursor_and_reads_back_equal()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(new Page<Row>([new Row("x")], null), options);

        Assert.Contains("\"nextCursor\":null", json, StringComparison.Ordinal);
        var read = JsonSerializer.Deserialize<Page<Row>>(json, options)!;
        Assert.Null(read.NextCursor);
        Assert.Equal([new Row("x")], read.Items);
    }

    [Fact]
    public void A_derived_page_adds_no_members_and_is_still_a_page()
    {
        Page<Row> page = new RowsPage([new Row("a")], "c");

        Assert.Equal("c", page.NextCursor);
        Assert.Equal(
            typeof(Page<Row>).GetProperties().Select(p => p.Name).Order(),
            typeof(RowsPage).GetProperties().Select(p => p.Name).Order());
    }
}
