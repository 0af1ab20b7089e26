namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Cây tổ chức (organization ancestry): which organization sits above which (grassroots union → upper-level
/// union → provincial Labour Federation), passed in by the caller so the conflict rules stay free of I/O.
/// The hierarchy is data (domain.md), so it is given as a lookup, never coded.
/// </summary>
public sealed class OrganizationAncestry
{
    // A hierarchy deeper than this is a cycle in the data, not a real chain of units.
    private const int MaxDepth = 64;

    private readonly Func<Guid, Guid?> _parentOf;

    /// <param name="parentOf">The direct parent of an organization, or null at the top (or when unknown).</param>
    public OrganizationAncestry(Func<Guid, Guid?> parentOf) => _parentOf = parentOf;

    /// <summary>No hierarchy known: only identical organizations conflict.</summary>
    public static OrganizationAncestry None { get; } = new(_ => null);

    /// <summary>From a table of (organization → parent) rows, as the service loads them.</summary>
    public static OrganizationAncestry FromParents(IReadOnlyDictionary<Guid, Guid?> parents) =>
        new(id => parents.TryGetValue(id, out var parent) ? parent : null);

    /// <summary>The organizations above, nearest first; stops at a repeated organization (bad data) rather than looping.</summary>
    public IReadOnlyList<Guid> AncestorsOf(Guid organizationId)
    {
        var ancestors = new List<Guid>();
        var seen = new HashSet<Guid> { organizationId };
        var current = _parentOf(organizationId);
        while (current is { } parent && seen.Add(parent) && ancestors.Count < MaxDepth)
        {
            ancestors.Add(parent);
            current = _parentOf(parent);
        }

        return ancestors;
    }

    /// <summary>Whether <paramref name="ancestor"/> is strictly above <paramref name="descendant"/>.</summary>
    public bool IsAncestorOf(Guid ancestor, Guid descendant) => AncestorsOf(descendant).Contains(ancestor);
}
