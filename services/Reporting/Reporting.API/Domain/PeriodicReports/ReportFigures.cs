using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Reporting.API.Domain.PeriodicReports;

/// <summary>One group of initiatives the platform counted for a report: a kind and a field, with a count per measure.</summary>
public sealed record FigureRow(string Kind, string? Field, IReadOnlyDictionary<string, long> Measures);

/// <summary>
/// Số liệu báo cáo (report figures): the totals per measure (<see cref="ReportMeasures"/>), and the same measures by
/// initiative kind and by field. Compiling sums them key by key.
/// </summary>
public sealed record ReportFigures(
    IReadOnlyDictionary<string, long> Total,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ByKind,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ByField)
{
    /// <summary>The largest count a report may hold for one measure.</summary>
    public const long MaxValue = 1_000_000_000;

    public static ReportFigures Empty { get; } = new(Zeros(), new Dictionary<string, IReadOnlyDictionary<string, long>>(), new Dictionary<string, IReadOnlyDictionary<string, long>>());

    /// <summary>Figures from the platform's counts; every measure appears in the totals, zeros included.</summary>
    public static ReportFigures FromRows(IEnumerable<FigureRow> rows, long modelsBuilt = 0)
    {
        var list = rows.ToList();
        var total = Sum(list.Select(r => r.Measures));
        total[ReportMeasures.ModelsBuilt] = modelsBuilt;
        return new ReportFigures(total,
            Group(list, r => r.Kind),
            Group(list, r => string.IsNullOrEmpty(r.Field) ? ReportDimensionNames.NoField : r.Field));
    }

    /// <summary>Tổng hợp số liệu: the sum, key by key, of several units' figures (a key one unit lacks counts as zero there).</summary>
    public static ReportFigures Sum(IEnumerable<ReportFigures> figures)
    {
        var list = figures.ToList();
        var total = Sum(list.Select(f => f.Total));
        return new ReportFigures(total, SumNested(list.Select(f => f.ByKind)), SumNested(list.Select(f => f.ByField)));
    }

    /// <summary>The same figures with one total replaced (the models the unit says it built).</summary>
    public ReportFigures WithTotal(string measure, long value)
    {
        var total = new Dictionary<string, long>(Total, StringComparer.Ordinal) { [measure] = value };
        return this with { Total = total };
    }

    public long TotalOf(string measure) => Total.GetValueOrDefault(measure);

    /// <summary>Figures a unit typed in: known measures only, counts from 0 to <see cref="MaxValue"/>, short ASCII keys.</summary>
    public static void Check(ReportFigures figures, FieldErrors errors, string field = "figures")
    {
        CheckMeasures(figures.Total, errors, $"{field}.total");
        foreach (var (name, groups) in new[] { ("byKind", figures.ByKind), ("byField", figures.ByField) })
        {
            if (groups.Count > 50)
            {
                errors.Add($"{field}.{name}", "Tối đa 50 nhóm.");
                continue;
            }

            foreach (var (key, measures) in groups)
            {
                if (key.Length is 0 or > 40 || !key.All(c => c is (>= 'a' and <= 'z') or '_' or (>= '0' and <= '9')))
                {
                    errors.Add($"{field}.{name}", "Mã nhóm chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (tối đa 40 ký tự).");
                    continue;
                }

                CheckMeasures(measures, errors, $"{field}.{name}.{key}");
            }
        }
    }

    private static void CheckMeasures(IReadOnlyDictionary<string, long>? measures, FieldErrors errors, string field)
    {
        if (measures is null)
        {
            errors.Add(field, "Vui lòng gửi số liệu.");
            return;
        }

        foreach (var (code, value) in measures)
        {
            if (!ReportMeasures.IsKnown(code))
            {
                errors.Add(field, $"Chỉ tiêu không có trong báo cáo: chọn một trong {string.Join(", ", ReportMeasures.All.Select(m => m.Code))}.");
            }
            else if (value is < 0 or > MaxValue)
            {
                errors.Add($"{field}.{code}", string.Create(VietnameseText.Culture, $"Số liệu từ 0 đến {MaxValue:N0}."));
            }
        }
    }

    private static Dictionary<string, long> Zeros() => ReportMeasures.All.ToDictionary(m => m.Code, _ => 0L, StringComparer.Ordinal);

    private static Dictionary<string, long> Sum(IEnumerable<IReadOnlyDictionary<string, long>> measures)
    {
        var sum = Zeros();
        foreach (var m in measures)
        {
            foreach (var (code, value) in m)
            {
                sum[code] = sum.GetValueOrDefault(code) + value;
            }
        }

        return sum;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, long>> Group(IEnumerable<FigureRow> rows, Func<FigureRow, string> key) =>
        rows.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)WithoutModels(Sum(g.Select(r => r.Measures))), StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyDictionary<string, long>> SumNested(IEnumerable<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> groups) =>
        groups.SelectMany(g => g).GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)WithoutModels(Sum(g.Select(p => p.Value))), StringComparer.Ordinal);

    // Models built are entered by the unit as one number, never split by kind or field.
    private static Dictionary<string, long> WithoutModels(Dictionary<string, long> measures)
    {
        measures.Remove(ReportMeasures.ModelsBuilt);
        return measures;
    }
}
