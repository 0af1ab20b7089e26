using DoanKetSangTao.Domain;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>The demo people the tests sign in as (the same ids and areas as the gateway's demo users).</summary>
public static class People
{
    public static readonly Person HanoiOfficer = new("canbo.tinh.hanoi", "Phạm Thị Dung", PlatformRoles.FrontOfficer, "VN/01");
    public static readonly Person HcmOfficer = new("canbo.tinh.hcm", "Hoàng Văn Em", PlatformRoles.FrontOfficer, "VN/79");

    /// <summary>An author who belongs to no organization and lives in Phường Ba Đình: files through its Front committee.</summary>
    public static readonly Person AuthorBinh = new("tacgia.binh", "Trần Thị Bình", PlatformRoles.Author, "VN/01/00004");
}
