namespace DoanKetSangTao.Reporting.API.Domain.Hierarchy;

/// <summary>Why a successor was chosen as primary, in the order the rule tries them.</summary>
public enum SuccessorChoice
{
    /// <summary>Giữ mã: the successor has the old unit's code (or is its only successor).</summary>
    KeptCode,

    /// <summary>Giữ tên: no successor kept the code; this one took the old unit's name (type prefix aside).</summary>
    KeptName,

    /// <summary>Mã nhỏ nhất: neither code nor name was kept; the lowest new code.</summary>
    LowestCode,
}

/// <summary>A unit an old unit went into, wholly or in part.</summary>
public sealed record SuccessorCandidate(string Code, string Name);

/// <summary>
/// Đơn vị kế thừa chính (the primary-successor rule, docs/reporting.md "Địa giới hành chính theo thời gian"): a figure is
/// never divided (counts are whole initiatives), so everything filed under a unit that was split goes whole to ONE of its
/// successors: the one that kept the old unit's code if any, else the one that took its name, else the lowest new code.
/// The rule only reads the lineage, so it gives the same answer for every later merger or split an operator loads.
/// </summary>
public static class PrimarySuccessor
{
    /// <summary>The successor that receives the old unit's figures, and which branch of the rule chose it.</summary>
    public static (string Code, SuccessorChoice Choice) Choose(string oldCode, string oldName, IReadOnlyCollection<SuccessorCandidate> successors)
    {
        if (successors.Count == 0)
        {
            throw new ArgumentException("A retired unit has at least one successor.", nameof(successors));
        }

        if (successors.Count == 1 || successors.Any(s => s.Code == oldCode))
        {
            return (successors.Count == 1 ? successors.First().Code : oldCode, SuccessorChoice.KeptCode);
        }

        var bare = BareName(oldName);
        var named = successors.Where(s => BareName(s.Name) == bare).Select(s => s.Code).Order(StringComparer.Ordinal).FirstOrDefault();
        return named is not null
            ? (named, SuccessorChoice.KeptName)
            : (successors.Select(s => s.Code).Order(StringComparer.Ordinal).First(), SuccessorChoice.LowestCode);
    }

    /// <summary>A unit's name without its type ("Xã Tân Phú" and "Phường Tân Phú" are both "Tân Phú"): a commune that became a ward kept its name.</summary>
    public static string BareName(string name)
    {
        foreach (var prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    // Every type a Vietnamese unit's name begins with; the trailing space keeps one from matching the start of another.
    private static readonly string[] Prefixes = ["Thành phố ", "Thị trấn ", "Đặc khu ", "Thị xã ", "Phường ", "Huyện ", "Quận ", "Tỉnh ", "Xã "];
}
