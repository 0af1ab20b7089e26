using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Reporting.API.Domain;

/// <summary>Kết quả thẩm định at one council level: recognized, not recognized, nominated to the level above.</summary>
public sealed record LevelResult(string Level, long Recognized, long NotRecognized, long NominatedUpward);

/// <summary>One area's results (a province's, or a commune's), every council level listed, zeros included.</summary>
public sealed record AreaResult(string Code, IReadOnlyList<LevelResult> Levels);

/// <summary>A count the database aggregated for one area and council level.</summary>
public sealed record AppraisalCountRow(string Code, string Level, long Recognized, long NotRecognized, long NominatedUpward);

/// <summary>Roll-up of appraisal results: an area's figure is the sum of the areas below it.</summary>
public static class AppraisalResults
{
    /// <summary>
    /// Areas in code order, each with every council level (<see cref="CouncilLevels.All"/>, lowest first, zeros
    /// included); and the total over them. A count at a level the vocabulary does not know is added nowhere, though
    /// its area is still listed.
    /// </summary>
    public static (IReadOnlyList<LevelResult> Totals, IReadOnlyList<AreaResult> Breakdown) RollUp(IEnumerable<AppraisalCountRow> rows)
    {
        var byArea = rows.GroupBy(r => r.Code, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AreaResult(g.Key, PerLevel(g)))
            .ToList();
        var totals = CouncilLevels.All
            .Select(level => Sum(level, byArea.SelectMany(a => a.Levels).Where(l => l.Level == level)))
            .ToList();
        return (totals, byArea);
    }

    private static List<LevelResult> PerLevel(IEnumerable<AppraisalCountRow> rows)
    {
        var list = rows.ToList();
        return CouncilLevels.All
            .Select(level => Sum(level, list.Where(r => r.Level == level).Select(r => new LevelResult(level, r.Recognized, r.NotRecognized, r.NominatedUpward))))
            .ToList();
    }

    private static LevelResult Sum(string level, IEnumerable<LevelResult> results)
    {
        long recognized = 0, notRecognized = 0, nominated = 0;
        foreach (var r in results)
        {
            recognized += r.Recognized;
            notRecognized += r.NotRecognized;
            nominated += r.NominatedUpward;
        }

        return new LevelResult(level, recognized, notRecognized, nominated);
    }
}
