using System.Text;
using DoanKetSangTao.Files;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Files;

public sealed class FileContentInspectorTests
{
    private static AcceptedFileType Inspect(byte[] content, string? name) => FileContentInspector.Inspect(new MemoryStream(content), name);

    private static ProblemException Refused(byte[] content, string? name) => Assert.Throws<ProblemException>(() => Inspect(content, name));

    public static TheoryData<string, string, AcceptedFileType, string> Accepted => new()
    {
        { "pdf", "Báo cáo.pdf", AcceptedFileType.Pdf, "application/pdf" },
        { "png", "Ảnh chụp.png", AcceptedFileType.Png, "image/png" },
        { "jpeg", "Ảnh chụp.jpg", AcceptedFileType.Jpeg, "image/jpeg" },
        { "jpeg", "Ảnh chụp.JPEG", AcceptedFileType.Jpeg, "image/jpeg" },
        { "docx", "Thuyết minh.docx", AcceptedFileType.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "Dự toán.xlsx", AcceptedFileType.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "ole2", "Thuyết minh cũ.doc", AcceptedFileType.Doc, "application/msword" },
        { "ole2", "Dự toán cũ.XLS", AcceptedFileType.Xls, "application/vnd.ms-excel" },
    };

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => SampleFiles.Pdf(),
        "png" => SampleFiles.Png(),
        "jpeg" => SampleFiles.Jpeg(),
        "docx" => SampleFiles.Docx(),
        "xlsx" => SampleFiles.Xlsx(),
        "ole2" => SampleFiles.Ole2(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Each_accepted_kind_is_recognised_from_its_content(string kind, string name, AcceptedFileType expected, string mediaType)
    {
        var type = Inspect(Sample(kind), name);
        Assert.Equal(expected, type);
        Assert.Equal(mediaType, type.MediaType());
    }

    [Theory]
    [InlineData("bao-cao.pdf")]
    [InlineData("thuyet-minh.docx")]
    [InlineData("anh.png")]
    public void An_executable_renamed_to_a_document_is_refused(string name)
    {
        var problem = Refused(SampleFiles.Executable(), name);
        Assert.Equal(415, problem.Status);
        Assert.Equal("file_type_not_allowed", problem.Code);
        Assert.Contains("PDF, Word (.doc, .docx), Excel (.xls, .xlsx) và ảnh PNG/JPEG", problem.Message);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "bao-cao.pdf")]
    [InlineData("#!/bin/sh\nrm -rf ~\n", "thuyet-minh.docx")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "anh.png")]
    [InlineData("Họ và tên,Điểm\nAn,9\n", "diem.xlsx")]
    public void Html_scripts_and_text_are_refused_whatever_their_name(string text, string name)
    {
        var problem = Refused(Encoding.UTF8.GetBytes(text), name);
        Assert.Equal(415, problem.Status);
        Assert.Equal("file_type_not_allowed", problem.Code);
    }

    [Fact]
    public void A_plain_zip_renamed_docx_is_refused()
    {
        var problem = Refused(SampleFiles.Zip("readme.txt", "word/document.xml"), "thuyet-minh.docx");
        Assert.Equal(415, problem.Status);
        Assert.Equal("file_type_not_allowed", problem.Code);
    }

    [Fact]
    public void A_macro_enabled_document_renamed_docx_is_refused()
    {
        var problem = Refused(SampleFiles.Docx("word/vbaProject.bin"), "thuyet-minh.docx");
        Assert.Equal("file_type_not_allowed", problem.Code);
        Assert.Contains("macro", problem.Message);
    }

    [Fact]
    public void A_corrupt_zip_is_refused()
    {
        var docx = SampleFiles.Docx();
        var truncated = docx[..(docx.Length / 2)];
        var problem = Refused(truncated, "thuyet-minh.docx");
        Assert.Equal(415, problem.Status);
        Assert.Equal("file_corrupt", problem.Code);
    }

    [Fact]
    public void A_png_named_pdf_is_refused_saying_what_it_really_is()
    {
        var problem = Refused(SampleFiles.Png(), "Quyết định.pdf");
        Assert.Equal(415, problem.Status);
        Assert.Equal("file_extension_mismatch", problem.Code);
        Assert.Contains("ảnh PNG", problem.Message);
        Assert.Contains(".pdf", problem.Message);
    }

    [Fact]
    public void A_spreadsheet_named_docx_is_refused_as_a_mismatch()
    {
        var problem = Refused(SampleFiles.Xlsx(), "Dự toán.docx");
        Assert.Equal("file_extension_mismatch", problem.Code);
        Assert.Contains("bảng tính Excel", problem.Message);
    }

    [Theory]
    [InlineData("anh.png")]
    [InlineData("thuyet-minh.docx")]
    public void A_legacy_office_file_under_another_accepted_extension_is_a_mismatch(string name) =>
        Assert.Equal("file_extension_mismatch", Refused(SampleFiles.Ole2(), name).Code);

    [Theory]
    [InlineData("cai-dat.msi")]
    [InlineData("thu.msg")]
    [InlineData("khong-co-duoi")]
    [InlineData(null)]
    public void A_legacy_office_container_without_doc_or_xls_is_refused(string? name)
    {
        var problem = Refused(SampleFiles.Ole2(), name);
        Assert.Equal("file_type_not_allowed", problem.Code);
        Assert.Contains(".doc hoặc .xls", problem.Message);
    }

    [Fact]
    public void A_legacy_office_signature_without_a_valid_header_is_refused()
    {
        var broken = SampleFiles.Ole2();
        broken[28] = 0;
        Assert.Equal("file_corrupt", Refused(broken, "thuyet-minh.doc").Code);
    }

    [Fact]
    public void A_png_signature_alone_is_not_enough()
    {
        var png = SampleFiles.Png();
        png[12] = (byte)'X'; // the IHDR chunk type
        Assert.Equal("file_type_not_allowed", Refused(png, "anh.png").Code);
    }

    [Fact]
    public void Word_content_under_either_word_extension_is_accepted() =>
        Assert.Equal(AcceptedFileType.Docx, Inspect(SampleFiles.Docx(), "Thuyết minh.doc"));

    [Fact]
    public void Messages_are_composed_vietnamese()
    {
        var messages = new[]
        {
            Refused(SampleFiles.Executable(), "a.pdf").Message,
            Refused(SampleFiles.Png(), "a.pdf").Message,
            Refused(SampleFiles.Ole2(), "a").Message,
            Refused(SampleFiles.Docx()[..100], "a.docx").Message,
        };
        Assert.All(messages, m => Assert.True(m.IsNormalized(NormalizationForm.FormC), m));
    }
}
