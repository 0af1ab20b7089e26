namespace DoanKetSangTao.Reporting.API.Domain.Hierarchy;

/// <summary>A unit as it opens on the change's effective date (a line of the operator's units file).</summary>
public sealed record NewUnit(string Level, string Code, string Name, string? UnitType, string? ParentCode);

/// <summary>One retired unit going (wholly or in part) into one new unit (a line of the operator's lineage file).</summary>
public sealed record LineageLink(string Level, string OldCode, string NewCode, string? Resolution);

/// <summary>A unit in force the day before the change.</summary>
public sealed record UnitInForce(string Level, string Code, string Name, string? ParentCode, DateOnly ValidFrom);

/// <summary>A lineage row as stored, with the primary successor chosen.</summary>
public sealed record PlannedLineage(string Level, string OldCode, string NewCode, string? Resolution, bool PrimarySuccessor);

/// <summary>What a consistent change does: close these units (valid_to = effective), open those, record the lineage.</summary>
public sealed record HierarchyChangePlan(DateOnly Effective, IReadOnlyList<UnitInForce> Retire, IReadOnlyList<NewUnit> Open, IReadOnlyList<PlannedLineage> Lineage);

/// <summary>
/// Sáp nhập, chia tách đơn vị hành chính (a merger or split the operator loads): checks that the files describe a whole
/// change of the structure in force the day before, and plans it. Every problem is listed in Vietnamese; one problem
/// and nothing is loaded. Retired = every unit named as an old code in the lineage, and every unit in force whose code
/// a new unit takes again; each needs a successor, so that no figure is left without a unit to roll into.
/// </summary>
public static class HierarchyChange
{
    public static readonly IReadOnlyList<string> Levels = ["province", "district", "commune"];

    public static (HierarchyChangePlan? Plan, IReadOnlyList<string> Errors) Plan(
        DateOnly effective, IReadOnlyList<NewUnit> units, IReadOnlyList<LineageLink> lineage, IReadOnlyList<UnitInForce> inForceBefore)
    {
        var errors = new List<string>();
        var before = inForceBefore.ToDictionary(u => (u.Level, u.Code));
        var opening = new Dictionary<(string, string), NewUnit>();
        foreach (var unit in units)
        {
            if (!opening.TryAdd((unit.Level, unit.Code), unit))
            {
                errors.Add($"Đơn vị {Name(unit.Level)} mã {unit.Code} có hai dòng trong tệp đơn vị.");
            }
        }

        foreach (var twice in lineage.GroupBy(l => (l.Level, l.OldCode, l.NewCode)).Where(g => g.Count() > 1))
        {
            errors.Add($"Dòng kế thừa {twice.Key.OldCode} → {twice.Key.NewCode} lặp lại.");
        }

        foreach (var link in lineage)
        {
            if (!before.ContainsKey((link.Level, link.OldCode)))
            {
                errors.Add($"Mã cũ {link.OldCode} ({Name(link.Level)}) không phải đơn vị đang có hiệu lực ngày {effective.AddDays(-1):dd/MM/yyyy}.");
            }

            if (!opening.ContainsKey((link.Level, link.NewCode)))
            {
                errors.Add($"Mã mới {link.NewCode} ({Name(link.Level)}) trong tệp kế thừa không có trong tệp đơn vị.");
            }
        }

        var retiring = lineage.Select(l => (l.Level, l.OldCode)).Concat(opening.Keys.Where(before.ContainsKey)).ToHashSet();
        var succeeded = lineage.Select(l => (l.Level, l.OldCode)).ToHashSet();
        foreach (var (level, code) in retiring.Where(r => !succeeded.Contains(r)).Order())
        {
            errors.Add($"Đơn vị {Name(level)} mã {code} ({before[(level, code)].Name}) bị thay thế nhưng không có đơn vị kế thừa trong tệp kế thừa.");
        }

        foreach (var unit in units)
        {
            var parentLevels = unit.Level switch { "commune" => new[] { "district", "province" }, "district" => ["province"], _ => [] };
            if (unit.Level == "province" ? unit.ParentCode is not null : unit.ParentCode is null)
            {
                errors.Add(unit.Level == "province" ? $"Tỉnh mã {unit.Code} không có cấp trên." : $"Đơn vị {Name(unit.Level)} mã {unit.Code} cần mã đơn vị cấp trên.");
            }
            else if (unit.ParentCode is { } parent && !parentLevels.Any(l => opening.ContainsKey((l, parent)) || before.ContainsKey((l, parent)) && !retiring.Contains((l, parent))))
            {
                errors.Add($"Đơn vị cấp trên mã {parent} của {unit.Name} không có hiệu lực ngày {effective:dd/MM/yyyy}.");
            }
        }

        foreach (var orphan in inForceBefore.Where(u => !retiring.Contains((u.Level, u.Code)) && u.ParentCode is { } p
            && Levels.Any(l => retiring.Contains((l, p)) && !opening.ContainsKey((l, p)))))
        {
            errors.Add($"{orphan.Name} (mã {orphan.Code}) vẫn giữ nguyên nhưng đơn vị cấp trên mã {orphan.ParentCode} bị giải thể: hãy đưa nó vào tệp đơn vị với cấp trên mới.");
        }

        foreach (var unit in retiring.Where(before.ContainsKey).Select(r => before[r]).Where(u => u.ValidFrom >= effective))
        {
            errors.Add($"{unit.Name} (mã {unit.Code}) có hiệu lực từ {unit.ValidFrom:dd/MM/yyyy}, không thể giải thể ngày {effective:dd/MM/yyyy}.");
        }

        if (units.Count == 0 || lineage.Count == 0)
        {
            errors.Add("Tệp đơn vị và tệp kế thừa đều phải có ít nhất một dòng.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var planned = lineage.GroupBy(l => (l.Level, l.OldCode)).SelectMany(g =>
        {
            var (primary, _) = PrimarySuccessor.Choose(g.Key.OldCode, before[g.Key].Name,
                g.Select(l => new SuccessorCandidate(l.NewCode, opening[(l.Level, l.NewCode)].Name)).ToList());
            return g.Select(l => new PlannedLineage(l.Level, l.OldCode, l.NewCode, l.Resolution, l.NewCode == primary));
        }).ToList();
        return (new HierarchyChangePlan(effective, retiring.Select(r => before[r]).ToList(), units, planned), []);
    }

    /// <summary>A level's Vietnamese name, for messages.</summary>
    public static string Name(string level) => level switch
    {
        "province" => "cấp tỉnh",
        "district" => "cấp huyện",
        _ => "cấp xã",
    };
}
