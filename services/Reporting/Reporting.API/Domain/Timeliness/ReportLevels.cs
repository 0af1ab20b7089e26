namespace DoanKetSangTao.Reporting.API.Domain.Timeliness;

/// <summary>
/// Cấp báo cáo (reporting levels): communes report to their province, provinces to the centre, member organizations to
/// the Front committee of their level.
/// </summary>
public static class ReportLevels
{
    public const string Commune = "commune";
    public const string Province = "province";
    public const string MemberOrganization = "member_org";

    public static readonly IReadOnlyList<string> All = [Commune, Province, MemberOrganization];

    /// <summary>"Cấp xã", "Cấp tỉnh", "Tổ chức thành viên": how a sheet or a message names the level.</summary>
    public static string NameOf(string level) => level switch
    {
        Commune => "Cấp xã",
        Province => "Cấp tỉnh",
        MemberOrganization => "Tổ chức thành viên",
        _ => level,
    };
}
