namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>A closed list of codes with their Vietnamese names, as officers see them on the forms.</summary>
public sealed class Catalog(string vietnameseName, IReadOnlyList<(string Code, string Name)> entries)
{
    public string VietnameseName { get; } = vietnameseName;

    public IReadOnlyList<(string Code, string Name)> Entries { get; } = entries;

    public bool IsKnown(string? code) => code is not null && Entries.Any(e => e.Code == code);

    public string NameOf(string code) => Entries.FirstOrDefault(e => e.Code == code).Name ?? code;

    /// <summary>"sang_kien (Sáng kiến), …" for a message telling a person what to choose.</summary>
    public string Choices() => string.Join(", ", Entries.Select(e => $"{e.Code} ({e.Name})"));
}

/// <summary>Loại sáng kiến: the kinds of initiative the movement recognizes (domain.md, "The initiative").</summary>
public static class InitiativeKind
{
    /// <summary>Sáng kiến.</summary>
    public const string Initiative = "sang_kien";

    /// <summary>Ý tưởng mới.</summary>
    public const string NewIdea = "y_tuong_moi";

    /// <summary>Sáng chế.</summary>
    public const string Invention = "sang_che";

    /// <summary>Mô hình "Đoàn kết sáng tạo".</summary>
    public const string CreativeModel = "mo_hinh";

    public static readonly Catalog All = new("Loại sáng kiến",
    [
        (Initiative, "Sáng kiến"),
        (NewIdea, "Ý tưởng mới"),
        (Invention, "Sáng chế"),
        (CreativeModel, "Mô hình \"Đoàn kết sáng tạo\""),
    ]);

    public static bool IsKnown(string? kind) => All.IsKnown(kind);
}

/// <summary>Loại nội dung (Quảng Trị 4.1): what the initiative changes.</summary>
public static class ContentType
{
    public static readonly Catalog All = new("Loại nội dung",
    [
        ("quan_ly", "Giải pháp quản lý, tổ chức công việc"),
        ("tac_nghiep", "Giải pháp tác nghiệp, kỹ thuật, nghiệp vụ (kể cả thủ tục hành chính, phương pháp thẩm định, giảng dạy)"),
        ("ung_dung_tien_bo", "Ứng dụng tiến bộ kỹ thuật đã biết"),
        ("dieu_kien_kho_khan", "Ý tưởng thực hiện trong điều kiện khó khăn"),
    ]);
}

/// <summary>Khối thi đua / lĩnh vực phong trào (Đắk Lắk III): where the initiative was made.</summary>
public static class MovementArea
{
    public static readonly Catalog All = new("Khối phong trào",
    [
        ("he_thong_chinh_tri", "Cơ quan trong hệ thống chính trị"),
        ("doanh_nghiep", "Doanh nghiệp, hợp tác xã, hộ sản xuất kinh doanh"),
        ("su_nghiep_cong_lap", "Đơn vị sự nghiệp công lập (nghiên cứu, trường học, bệnh viện)"),
        ("luc_luong_vu_trang", "Lực lượng vũ trang"),
        ("cong_dong", "Cộng đồng dân tộc, tôn giáo, người Việt Nam ở nước ngoài"),
    ]);
}

/// <summary>Lĩnh vực: the field the initiative serves.</summary>
public static class InitiativeField
{
    public static readonly Catalog All = new("Lĩnh vực",
    [
        ("nong_nghiep", "Nông nghiệp, nông thôn"),
        ("cong_nghiep", "Công nghiệp, xây dựng"),
        ("giao_duc", "Giáo dục, đào tạo"),
        ("y_te", "Y tế"),
        ("hanh_chinh", "Cải cách hành chính"),
        ("chuyen_doi_so", "Chuyển đổi số"),
        ("khoa_hoc_cong_nghe", "Khoa học, công nghệ"),
        ("kinh_te", "Kinh tế, thương mại, dịch vụ"),
        ("moi_truong", "Tài nguyên, môi trường"),
        ("van_hoa_xa_hoi", "Văn hóa, xã hội"),
        ("quoc_phong_an_ninh", "Quốc phòng, an ninh"),
        ("khac", "Lĩnh vực khác"),
    ]);
}
