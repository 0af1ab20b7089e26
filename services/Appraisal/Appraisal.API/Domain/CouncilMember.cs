namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Thành viên hội đồng thẩm định: one tenure of a person on a council, with their role and the organization
/// they belong to (cơ quan, đơn vị công tác: what conflicts of interest are checked against).
/// A person who leaves and rejoins, or changes role, has one tenure per period, all with the same <see cref="Id"/>.
/// </summary>
/// <param name="Id">The person (their account), the same across tenures.</param>
/// <param name="JoinedAt">From this instant the person counts as a member.</param>
/// <param name="LeftAt">From this instant the person no longer counts (exclusive); null while serving.</param>
public sealed record CouncilMember(
    Guid Id,
    string FullName,
    CouncilRole Role,
    Guid OrganizationId,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LeftAt = null)
{
    /// <summary>Whether this tenure covers the instant: joined at or before it, not yet left.</summary>
    public bool IsMemberAt(DateTimeOffset at) => JoinedAt <= at && (LeftAt is null || at < LeftAt.Value);

    /// <summary>Whether this tenure and another share at least one instant.</summary>
    public bool Overlaps(CouncilMember other) =>
        (other.LeftAt is null || JoinedAt < other.LeftAt.Value) && (LeftAt is null || other.JoinedAt < LeftAt.Value);
}
