using DoanKetSangTao.Files;

namespace DoanKetSangTao.Tests.ServiceDefaultsIntegrationTests.Files;

/// <summary>Received files to store: PDF-headed content of a chosen size, through the real intake.</summary>
internal static class Uploads
{
    public static byte[] Pdf(int size)
    {
        var content = new byte[size];
        Random.Shared.NextBytes(content);
        "%PDF-1.7\n"u8.CopyTo(content);
        return content;
    }

    public static Task<ReceivedFile> ReceiveAsync(byte[] content, string name = "Hồ sơ sáng kiến.pdf") =>
        FileIntake.ReceiveAsync(new MemoryStream(content), name, FileUploadOptions.DefaultMaxBytes, CancellationToken.None);

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
