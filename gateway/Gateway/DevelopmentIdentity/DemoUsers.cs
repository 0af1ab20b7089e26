using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Gateway.DevelopmentIdentity;

public sealed record DemoUser(string UserName, string Name, string Email, string[] Roles, string AdminUnit, string? Organization = null);

/// <summary>An organization the demo users work in; the launcher creates these in registration with these ids.</summary>
public sealed record DemoOrganization(string Id, string Name, string Kind, string ProvinceCode, string? CommuneCode, string? ParentId);

/// <summary>Seeded people for the local default, one per role and level, so every rule can be tried by hand.</summary>
public static class DemoUsers
{
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

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("tacgia.an", "Nguyễn Văn An", "an.nguyen@tacgia.example.vn", [PlatformRoles.Author], "VN/01/00004", Organizations[2].Id),
        // Belongs to no organization and names no ward: may not file until the account says where she lives (a refusal to try).
        new("tacgia.binh", "Trần Thị Bình", "binh.tran@tacgia.example.vn", [PlatformRoles.Author], "VN/79"),
        // Belongs to no organization, lives in Phường Ba Đình: files through its Front committee.
        new("tacgia.chi", "Đoàn Thị Chi", "chi.doan@tacgia.example.vn", [PlatformRoles.Author], "VN/01/00004"),
        new("canbo.xa.badinh", "Lê Văn Cường", "cuong.le@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN/01/00004"),
        new("canbo.tinh.hanoi", "Phạm Thị Dung", "dung.pham@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN/01"),
        new("canbo.tinh.hcm", "Hoàng Văn Em", "em.hoang@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN/79"),
        new("canbo.trunguong", "Đỗ Thị Giang", "giang.do@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN"),
        new("canbo.congdoan.badinh", "Ngô Thị Lan", "lan.ngo@congdoan.example.vn", [PlatformRoles.MemberOrganizationOfficer], "VN/01/00004", Organizations[1].Id),
        new("canbo.ldld.hanoi", "Trịnh Văn Minh", "minh.trinh@congdoan.example.vn", [PlatformRoles.MemberOrganizationOfficer], "VN/01", Organizations[0].Id),
        new("thuky.hoidong.hanoi", "Vũ Văn Hải", "hai.vu@mttq.example.vn", [PlatformRoles.CouncilSecretary], "VN/01"),
        // Members of the councils a Front officer sets up (docs/appraisal.md): what they may do comes from the council's roster.
        new("chutich.hoidong.hanoi", "Lê Quang Vinh", "vinh.le@mttq.example.vn", [PlatformRoles.CouncilMember], "VN/01"),
        new("uyvien.hoidong.hanoi", "Phan Minh Tuấn", "tuan.phan@khcn.example.vn", [PlatformRoles.CouncilMember], "VN/01"),
        new("chuyengia.hoidong.hanoi", "Đặng Thu Hà", "ha.dang@daihoc.example.vn", [PlatformRoles.CouncilMember], "VN/01"),
        new("thuky.hoidong.trunguong", "Hà Thị Yến", "yen.ha@mttq.example.vn", [PlatformRoles.CouncilSecretary], "VN"),
        new("uyvien.hoidong.trunguong", "Tạ Văn Long", "long.ta@mttq.example.vn", [PlatformRoles.CouncilMember], "VN"),
        new("vanhanh", "Bùi Thị Khánh", "khanh.bui@mttq.example.vn", [PlatformRoles.Operator], "VN"),
    ];
}
