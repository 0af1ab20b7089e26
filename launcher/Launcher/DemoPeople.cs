namespace DoanKetSangTao.Launcher;

/// <summary>A demo person: an account seeded in the identity service with one role assignment.</summary>
public sealed record DemoPerson(Guid Id, string UserName, string Name, string Email, string Role, string AdminUnit, string? Organization = null)
{
    /// <summary>Staff sign in with a second factor; the demo ones share one authenticator key (below).</summary>
    public bool HasSecondFactor => Role is not ("author" or "council_member");
}

/// <summary>An organization the demo people work in; the launcher creates these in registration with these ids.</summary>
public sealed record DemoOrganization(string Id, string Name, string Kind, string ProvinceCode, string? CommuneCode, string? ParentId);

/// <summary>
/// The local default's people, one per role and level, so that every rule can be tried by hand; their password and the
/// staff's authenticator key are documented (README) and printed by the launcher. Local use only: the chart seeds no one.
/// </summary>
public static class DemoPeople
{
    /// <summary>Every demo person's password (long enough for NIST SP 800-63B, and not on the common-password list).</summary>
    public const string Password = "mat-khau-thu-nghiem-2026";

    /// <summary>The authenticator key (Base32) of every demo staff member: add it to an authenticator app to sign in by hand.</summary>
    public const string AuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    /// <summary>The demo integration: reads Hà Nội's statistics with its own credentials.</summary>
    public const string IntegrationClientId = "thongke-hanoi";

    public const string IntegrationClientSecret = "bi-mat-tich-hop-thu-nghiem-2026";

    /// <summary>
    /// Liên đoàn Lao động thành phố Hà Nội → Công đoàn phường Ba Đình → Công đoàn cơ sở Trường THCS Ba Đình, and the Front
    /// committee of Phường Ba Đình.
    /// </summary>
    public static readonly IReadOnlyList<DemoOrganization> Organizations =
    [
        new("0195f000-0000-7000-8000-000000000001", "Liên đoàn Lao động thành phố Hà Nội", "member_organization", "01", null, null),
        new("0195f000-0000-7000-8000-000000000002", "Công đoàn phường Ba Đình", "member_organization_branch", "01", "00004", "0195f000-0000-7000-8000-000000000001"),
        new("0195f000-0000-7000-8000-000000000003", "Công đoàn cơ sở Trường THCS Ba Đình", "member_organization_branch", "01", "00004", "0195f000-0000-7000-8000-000000000002"),
        // Where people who belong to no organization file their initiatives: the Front committee of the ward they live in.
        new("0195f000-0000-7000-8000-000000000004", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình", "front_committee", "01", "00004", null),
    ];

    public static readonly IReadOnlyList<DemoPerson> All =
    [
        new(Id(1), "tacgia.an", "Nguyễn Văn An", "an.nguyen@tacgia.example.vn", "author", "VN/01/00004", Organizations[2].Id),
        // Belongs to no organization and names no ward: may not file until the account says where she lives (a refusal to try).
        new(Id(2), "tacgia.binh", "Trần Thị Bình", "binh.tran@tacgia.example.vn", "author", "VN/79"),
        // Belongs to no organization, lives in Phường Ba Đình: files through its Front committee.
        new(Id(3), "tacgia.chi", "Đoàn Thị Chi", "chi.doan@tacgia.example.vn", "author", "VN/01/00004"),
        new(Id(4), "canbo.xa.badinh", "Lê Văn Cường", "cuong.le@mttq.example.vn", "front_officer", "VN/01/00004"),
        new(Id(5), "canbo.tinh.hanoi", "Phạm Thị Dung", "dung.pham@mttq.example.vn", "front_officer", "VN/01"),
        new(Id(6), "canbo.tinh.hcm", "Hoàng Văn Em", "em.hoang@mttq.example.vn", "front_officer", "VN/79"),
        new(Id(7), "canbo.trunguong", "Đỗ Thị Giang", "giang.do@mttq.example.vn", "front_officer", "VN"),
        new(Id(8), "canbo.congdoan.badinh", "Ngô Thị Lan", "lan.ngo@congdoan.example.vn", "member_org_officer", "VN/01/00004", Organizations[1].Id),
        new(Id(9), "canbo.ldld.hanoi", "Trịnh Văn Minh", "minh.trinh@congdoan.example.vn", "member_org_officer", "VN/01", Organizations[0].Id),
        new(Id(10), "thuky.hoidong.hanoi", "Vũ Văn Hải", "hai.vu@mttq.example.vn", "council_secretary", "VN/01"),
        // Members of the councils a Front officer sets up (docs/appraisal.md): what they may do comes from the council's roster.
        new(Id(11), "chutich.hoidong.hanoi", "Lê Quang Vinh", "vinh.le@mttq.example.vn", "council_member", "VN/01"),
        new(Id(12), "uyvien.hoidong.hanoi", "Phan Minh Tuấn", "tuan.phan@khcn.example.vn", "council_member", "VN/01"),
        new(Id(13), "chuyengia.hoidong.hanoi", "Đặng Thu Hà", "ha.dang@daihoc.example.vn", "council_member", "VN/01"),
        new(Id(14), "thuky.hoidong.trunguong", "Hà Thị Yến", "yen.ha@mttq.example.vn", "council_secretary", "VN"),
        new(Id(15), "uyvien.hoidong.trunguong", "Tạ Văn Long", "long.ta@mttq.example.vn", "council_member", "VN"),
        new(Id(16), "vanhanh", "Bùi Thị Khánh", "khanh.bui@mttq.example.vn", "operator", "VN"),
    ];

    public static DemoPerson Named(string userName) => All.FirstOrDefault(p => p.UserName == userName)
        ?? throw new ArgumentException($"No demo person {userName}: one of {string.Join(", ", All.Select(p => p.UserName))}.", nameof(userName));

    private static Guid Id(int n) => Guid.Parse($"0195f000-0000-7000-8000-1000000000{n:D2}");
}
