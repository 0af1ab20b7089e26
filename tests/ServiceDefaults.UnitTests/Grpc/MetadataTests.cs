using DoanKetSangTao.ServiceDefaults.Grpc;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

public sealed class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased()
    {
        var metadata = new Metadata { { "X-Request-Id", "abc" } };

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("abc", metadata.GetValue("X-REQUEST-ID"));
    }

    [Fact]
    public void Binary_entries_go_on_the_wire_as_unpadded_base64_and_come_back()
    {
        byte[] bytes = [0, 1, 0xFE, 0xFF];
        var entry = new Metadata.Entry("trace-bin", bytes);

        Assert.True(entry.IsBinary);
        Assert.Equal("AAH+/w", entry.WireValue);

        var received = new Metadata();
        Assert.True(received.TryAddFromWire("trace-bin", entry.WireValue));
        Assert.Equal(bytes, received.GetValueBytes("trace-bin"));
    }

    [Theory]
    [InlineData("AAH+/w==")]
    [InlineData("AAH+/w")]
    public void Padded_and_unpadded_binary_values_are_accepted(string wire)
    {
        var metadata = new Metadata();
        Assert.True(metadata.TryAddFromWire("blob-bin", wire));
        Assert.Equal([0, 1, 0xFE, 0xFF], metadata.GetValueBytes("blob-bin"));
    }

    [Fact]
    public void Comma_joined_binary_values_are_separate_entries()
    {
        var metadata = new Metadata();
        Assert.True(metadata.TryAddFromWire("blob-bin", "AQ,Ag=="));
        Assert.Equal([[1], [2]], metadata.GetAll("blob-bin").Select(e => e.ValueBytes));
    }

    [Fact]
    public void Invalid_base64_from_the_wire_is_skipped()
    {
        var metadata = new Metadata();
        Assert.False(metadata.TryAddFromWire("blob-bin", "***"));
        Assert.Empty(metadata);
    }

    [Fact]
    public void Values_of_binary_entries_must_be_read_as_bytes()
    {
        var entry = new Metadata.Entry("a-bin", [1, 2]);
        Assert.Throws<InvalidOperationException>(() => entry.Value);
        Assert.Equal("AQI", entry.WireValue);
    }

    [Fact]
    public void Value_bytes_are_copies()
    {
        byte[] bytes = [1, 2, 3];
        var entry = new Metadata.Entry("a-bin", bytes);
        bytes[0] = 9;
        entry.ValueBytes[1] = 9;

        Assert.Equal([1, 2, 3], entry.ValueBytes);
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("grpc-message")]
    [InlineData("grpc-timeout")]
    [InlineData("Content-Type")]
    [InlineData("te")]
    [InlineData("connection")]
    [InlineData(":path")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ümlaut")]
    public void Reserved_or_malformed_keys_are_rejected(string key)
    {
        Assert.Throws<ArgumentException>(() => new Metadata { { key, "v" } });
    }

    [Fact]
    public void Text_values_must_be_printable_ascii()
    {
        Assert.Throws<ArgumentException>(() => new Metadata { { "x-name", "Nguyễn" } });
        Assert.Throws<ArgumentException>(() => new Metadata { { "x-name", "a\nb" } });
    }

    [Fact]
    public void Bin_suffix_and_value_kind_must_agree()
    {
        Assert.Throws<ArgumentException>(() => new Metadata { { "x-blob-bin", "text" } });
        Assert.Throws<ArgumentException>(() => new Metadata { { "x-blob", new byte[] { 1 } } });
    }

    [Fact]
    public void Reserved_headers_from_the_wire_are_not_metadata()
    {
        var metadata = new Metadata();
        Assert.False(metadata.TryAddFromWire("grpc-status", "0"));
        Assert.False(metadata.TryAddFromWire("content-type", "application/grpc"));
        Assert.False(metadata.TryAddFromWire("x-bad", "Nguyễn"));
        Assert.True(metadata.TryAddFromWire("User-Agent", "grpc-python/1.51.1"));

        Assert.Equal("user-agent", Assert.Single(metadata).Key);
    }

    [Fact]
    public void Get_returns_the_last_value_and_GetAll_every_value()
    {
        var metadata = new Metadata { { "x-id", "1" }, { "x-other", "o" }, { "x-id", "2" } };

        Assert.Equal("2", metadata.GetValue("x-id"));
        Assert.Equal(["1", "2"], metadata.GetAll("x-id").Select(e => e.Value));
        Assert.Null(metadata.Get("x-missing"));
    }

    [Fact]
    public void Empty_is_read_only()
    {
        Assert.True(Metadata.Empty.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("x-a", "b"));
    }
}
