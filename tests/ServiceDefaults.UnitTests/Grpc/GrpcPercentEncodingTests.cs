using DoanKetSangTao.ServiceDefaults.Grpc.Internal;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

public sealed class GrpcPercentEncodingTests
{
    [Fact]
    public void Vietnamese_detail_is_encoded_as_utf8_percent_escapes()
    {
        Assert.Equal(
            "Kh%C3%B4ng t%C3%ACm th%E1%BA%A5y s%C3%A1ng ki%E1%BA%BFn",
            GrpcPercentEncoding.Encode("Không tìm thấy sáng kiến"));
    }

    [Theory]
    [InlineData("Không tìm thấy sáng kiến")]
    [InlineData("Đơn vị: Ủy ban nhân dân xã Đồng Tâm, tỉnh Hà Nội — 100%")]
    [InlineData("tab\tnewline\nnull\0del\u007f")]
    [InlineData("emoji 🚀 and CJK 漢字")]
    [InlineData("%41 is not A")]
    [InlineData("")]
    public void Encoding_round_trips(string detail)
    {
        var encoded = GrpcPercentEncoding.Encode(detail);

        Assert.All(encoded, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(detail, GrpcPercentEncoding.Decode(encoded));
    }

    [Fact]
    public void Printable_ascii_passes_through_but_percent_is_escaped()
    {
        Assert.Equal("Deadline Exceeded: 5 s (x=1; y=\"2\")", GrpcPercentEncoding.Encode("Deadline Exceeded: 5 s (x=1; y=\"2\")"));
        Assert.Equal("50%25 done", GrpcPercentEncoding.Encode("50% done"));
        Assert.Equal("a%0Ab", GrpcPercentEncoding.Encode("a\nb"));
    }

    [Theory]
    [InlineData("Kh%c3%b4ng", "Không")] // lower-case hex is accepted
    [InlineData("100%", "100%")] // dangling percent
    [InlineData("100%2", "100%2")] // half an escape
    [InlineData("%G1 x", "%G1 x")] // not hex
    [InlineData("%%41", "%A")]
    [InlineData("no escapes", "no escapes")]
    public void Decoding_tolerates_malformed_escapes(string encoded, string expected)
    {
        Assert.Equal(expected, GrpcPercentEncoding.Decode(encoded));
    }

    [Fact]
    public void Invalid_utf8_decodes_to_replacement_characters_not_an_error()
    {
        // A truncated three-byte sequence, then valid text.
        var decoded = GrpcPercentEncoding.Decode("%E1%BA ok");
        Assert.EndsWith(" ok", decoded, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', decoded);
    }

    [Fact]
    public void Raw_non_ascii_from_a_lax_peer_is_kept()
    {
        Assert.Equal("Không tìm 🚀 %", GrpcPercentEncoding.Decode("Kh%C3%B4ng tìm 🚀 %25"));
    }
}
