using System.Buffers.Text;
using System.Text;
using DoanKetSangTao.Contracts.Paging;

namespace DoanKetSangTao.ServiceDefaults.UnitTests.Contracts;

/// <summary>A cursor reads back exactly what was written, and anything a caller made up is refused, never a first page.</summary>
public sealed class CursorTests
{
    [Fact]
    public void A_guid_cursor_reads_back_the_same_guid()
    {
        var id = Guid.NewGuid();
        var cursor = Cursor.From(id);

        Assert.True(Cursor.TryRead(cursor, out var read));
        Assert.Equal(id, read);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", cursor);
    }

    [Fact]
    public void A_composite_cursor_reads_back_its_parts_in_order_vietnamese_included()
    {
        var cursor = Cursor.From("2026-03-01", "42", "Sáng kiến đổi mới");

        Assert.Equal(["2026-03-01", "42", "Sáng kiến đổi mới"], Cursor.TryRead(cursor, 3)!);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.DoesNotContain('=', cursor);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")] // 21 characters: not 16 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAA")] // 24 characters: 18 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAA*A")] // 22 characters, one not base64url
    public void A_guid_cursor_that_does_not_decode_to_sixteen_bytes_is_refused(string? cursor)
    {
        Assert.False(Cursor.TryRead(cursor, out var id));
        Assert.Equal(Guid.Empty, id);
    }

    [Fact]
    public void A_composite_cursor_is_not_read_as_a_guid_cursor()
    {
        Assert.False(Cursor.TryRead(Cursor.From("2026-03-01", "42"), out _));
    }

    [Fact]
    public void A_composite_cursor_with_the_wrong_number_of_parts_is_refused()
    {
        var cursor = Cursor.From("2026-03-01", "42");

        Assert.Null(Cursor.TryRead(cursor, 1));
        Assert.Null(Cursor.TryRead(cursor, 3));
        Assert.NotNull(Cursor.TryRead(cursor, 2));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@@@@")]
    [InlineData("a b c")]
    public void Garbage_is_not_a_composite_cursor(string? cursor) => Assert.Null(Cursor.TryRead(cursor, 1));

    [Fact]
    public void An_oversized_cursor_is_refused_even_when_it_decodes()
    {
        var big = Cursor.From(new string('a', 400), "1");
        Assert.True(big.Length > 512);

        Assert.Null(Cursor.TryRead(big, 2));
    }

    [Fact]
    public void A_cursor_whose_bytes_are_not_utf8_is_refused()
    {
        var cursor = Base64Url.EncodeToString([0xff, 0xfe, 0x0a, 0xc3]);

        Assert.Null(Cursor.TryRead(cursor, 2));
        Assert.Null(Cursor.TryRead(cursor, 1));
    }

    [Fact]
    public void A_cursor_in_plain_base64_alphabet_is_refused()
    {
        // "+/" are plain base64, not the URL-safe alphabet that travels untouched in a query string.
        var plain = Convert.ToBase64String([0xfb, 0xff, 0x0a, 0xfb, 0xff]);
        Assert.Matches("[+/]", plain);

        Assert.Null(Cursor.TryRead(plain, 2));
    }
}
