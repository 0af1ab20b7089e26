using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>
/// Cơ quan ban hành / cơ quan quyết định: who commends, proposes and signs. A Front officer acts for the Front committee
/// of their area (Ủy ban MTTQ of the commune, province or the centre); a member-organization or unit officer acts for
/// their organization, at the level of their area. The key names the body stably in numbers, quotas and keys:
/// <c>mttq:VN/01</c> or <c>org:{organization id}</c>.
/// </summary>
public sealed record IssuingBody(string Key, string Level, string? ProvinceCode, string? CommuneCode)
{
    /// <summary>The body the caller acts for, or null when their role or area gives them none.</summary>
    public static IssuingBody? Of(bool frontOfficer, bool organizationOfficer, AdministrativeScope? scope, string? organizationId)
    {
        if (scope is null)
        {
            return null;
        }

        var level = scope.Level switch
        {
            AdministrativeLevel.Central => CouncilLevels.Central,
            AdministrativeLevel.Province => CouncilLevels.Province,
            _ => CouncilLevels.Commune,
        };
        if (frontOfficer)
        {
            return new IssuingBody($"mttq:{scope.Path}", level, scope.ProvinceCode, scope.CommuneCode);
        }

        return organizationOfficer && Guid.TryParse(organizationId, out var org)
            ? new IssuingBody($"org:{org:D}", level, scope.ProvinceCode, scope.CommuneCode)
            : null;
    }

    /// <summary>The body's area: recipients and proposers must be inside it.</summary>
    public AdministrativeScope Area => new(ProvinceCode, CommuneCode);

    /// <summary>Whether a recipient filed under this province (and commune) is within the body's reach.</summary>
    public bool Reaches(string provinceCode, string? communeCode) =>
        Area.Level switch
        {
            AdministrativeLevel.Central => true,
            AdministrativeLevel.Province => ProvinceCode == provinceCode,
            _ => ProvinceCode == provinceCode && CommuneCode == communeCode,
        };

    /// <summary>
    /// Who may read a decision (and its certificates): the body that made it, and a Front officer whose area covers that
    /// body's (the centre every body's, a province its communes' and organizations').
    /// </summary>
    public bool CanRead(string bodyKey, string? bodyProvince, string? bodyCommune)
    {
        if (Key == bodyKey)
        {
            return true;
        }

        if (!Key.StartsWith("mttq:", StringComparison.Ordinal))
        {
            return false;
        }

        return Area.Level switch
        {
            AdministrativeLevel.Central => true,
            AdministrativeLevel.Province => bodyProvince == ProvinceCode,
            _ => bodyProvince == ProvinceCode && bodyCommune == CommuneCode,
        };
    }

    /// <summary>
    /// Số quyết định: the body's running number of the year, with the Front's or the organization's suffix
    /// (<c>12/QĐ-MTTQ</c>, <c>3/QĐ-KT</c>).
    /// </summary>
    public string NumberText(int number) => Key.StartsWith("mttq:", StringComparison.Ordinal) ? $"{number}/QĐ-MTTQ" : $"{number}/QĐ-KT";
}
