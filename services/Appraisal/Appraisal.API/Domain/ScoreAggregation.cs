using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Điểm trung bình một tiêu chí: the council's mean on one criterion, against its minimum (điểm sàn).</summary>
public sealed record CriterionAggregate(string CriterionCode, string Name, decimal Mean, decimal? MinPoints)
{
    public bool BelowMinimum => MinPoints is { } min && Mean < min;
}

/// <summary>
/// Kết quả tổng hợp điểm of a case: every figure the council sees before deciding. Null figures mean no sheet
/// was submitted yet. <see cref="Band"/> is the grade (xếp loại) of the mean, capped at "not recognized" when a
/// criterion minimum is failed.
/// </summary>
public sealed record CaseAggregate(
    Guid CaseId,
    int SubmittedCount,
    IReadOnlyDictionary<Guid, decimal> MemberTotals,
    decimal? Mean,
    decimal? Min,
    decimal? Max,
    decimal? StandardDeviation,
    decimal DisagreementThreshold,
    IReadOnlyList<CriterionAggregate> Criteria,
    GradeBand? Band,
    DateTimeOffset? LastSubmittedAt)
{
    /// <summary>Độ chênh lệch: highest minus lowest total.</summary>
    public decimal? Spread => Max - Min;

    /// <summary>Chênh lệch lớn: the members' totals differ by more than the threshold; the council should discuss before deciding.</summary>
    public bool IsLargeDisagreement => Spread > DisagreementThreshold;

    /// <summary>The criteria whose mean is below their minimum.</summary>
    public IReadOnlyList<CriterionAggregate> FailedMinimums => Criteria.Where(c => c.BelowMinimum).ToList();

    /// <summary>Whether the grade recommends recognition.</summary>
    public bool IsRecognizedGrade => Band is { IsRecognized: true };
}

/// <summary>
/// Tổng hợp điểm (aggregation): from the submitted sheets of a case, each member's total, the council's mean
/// (rounded to 2 decimals, half away from zero as Vietnamese rounding does: 80,125 → 80,13), the spread and the
/// population standard deviation (the sheets are all the council's scores, not a sample of them), a flag when
/// members disagree widely, and the grade. The grade is taken from the rounded mean, the figure the council
/// publishes, so anyone can check it by hand; member totals are kept exact.
/// </summary>
public static class ScoreAggregation
{
    /// <summary>Default flag threshold: totals more than 20 % of the rubric maximum apart.</summary>
    public const decimal DefaultDisagreementFraction = 0.20m;

    public const int Decimals = 2;

    /// <summary>Aggregates a case's sheets; drafts are ignored. All sheets must be of the case, one per member.</summary>
    public static CaseAggregate Aggregate(Guid caseId, ScoringScheme scheme, IEnumerable<ScoreSheet> sheets,
        decimal disagreementFraction = DefaultDisagreementFraction)
    {
        if (disagreementFraction is <= 0m or > 1m)
        {
            throw Refusal.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["disagreementFraction"] = ["Ngưỡng chênh lệch điểm phải lớn hơn 0 % và không quá 100 % tổng điểm tối đa."],
            }, "Ngưỡng chênh lệch điểm chưa hợp lệ.").ToException();
        }

        var all = sheets.ToList();
        if (all.Any(s => s.CaseId != caseId))
        {
            throw new ArgumentException("A sheet of another case was passed to the aggregation.", nameof(sheets));
        }

        if (all.Select(s => s.MemberId).Distinct().Count() != all.Count)
        {
            throw new ArgumentException("A member has more than one sheet for the case.", nameof(sheets));
        }

        var rubric = scheme.Rubric;
        var submitted = all.Where(s => s.IsSubmitted).ToList();
        var threshold = Round(rubric.MaxTotal * disagreementFraction);
        var totals = submitted.ToDictionary(s => s.MemberId, s => s.Total(rubric));
        if (submitted.Count == 0)
        {
            return new CaseAggregate(caseId, 0, totals, null, null, null, null, threshold, [], null, null);
        }

        var values = totals.Values.ToList();
        var exactMean = values.Sum() / values.Count;
        var mean = Round(exactMean);
        var variance = values.Sum(v => (v - exactMean) * (v - exactMean)) / values.Count;
        var deviation = Round((decimal)Math.Sqrt((double)variance));

        var criteria = rubric.Criteria
            .Select(c => new CriterionAggregate(c.Code, c.Name,
                Round(submitted.Sum(s => s.PointsFor(c.Code) ?? 0m) / submitted.Count), c.MinPoints))
            .ToList();

        var band = scheme.Bands.Map(mean);
        if (band.IsRecognized && criteria.Any(c => c.BelowMinimum))
        {
            // A criterion minimum is a floor: however high the total, the case cannot be graded as recognized.
            band = scheme.Bands.HighestNotRecognized;
        }

        return new CaseAggregate(caseId, submitted.Count, totals, mean, values.Min(), values.Max(), deviation, threshold,
            criteria, band, submitted.Max(s => s.SubmittedAt));
    }

    private static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
