using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Gateway.DevelopmentIdentity;

public sealed record DemoUser(string UserName, string Name, string Email, string[] Roles, string AdminUnit, string? Organization = null);

/// <summary>Seeded people for the local default, one per role and level, so every rule can be tried by hand.</summary>
public static class DemoUsers
{
    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("tacgia.an", "Nguyễn Văn An", "an.nguyen@tacgia.example.vn", [PlatformRoles.Author], "VN/01/00004"),
        new("tacgia.binh", "Trần Thị Bình", "binh.tran@tacgia.example.vn", [PlatformRoles.Author], "VN/79"),
        new("canbo.xa.badinh", "Lê Văn Cường", "cuong.le@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN/01/00004"),
        new("canbo.tinh.hanoi", "Phạm Thị Dung", "dung.pham@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN/01"),
        new("canbo.tinh.hcm", "Hoàng Văn Em", "em.hoang@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN/79"),
        new("canbo.trunguong", "Đỗ Thị Giang", "giang.do@mttq.example.vn", [PlatformRoles.FrontOfficer], "VN"),
        new("thuky.hoidong.hanoi", "Vũ Văn Hải", "hai.vu@mttq.example.vn", [PlatformRoles.CouncilSecretary], "VN/01"),
        new("vanhanh", "Bùi Thị Khánh", "khanh.bui@mttq.example.vn", [PlatformRoles.Operator], "VN"),
    ];
}
