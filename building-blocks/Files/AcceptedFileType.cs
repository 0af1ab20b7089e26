namespace DoanKetSangTao.Files;

/// <summary>The kinds of file the platform accepts as attachments, decided from their content.</summary>
public enum AcceptedFileType
{
    Pdf,
    Png,
    Jpeg,
    /// <summary>Word 2007+ (.docx).</summary>
    Docx,
    /// <summary>Excel 2007+ (.xlsx).</summary>
    Xlsx,
    /// <summary>Word 97–2003 (.doc).</summary>
    Doc,
    /// <summary>Excel 97–2003 (.xls).</summary>
    Xls,
}

public static class AcceptedFileTypes
{
    public static string MediaType(this AcceptedFileType type) => type switch
    {
        AcceptedFileType.Pdf => "application/pdf",
        AcceptedFileType.Png => "image/png",
        AcceptedFileType.Jpeg => "image/jpeg",
        AcceptedFileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        AcceptedFileType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        AcceptedFileType.Doc => "application/msword",
        AcceptedFileType.Xls => "application/vnd.ms-excel",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The extension a file of this type is given when its name has none that fits: ".pdf", ".jpg", ….</summary>
    public static string Extension(this AcceptedFileType type) => type switch
    {
        AcceptedFileType.Pdf => ".pdf",
        AcceptedFileType.Png => ".png",
        AcceptedFileType.Jpeg => ".jpg",
        AcceptedFileType.Docx => ".docx",
        AcceptedFileType.Xlsx => ".xlsx",
        AcceptedFileType.Doc => ".doc",
        AcceptedFileType.Xls => ".xls",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>How the type is named to a person, in Vietnamese: "tài liệu PDF", "ảnh PNG", ….</summary>
    public static string DisplayName(this AcceptedFileType type) => type switch
    {
        AcceptedFileType.Pdf => "tài liệu PDF",
        AcceptedFileType.Png => "ảnh PNG",
        AcceptedFileType.Jpeg => "ảnh JPEG",
        AcceptedFileType.Docx => "tài liệu Word (.docx)",
        AcceptedFileType.Xlsx => "bảng tính Excel (.xlsx)",
        AcceptedFileType.Doc => "tài liệu Word (.doc)",
        AcceptedFileType.Xls => "bảng tính Excel (.xls)",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
