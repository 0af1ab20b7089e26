using System.IO.Compression;

namespace DoanKetSangTao.Files;

/// <summary>
/// Decides what a file is from its bytes. The declared name and Content-Type are whatever the sender
/// chose (an executable renamed "bao-cao.pdf" declares application/pdf), so they never admit a file;
/// the name's extension can only refuse one whose content it contradicts.
/// </summary>
public static class FileContentInspector
{
    private enum Family { Pdf, Image, Word, Excel }

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> ZipSignature => [(byte)'P', (byte)'K', 0x03, 0x04];

    private static ReadOnlySpan<byte> Ole2Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly Dictionary<string, Family> FamilyByExtension = new(StringComparer.Ordinal)
    {
        [".pdf"] = Family.Pdf,
        [".png"] = Family.Image,
        [".jpg"] = Family.Image,
        [".jpeg"] = Family.Image,
        [".doc"] = Family.Word,
        [".docx"] = Family.Word,
        [".xls"] = Family.Excel,
        [".xlsx"] = Family.Excel,
    };

    /// <summary>
    /// The accepted type of <paramref name="content"/> (a seekable stream, read from its start), or a
    /// <see cref="DoanKetSangTao.ServiceDefaults.Http.ProblemException"/>: 415 <c>file_type_not_allowed</c>, <c>file_extension_mismatch</c>
    /// or <c>file_corrupt</c>. <paramref name="fileName"/> is used only for its extension.
    /// </summary>
    public static AcceptedFileType Inspect(Stream content, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The content must be seekable: an Office file is recognised by its zip directory at the end.", nameof(content));
        }

        var name = fileName ?? "";
        var extension = FileNames.ExtensionOf(name);
        content.Position = 0;
        Span<byte> header = stackalloc byte[32];
        header = header[..content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];

        if (header.StartsWith("%PDF-"u8) && header.Length > 5 && char.IsAsciiDigit((char)header[5]))
        {
            return CheckExtension(AcceptedFileType.Pdf, Family.Pdf, name, extension);
        }

        // The IHDR chunk must follow the signature in every PNG; eight magic bytes alone are easy to prepend.
        if (header.StartsWith(PngSignature) && header.Length >= 16 && header[12..16].SequenceEqual("IHDR"u8))
        {
            return CheckExtension(AcceptedFileType.Png, Family.Image, name, extension);
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return CheckExtension(AcceptedFileType.Jpeg, Family.Image, name, extension);
        }

        if (header.StartsWith(ZipSignature))
        {
            var type = InspectOfficeOpenXml(content);
            return CheckExtension(type, type == AcceptedFileType.Docx ? Family.Word : Family.Excel, name, extension);
        }

        if (header.StartsWith(Ole2Signature))
        {
            return InspectCompoundFile(header, name, extension);
        }

        throw FileProblems.TypeNotAllowed();
    }

    private static AcceptedFileType CheckExtension(AcceptedFileType type, Family family, string name, string extension)
    {
        if (FamilyByExtension.TryGetValue(extension, out var declared) && declared != family)
        {
            throw FileProblems.ExtensionMismatch(name, type.DisplayName(), extension, ExpectedExtensions(type));
        }

        // No extension, or one that names no accepted type ("Quyết định 12.2024"): the content decides,
        // and the intake appends the right extension.
        return type;
    }

    private static string ExpectedExtensions(AcceptedFileType type) => type switch
    {
        AcceptedFileType.Jpeg => ".jpg",
        _ => type.Extension(),
    };

    private static AcceptedFileType InspectOfficeOpenXml(Stream content)
    {
        content.Position = 0;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            // Only the central directory is read: no entry is decompressed, so a zip bomb costs nothing here.
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                names.Add(entry.FullName);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw FileProblems.Corrupt();
        }

        // Part names are case-insensitive in Open Packaging Conventions.
        if (!names.Contains("[Content_Types].xml"))
        {
            // A plain zip (or a .jar, an .apk …) renamed .docx.
            throw FileProblems.TypeNotAllowed("Tệp nén (.zip) không được chấp nhận.");
        }

        if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
        {
            // .docm/.xlsm renamed: macros run code on the reviewer's computer.
            throw FileProblems.TypeNotAllowed("Tệp Word/Excel có chứa macro không được chấp nhận; hãy lưu lại thành .docx hoặc .xlsx thông thường.");
        }

        var word = names.Contains("word/document.xml");
        var excel = names.Contains("xl/workbook.xml");
        return (word, excel) switch
        {
            (true, false) => AcceptedFileType.Docx,
            (false, true) => AcceptedFileType.Xlsx,
            // PowerPoint, Visio, or a package crafted to look like both.
            _ => throw FileProblems.TypeNotAllowed(),
        };
    }

    private static AcceptedFileType InspectCompoundFile(ReadOnlySpan<byte> header, string name, string extension)
    {
        // Word 97–2003 and Excel 97–2003 share this container with .msi installers and Outlook .msg,
        // and telling them apart means walking its sector chains. The extension the person gave
        // decides between .doc and .xls; any other name is refused.
        // Byte order mark FFFE and a 512- or 4096-byte sector size are fixed by the format.
        if (header.Length < 32 || header[28] != 0xFE || header[29] != 0xFF || header[31] != 0 || header[30] is not (9 or 12))
        {
            throw FileProblems.Corrupt();
        }

        return extension switch
        {
            ".doc" => AcceptedFileType.Doc,
            ".xls" => AcceptedFileType.Xls,
            _ when FamilyByExtension.ContainsKey(extension) => throw FileProblems.ExtensionMismatch(
                name, "tài liệu Word/Excel định dạng cũ (Word 97–2003 hoặc Excel 97–2003)", extension, ".doc hoặc .xls"),
            _ => throw FileProblems.TypeNotAllowed("Nếu đây là tài liệu Word/Excel định dạng cũ, hãy đặt tên tệp có đuôi .doc hoặc .xls."),
        };
    }
}
