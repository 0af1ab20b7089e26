namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>Loại báo cáo (report template kinds): 6 tháng, năm, sơ kết, tổng kết.</summary>
public static class ReportTemplateKinds
{
    public const string SixMonth = "six_month";
    public const string Annual = "annual";
    public const string SoKet = "so_ket";
    public const string TongKet = "tong_ket";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (SixMonth, "Báo cáo 6 tháng"),
        (Annual, "Báo cáo năm"),
        (SoKet, "Báo cáo sơ kết"),
        (TongKet, "Báo cáo tổng kết"),
    ];

    public static bool IsKnown(string? kind) => All.Any(k => k.Code == kind);

    public static string Choices => string.Join(", ", All.Select(k => $"{k.Code} ({k.Name})"));
}

/// <summary>
/// Cấp báo cáo (reporting levels): communes report to their province, provinces to the centre, member organizations to
/// the Front committee of their own level. <see cref="Central"/> files nothing upward: it is the centre's compiled report.
/// </summary>
public static class ReportLevels
{
    public const string Commune = "commune";
    public const string Province = "province";
    public const string MemberOrg = "member_org";
    public const string Central = "central";

    /// <summary>The levels that submit to a level above, and so have a due date.</summary>
    public static readonly IReadOnlyList<string> Reporting = [Commune, Province, MemberOrg];

    public static string NameOf(string level) => level switch
    {
        Commune => "Cấp xã",
        Province => "Cấp tỉnh",
        MemberOrg => "Tổ chức thành viên",
        Central => "Trung ương",
        _ => level,
    };
}

/// <summary>Trạng thái báo cáo: nháp, đã nộp, bị trả lại, đã tiếp nhận.</summary>
public static class ReportStatuses
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Accepted = "accepted";

    /// <summary>Listed among the units not yet accepted when a compiled report expected them and none was opened.</summary>
    public const string Missing = "missing";

    public static string NameOf(string status) => status switch
    {
        Draft => "Nháp",
        Submitted => "Đã nộp",
        Returned => "Bị trả lại",
        Accepted => "Đã tiếp nhận",
        Missing => "Chưa có báo cáo",
        _ => status,
    };
}

/// <summary>
/// Chỉ tiêu số liệu (report measures): what a report counts. All but <see cref="ModelsBuilt"/> are pre-filled from the
/// platform; "mô hình đã xây dựng" exists nowhere else, so the unit enters it.
/// </summary>
public static class ReportMeasures
{
    public const string Registered = "registered";
    public const string Confirmed = "confirmed";
    public const string WithDossier = "with_dossier";
    public const string RecognizedCommune = "recognized_commune";
    public const string RecognizedProvince = "recognized_province";
    public const string RecognizedCentral = "recognized_central";
    public const string Nominated = "nominated";
    public const string Commended = "commended";
    public const string Replications = "replications";
    public const string ModelsBuilt = "models_built";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (Registered, "Đăng ký"),
        (Confirmed, "Được xác nhận"),
        (WithDossier, "Có hồ sơ"),
        (RecognizedCommune, "Công nhận cấp xã"),
        (RecognizedProvince, "Công nhận cấp tỉnh"),
        (RecognizedCentral, "Công nhận cấp Trung ương"),
        (Nominated, "Đề cử lên cấp trên"),
        (Commended, "Được khen thưởng"),
        (Replications, "Nhân rộng, áp dụng nơi khác"),
        (ModelsBuilt, "Mô hình đã xây dựng"),
    ];

    public static bool IsKnown(string? code) => All.Any(m => m.Code == code);

    public static string NameOf(string code) => All.FirstOrDefault(m => m.Code == code).Name ?? code;
}

/// <summary>Names of the initiative kinds and fields as the forms show them (registration's catalogues); an unknown code shows as is.</summary>
public static class ReportDimensionNames
{
    /// <summary>The key under which initiatives without a field are counted.</summary>
    public const string NoField = "chua_ro";

    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["sang_kien"] = "Sáng kiến",
        ["y_tuong_moi"] = "Ý tưởng mới",
        ["sang_che"] = "Sáng chế",
        ["mo_hinh"] = "Mô hình \"Đoàn kết sáng tạo\"",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["nong_nghiep"] = "Nông nghiệp, nông thôn",
        ["cong_nghiep"] = "Công nghiệp, xây dựng",
        ["giao_duc"] = "Giáo dục, đào tạo",
        ["y_te"] = "Y tế",
        ["hanh_chinh"] = "Cải cách hành chính",
        ["chuyen_doi_so"] = "Chuyển đổi số",
        ["khoa_hoc_cong_nghe"] = "Khoa học, công nghệ",
        ["kinh_te"] = "Kinh tế, thương mại, dịch vụ",
        ["moi_truong"] = "Tài nguyên, môi trường",
        ["van_hoa_xa_hoi"] = "Văn hóa, xã hội",
        ["quoc_phong_an_ninh"] = "Quốc phòng, an ninh",
        ["khac"] = "Lĩnh vực khác",
        [NoField] = "Chưa xác định lĩnh vực",
    };

    public static string Kind(string code) => Kinds.GetValueOrDefault(code, code);

    public static string Field(string code) => Fields.GetValueOrDefault(code, code);
}
