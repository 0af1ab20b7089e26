using System.Security.Cryptography;
using System.Text;
using DoanKetSangTao.Files;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Files;

public sealed class FileIntakeTests : IDisposable
{
    private const long OneMiB = 1024 * 1024;

    // A temp folder of this test's own, so "nothing is left behind" can be checked exactly.
    private readonly string temp = Directory.CreateTempSubdirectory("dkst-intake-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private Task<ReceivedFile> Receive(byte[] content, string? name, long maxBytes = OneMiB) =>
        FileIntake.ReceiveAsync(new MemoryStream(content), name, maxBytes, temp, CancellationToken.None);

    private async Task<ProblemException> Refused(byte[] content, string? name, long maxBytes = OneMiB) =>
        await Assert.ThrowsAsync<ProblemException>(() => Receive(content, name, maxBytes));

    [Fact]
    public async Task A_pdf_is_received_with_its_size_hash_and_type()
    {
        var pdf = SampleFiles.Pdf();
        await using var file = await Receive(pdf, "Báo cáo tổng kết.pdf");

        Assert.Equal("Báo cáo tổng kết.pdf", file.FileName);
        Assert.Equal(pdf.Length, file.Size);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(pdf)).ToLowerInvariant(), file.Sha256);
        Assert.Equal(AcceptedFileType.Pdf, file.Type);
        Assert.Equal("application/pdf", file.MediaType);
        await using var read = file.OpenRead();
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(pdf, copy.ToArray());
    }

    [Fact]
    public async Task The_declared_content_type_plays_no_part_an_executable_named_pdf_is_refused()
    {
        var problem = await Refused(SampleFiles.Executable(), "bao-cao.pdf");
        Assert.Equal(415, problem.Status);
        Assert.Equal("file_type_not_allowed", problem.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var problem = await Refused([], "Báo cáo.pdf");
        Assert.Equal(400, problem.Status);
        Assert.Equal("file_empty", problem.Code);
        Assert.Contains("Báo cáo.pdf", problem.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public async Task A_file_exactly_at_the_limit_is_accepted()
    {
        var pdf = PdfOfSize(OneMiB);
        await using var file = await Receive(pdf, "vua-du.pdf");
        Assert.Equal(OneMiB, file.Size);
    }

    [Fact]
    public async Task One_byte_over_the_limit_is_refused_and_leaves_no_temp_file()
    {
        var problem = await Refused(PdfOfSize(OneMiB + 1), "qua-lon.pdf");
        Assert.Equal(413, problem.Status);
        Assert.Equal("file_too_large", problem.Code);
        Assert.Contains("tối đa 1 MB", problem.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public async Task An_oversized_upload_is_cut_off_instead_of_read_to_the_end()
    {
        // A client that keeps sending: the stream has no length and no end.
        var endless = new EndlessPdfStream();
        var problem = await Assert.ThrowsAsync<ProblemException>(() =>
            FileIntake.ReceiveAsync(endless, "vo-tan.pdf", OneMiB, temp, CancellationToken.None));

        Assert.Equal("file_too_large", problem.Code);
        Assert.Equal(OneMiB + 1, endless.BytesRead);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Theory]
    [InlineData(20 * OneMiB, "20 MB")]
    [InlineData(3 * OneMiB / 2, "1,5 MB")]
    [InlineData(1024 * OneMiB, "1.024 MB")]
    [InlineData(500 * 1024, "500 KB")]
    public void Limits_are_written_the_vietnamese_way(long bytes, string expected) => Assert.Equal(expected, FileProblems.FormatSize(bytes));

    [Fact]
    public async Task The_default_limit_reads_20_MB_in_the_message()
    {
        var problem = await Refused(PdfOfSize(FileUploadOptions.DefaultMaxBytes + 1), "lon.pdf", FileUploadOptions.DefaultMaxBytes);
        Assert.Contains("tối đa 20 MB", problem.Message);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\x\\Báo cáo.pdf", "Báo cáo.pdf")]
    [InlineData("/home/an/Tài liệu/Báo cáo.pdf", "Báo cáo.pdf")]
    [InlineData("  ..Báo cáo.pdf. ", "Báo cáo.pdf")]
    [InlineData("Báo cáo: \"quý 1\"?.pdf", "Báo cáo_ _quý 1__.pdf")]
    public async Task Folders_and_unsafe_characters_are_taken_out_of_the_name(string declared, string expected)
    {
        await using var file = await Receive(SampleFiles.Pdf(), declared);
        Assert.Equal(expected, file.FileName);
    }

    [Fact]
    public async Task A_decomposed_vietnamese_name_comes_back_composed()
    {
        var decomposed = "Sáng kiến cải tiến kỹ thuật.pdf".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Sáng kiến cải tiến kỹ thuật.pdf", decomposed);

        await using var file = await Receive(SampleFiles.Pdf(), decomposed);
        Assert.Equal("Sáng kiến cải tiến kỹ thuật.pdf", file.FileName);
        Assert.True(file.FileName.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("bao-cao\u0000.pdf")]
    [InlineData("bao-cao\n.pdf")]
    [InlineData("bao-cao\u202Efdp.exe")]
    [InlineData("bao-cao\ud800.pdf")]
    public async Task A_name_with_control_or_invisible_characters_is_refused(string declared)
    {
        var problem = await Refused(SampleFiles.Pdf(), declared);
        Assert.Equal(400, problem.Status);
        Assert.Equal("file_name_invalid", problem.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public async Task A_very_long_name_is_shortened_to_255_characters_keeping_its_extension()
    {
        var declared = string.Concat(Enumerable.Repeat("Nghiên cứu ", 40)) + ".pdf";
        await using var file = await Receive(SampleFiles.Pdf(), declared);
        Assert.True(file.FileName.Length <= 255, $"{file.FileName.Length} characters");
        Assert.StartsWith("Nghiên cứu Nghiên cứu", file.FileName);
        Assert.EndsWith(".pdf", file.FileName);
    }

    [Theory]
    [InlineData(null, "tep-dinh-kem.docx")]
    [InlineData("", "tep-dinh-kem.docx")]
    [InlineData("Quyết định số 12.2024", "Quyết định số 12.2024.docx")]
    [InlineData("thuyet-minh.exe", "thuyet-minh.exe.docx")]
    [InlineData("Thuyết minh.doc", "Thuyết minh.doc")]
    public async Task A_name_without_a_fitting_extension_gets_the_one_of_its_content(string? declared, string expected)
    {
        await using var file = await Receive(SampleFiles.Docx(), declared);
        Assert.Equal(expected, file.FileName);
    }

    [Fact]
    public async Task Disposing_deletes_the_temp_file()
    {
        var file = await Receive(SampleFiles.Png(), "anh.png");
        Assert.True(File.Exists(file.TempPath));
        Assert.Equal(temp, Path.GetDirectoryName(file.TempPath));

        await file.DisposeAsync();
        Assert.False(File.Exists(file.TempPath));
        Assert.Throws<ObjectDisposedException>(() => file.OpenRead());
    }

    [Fact]
    public async Task The_temp_file_is_readable_by_its_owner_only()
    {
        await using var file = await Receive(SampleFiles.Pdf(), "a.pdf");
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix permissions to check
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.TempPath));
    }

    [Fact]
    public async Task The_public_entry_point_uses_the_system_temp_folder()
    {
        await using var file = await FileIntake.ReceiveAsync(new MemoryStream(SampleFiles.Jpeg()), "anh.jpg", OneMiB, CancellationToken.None);
        Assert.Equal(Path.GetFullPath(Path.GetTempPath()), Path.GetFullPath(Path.GetDirectoryName(file.TempPath)! + Path.DirectorySeparatorChar));
        Assert.Equal(AcceptedFileType.Jpeg, file.Type);
    }

    private static byte[] PdfOfSize(long size)
    {
        var pdf = new byte[size];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        return pdf;
    }

    private sealed class EndlessPdfStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var span = buffer.AsSpan(offset, count);
            span.Fill((byte)'x');
            if (BytesRead == 0)
            {
                "%PDF-1.7\n"u8[..Math.Min(9, count)].CopyTo(span);
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
