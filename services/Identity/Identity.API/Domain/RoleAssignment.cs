using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Identity.API.Domain;

/// <summary>
/// Phân công vai trò (role assignment): a person holds a role for an administrative unit (<c>VN</c>, a province, a
/// commune) and/or an organization, from a start date to an optional end date (dates in Vietnam's calendar).
/// </summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string Role { get; set; } = string.Empty;

    /// <summary>The unit as a path: <c>VN</c>, <c>VN/01</c> or <c>VN/01/00004</c> (<see cref="AdministrativeScope"/>).</summary>
    public string AdminUnit { get; set; } = "VN";

    public Guid? OrganizationId { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>The last day the assignment holds; null while it has no end.</summary>
    public DateOnly? EndsOn { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Hiệu lực: in force on <paramref name="today"/> (both ends inclusive).</summary>
    public bool IsActiveOn(DateOnly today) => StartsOn <= today && (EndsOn is null || today <= EndsOn);

    public AdministrativeScope Scope => AdministrativeScope.TryParse(AdminUnit) ?? throw new InvalidOperationException($"Assignment {Id} has a malformed unit '{AdminUnit}'.");
}
