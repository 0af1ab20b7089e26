using System.Text.RegularExpressions;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Bộ tiêu chí chấm điểm (rubric): the criteria a council scores with, always valid once built.
/// The seeds name the criteria but give no scale (domain.md, "Appraisal"), so <see cref="Default"/> is a proposal
/// and each council configures its own per campaign; a rubric is frozen once scoring starts (<see cref="ScoringScheme"/>).
/// </summary>
public sealed partial class Rubric
{
    public const int MaxCriteria = 20;
    public const int NameMaxLength = 200;

    /// <summary>The highest weighted total a rubric may reach: keeps totals and bands on a human scale.</summary>
    /// <summary>A criterion counts at most this many times its points (Quảng Trị uses 1 to 3).</summary>
    public const decimal MaxWeight = 100m;

    public const decimal MaxTotalLimit = 1000m;

    public const string NoveltyCode = "tinh_moi";
    public const string SuitabilityCode = "tinh_phu_hop";
    public const string CollectivenessCode = "tinh_tap_the";
    public const string PracticalityCode = "tinh_thiet_thuc_hieu_qua";
    public const string EconomyCode = "tinh_kinh_te";

    /// <summary>
    /// The five criteria of the seeds on a 100-point scale, weight 1, no minimum: novelty and practical effect
    /// weigh most (30 each) because they are what makes an initiative (Quảng Trị 4.3: "mang lại lợi ích thiết thực");
    /// suitability 20; collectiveness and economy 10. Configurable per council.
    /// </summary>
    public static Rubric Default { get; } = Create(
    [
        new RubricCriterion(NoveltyCode, "Tính mới", 30m),
        new RubricCriterion(SuitabilityCode, "Tính phù hợp", 20m),
        new RubricCriterion(CollectivenessCode, "Tính tập thể", 10m),
        new RubricCriterion(PracticalityCode, "Tính thiết thực, hiệu quả", 30m),
        new RubricCriterion(EconomyCode, "Tính kinh tế", 10m),
    ]);

    private Rubric(IReadOnlyList<RubricCriterion> criteria)
    {
        Criteria = criteria;
        MaxTotal = criteria.Sum(c => c.MaxWeighted);
    }

    /// <summary>The criteria in the order the council shows them.</summary>
    public IReadOnlyList<RubricCriterion> Criteria { get; }

    /// <summary>Tổng điểm tối đa: Σ max × weight.</summary>
    public decimal MaxTotal { get; }

    public RubricCriterion? Find(string code) => Criteria.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>Builds a rubric, or throws <c>validation_failed</c> with the field errors of <see cref="Validate"/>.</summary>
    public static Rubric Create(IReadOnlyList<RubricCriterion?>? criteria)
    {
        var errors = Validate(criteria);
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors.ByField, "Bộ tiêu chí chấm điểm chưa hợp lệ. Vui lòng sửa các mục được nêu rồi lưu lại.").ToException();
        }

        return new Rubric(criteria!.Select(c => c! with { Name = VietnameseText.TryNormalize(c.Name)! }).ToList());
    }

    /// <summary>
    /// At least one criterion; codes unique and ASCII snake_case; a name; max &gt; 0, weight &gt; 0, 0 ≤ min ≤ max;
    /// max and min on the 0.25-point step members score in (a maximum of 7.3 could never be given);
    /// weighted total at most 1000.
    /// </summary>
    public static FieldErrors Validate(IReadOnlyList<RubricCriterion?>? criteria)
    {
        var errors = new FieldErrors();
        if (criteria is null || criteria.Count == 0)
        {
            errors.Add("criteria", "Bộ tiêu chí phải có ít nhất một tiêu chí chấm điểm.");
            return errors;
        }

        if (criteria.Count > MaxCriteria)
        {
            errors.Add("criteria", $"Bộ tiêu chí có tối đa {MaxCriteria} tiêu chí.");
            return errors;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < criteria.Count; i++)
        {
            var field = $"criteria[{i}]";
            if (criteria[i] is not { } c)
            {
                errors.Add(field, "Tiêu chí bị trống.");
                continue;
            }

            if (c.Code is null || !CodePattern().IsMatch(c.Code))
            {
                errors.Add($"{field}.code", "Mã tiêu chí gồm chữ thường không dấu, chữ số và dấu gạch dưới, tối đa 50 ký tự (ví dụ: tinh_moi).");
            }
            else if (!codes.Add(c.Code))
            {
                errors.Add($"{field}.code", $"Mã tiêu chí \"{c.Code}\" bị trùng; mỗi tiêu chí cần một mã riêng.");
            }

            var name = VietnameseText.TryNormalize(c.Name);
            if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength)
            {
                errors.Add($"{field}.name", $"Vui lòng nhập tên tiêu chí (tối đa {NameMaxLength} ký tự).");
            }

            if (c.MaxPoints <= 0m || c.MaxPoints > MaxTotalLimit)
            {
                errors.Add($"{field}.maxPoints", $"Điểm tối đa của tiêu chí phải lớn hơn 0 và không quá {MaxTotalLimit:0}.");
            }
            else if (!ScoreSheet.IsOnStep(c.MaxPoints))
            {
                errors.Add($"{field}.maxPoints", $"Điểm tối đa phải là bội số của {ScoreSheet.PointStepText} điểm.");
            }

            if (c.Weight <= 0m || c.Weight > MaxWeight)
            {
                errors.Add($"{field}.weight", $"Hệ số của tiêu chí phải lớn hơn 0 và không quá {MaxWeight:0}.");
            }

            if (c.MinPoints is { } min)
            {
                if (min < 0m || min > c.MaxPoints)
                {
                    errors.Add($"{field}.minPoints", "Điểm sàn của tiêu chí phải từ 0 đến điểm tối đa.");
                }
                else if (!ScoreSheet.IsOnStep(min))
                {
                    errors.Add($"{field}.minPoints", $"Điểm sàn phải là bội số của {ScoreSheet.PointStepText} điểm.");
                }
            }
        }

        // Only criteria within bounds are summed: the product of two unchecked decimals can overflow.
        var total = criteria.Where(c => c is { MaxPoints: > 0m and <= MaxTotalLimit, Weight: > 0m and <= MaxWeight }).Sum(c => c!.MaxWeighted);
        if (total > MaxTotalLimit)
        {
            errors.Add("criteria", $"Tổng điểm tối đa (điểm tối đa × hệ số) là {total.ToString(VietnameseText.Culture)}, vượt quá {MaxTotalLimit:0} điểm.");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
