using System.Security.Cryptography;
using DoanKetSangTao.Files;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Files;

public sealed class FileStorageKeyTests
{
    private static readonly string Hex = Convert.ToHexStringLower(SHA256.HashData("Sáng kiến"u8));

    [Fact]
    public void A_key_is_the_hash_with_its_algorithm()
    {
        var key = FileStorageKey.FromSha256(Hex);
        Assert.Equal("sha256:" + Hex, key);
        Assert.True(FileStorageKey.TryGetSha256(key, out var sha256));
        Assert.Equal(Hex, sha256);
    }

    [Theory]
    [InlineData("sha256:../../../../etc/passwd")]
    [InlineData("sha256:ABCDEF")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_key(string? key) => Assert.False(FileStorageKey.TryGetSha256(key, out _));

    [Fact]
    public void Upper_case_hex_is_not_a_key_so_one_content_has_one_key() =>
        Assert.False(FileStorageKey.TryGetSha256("sha256:" + Hex.ToUpperInvariant(), out _));

    [Fact]
    public async Task The_folder_store_refuses_a_malformed_key_instead_of_reading_a_path()
    {
        var store = new FolderFileStore(Path.GetTempPath());
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("sha256:../../etc/passwd", CancellationToken.None));
    }
}
