using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Tự khai xung đột lợi ích: a member declares they should not appraise a case (a relative, a co-author...).</summary>
public sealed record ConflictDeclaration(Guid MemberId, Guid CaseId, string? Reason = null);

/// <summary>Why a member is conflicted on a case.</summary>
public enum ConflictKind
{
    /// <summary>Cùng đơn vị: the member works in an author's organization.</summary>
    SameOrganization = 1,

    /// <summary>Đơn vị cấp trên: the member's organization is above an author's.</summary>
    MemberOrganizationAbove = 2,

    /// <summary>Đơn vị cấp dưới: the member's organization is below an author's.</summary>
    MemberOrganizationBelow = 3,

    /// <summary>Tự khai: the member declared a conflict on the case.</summary>
    Declared = 4,
}

/// <summary>A conflict found, with the Vietnamese explanation shown to the secretary and the member.</summary>
public sealed record ConflictFinding(ConflictKind Kind, Guid? AuthorOrganizationId, string Message);

/// <summary>
/// Xung đột lợi ích (conflict of interest): "members must not score initiatives of their own unit" (domain.md).
/// A member is conflicted on a case when their organization is an author's organization, or above or below it in
/// the hierarchy passed in, or when they declared a conflict on the case. A conflicted member is never assigned
/// the case and can never score it (<c>member_conflicted</c>).
/// </summary>
public sealed class ConflictOfInterest(OrganizationAncestry ancestry, IEnumerable<ConflictDeclaration> declarations)
{
    private readonly ILookup<(Guid MemberId, Guid CaseId), ConflictDeclaration> _declared =
        declarations.ToLookup(d => (d.MemberId, d.CaseId));

    /// <summary>Only the organization rule, no declarations and no hierarchy.</summary>
    public static ConflictOfInterest SameOrganizationOnly { get; } = new(OrganizationAncestry.None, []);

    /// <summary>The first conflict found (same organization, then hierarchy, then declaration), or null.</summary>
    public ConflictFinding? Find(CouncilMember member, AppraisalCase @case)
    {
        var org = member.OrganizationId;
        foreach (var authorOrg in @case.AuthorOrganizationIds.Distinct())
        {
            if (authorOrg == org)
            {
                return new ConflictFinding(ConflictKind.SameOrganization, authorOrg,
                    $"{member.FullName} công tác cùng cơ quan, đơn vị với tác giả của hồ sơ \"{@case.Title}\".");
            }
        }

        // Above and below are checked after "same" so that the clearest reason is the one reported.
        var memberAncestors = ancestry.AncestorsOf(org);
        foreach (var authorOrg in @case.AuthorOrganizationIds.Distinct())
        {
            if (ancestry.IsAncestorOf(org, authorOrg))
            {
                return new ConflictFinding(ConflictKind.MemberOrganizationAbove, authorOrg,
                    $"Cơ quan, đơn vị của {member.FullName} là cấp trên của đơn vị tác giả hồ sơ \"{@case.Title}\".");
            }

            if (memberAncestors.Contains(authorOrg))
            {
                return new ConflictFinding(ConflictKind.MemberOrganizationBelow, authorOrg,
                    $"Cơ quan, đơn vị của {member.FullName} trực thuộc đơn vị tác giả hồ sơ \"{@case.Title}\".");
            }
        }

        var declared = _declared[(member.Id, @case.Id)].FirstOrDefault();
        if (declared is not null)
        {
            var reason = string.IsNullOrWhiteSpace(declared.Reason) ? string.Empty : $" (lý do: {declared.Reason.Trim()})";
            return new ConflictFinding(ConflictKind.Declared, null,
                $"{member.FullName} đã tự khai có xung đột lợi ích với hồ sơ \"{@case.Title}\"{reason}.");
        }

        return null;
    }

    public bool IsConflicted(CouncilMember member, AppraisalCase @case) => Find(member, @case) is not null;

    /// <summary>Refuses with <c>member_conflicted</c> (403) and the reason, for assignment and scoring.</summary>
    public void EnsureNotConflicted(CouncilMember member, AppraisalCase @case)
    {
        if (Find(member, @case) is { } finding)
        {
            throw Refusal.Forbidden(AppraisalRefusals.MemberConflicted,
                $"{finding.Message} Thành viên có xung đột lợi ích không được phân công và không được chấm điểm hồ sơ này.").ToException();
        }
    }
}
