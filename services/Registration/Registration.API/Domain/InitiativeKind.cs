namespace DoanKetSangTao.Registration.API.Domain;

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

    public static readonly IReadOnlyDictionary<string, string> VietnameseNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Initiative] = "Sáng kiến",
        [NewIdea] = "Ý tưởng mới",
        [Invention] = "Sáng chế",
        [CreativeModel] = "Mô hình \"Đoàn kết sáng tạo\"",
    };

    public static bool IsKnown(string? kind) => kind is not null && VietnameseNames.ContainsKey(kind);
}

/// <summary>Trạng thái của sáng kiến (the lifecycle grows with the registration issue).</summary>
public static class InitiativeStatus
{
    /// <summary>Đã đăng ký (Mẫu 1 submitted).</summary>
    public const string Registered = "registered";
}
