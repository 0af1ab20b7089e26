using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>The caller as report access sees them: roles, administrative scope, organization.</summary>
public sealed record ReportCaller(string Id, bool IsFrontOfficer, bool IsMemberOrgOfficer, AdministrativeScope? Scope, Guid? OrganizationId);

/// <summary>
/// Quyền với báo cáo định kỳ (periodic report access). Files: a Front officer files their own committee's report (a
/// commune's, a province's, the centre's compiled one); a member organization's officer files their organization's.
/// Reads: the centre everything; a province officer the reports of units in their province; a commune officer their
/// commune's report and those of the member organizations reporting to their commune; a member organization's officer
/// their organization's. Returns and accepts: the level above (a commune's report: its province; a province's: the
/// centre; a member organization's: the Front committee of its own level).
/// </summary>
public static class ReportAccess
{
    public static readonly Refusal OutsideScope = Refusal.Forbidden("report_outside_scope",
        "Bạn chỉ được xem và lập báo cáo của đơn vị, địa bàn mình phụ trách.");

    public static readonly Refusal NotYourUnit = Refusal.Forbidden("report_not_your_unit",
        "Chỉ cán bộ của đơn vị lập báo cáo mới được sửa, tổng hợp hoặc nộp báo cáo này.");

    public static readonly Refusal NotAbove = Refusal.Forbidden("report_not_level_above",
        "Chỉ cấp trên trực tiếp của đơn vị báo cáo mới được trả lại hoặc tiếp nhận báo cáo.");

    public static readonly Refusal NoUnit = Refusal.Forbidden("report_no_unit",
        "Tài khoản của bạn chưa gắn với đơn vị báo cáo (địa bàn hoặc tổ chức thành viên). Vui lòng liên hệ quản trị hệ thống.");

    /// <summary>The unit the caller files for; null when they file none.</summary>
    public static ReportingUnit? UnitOf(ReportCaller caller)
    {
        if (caller.Scope is not { } scope)
        {
            return null;
        }

        if (caller.IsMemberOrgOfficer && caller.OrganizationId is { } org)
        {
            return new ReportingUnit(ReportLevels.MemberOrg, OwnCode(scope), scope.ProvinceCode, org);
        }

        if (!caller.IsFrontOfficer)
        {
            return null;
        }

        return scope.Level switch
        {
            AdministrativeLevel.Commune => new ReportingUnit(ReportLevels.Commune, scope.CommuneCode!, scope.ProvinceCode, null),
            AdministrativeLevel.Province => new ReportingUnit(ReportLevels.Province, scope.ProvinceCode!, scope.ProvinceCode, null),
            _ => new ReportingUnit(ReportLevels.Central, ReportTemplate.National, null, null),
        };
    }

    public static bool CanRead(ReportCaller caller, PeriodicReport report)
    {
        if (caller.IsMemberOrgOfficer && caller.OrganizationId is { } org && report.OrganizationId == org)
        {
            return true;
        }

        if (!caller.IsFrontOfficer || caller.Scope is not { } scope)
        {
            return false;
        }

        return scope.Level switch
        {
            AdministrativeLevel.Central => true,
            AdministrativeLevel.Province => report.ProvinceCode == scope.ProvinceCode,
            _ => report.ProvinceCode == scope.ProvinceCode && report.UnitCode == scope.CommuneCode
                 && report.Level is ReportLevels.Commune or ReportLevels.MemberOrg,
        };
    }

    public static bool CanFile(ReportCaller caller, PeriodicReport report) => UnitOf(caller) == report.Unit;

    public static bool CanReview(ReportCaller caller, PeriodicReport report)
    {
        if (!caller.IsFrontOfficer || caller.Scope is not { } scope)
        {
            return false;
        }

        return report.Level switch
        {
            ReportLevels.Commune => scope.Level == AdministrativeLevel.Province && scope.ProvinceCode == report.ProvinceCode,
            ReportLevels.Province => scope.Level == AdministrativeLevel.Central,
            // The Front committee of the member organization's own level: the same area code, the same province.
            ReportLevels.MemberOrg => OwnCode(scope) == report.UnitCode && scope.ProvinceCode == report.ProvinceCode,
            _ => false,
        };
    }

    /// <summary>Defines templates: a Front officer of the centre (national) or of a province (that province's own).</summary>
    public static bool CanDefineTemplates(ReportCaller caller) =>
        caller.IsFrontOfficer && caller.Scope is { Level: AdministrativeLevel.Central or AdministrativeLevel.Province };

    /// <summary>Sees a template: the centre's are everyone's; a province's are its own units' and the centre's.</summary>
    public static bool CanSee(ReportCaller caller, ReportTemplate template) =>
        template.IsNational || caller.Scope is { Level: AdministrativeLevel.Central } || caller.Scope?.ProvinceCode == template.ScopeCode;

    private static string OwnCode(AdministrativeScope scope) => scope.CommuneCode ?? scope.ProvinceCode ?? ReportTemplate.National;
}
