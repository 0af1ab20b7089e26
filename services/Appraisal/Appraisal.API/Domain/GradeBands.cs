using System.Text.RegularExpressions;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Thang xếp loại (grade bands): the ordered bands a council grades with, always valid once built.
/// The seeds give no scale; <see cref="DefaultFor"/> proposes Xuất sắc ≥ 90 %, Tốt ≥ 75 %, Khá ≥ 60 % of the
/// rubric maximum (recognized) and Không đạt below (not recognized), configurable per council.
/// </summary>
public sealed partial class GradeBands
{
    public const int MaxBands = 10;
    public const int NameMaxLength = 100;

    private GradeBands(IReadOnlyList<GradeBand> bands) => Bands = bands;

    /// <summary>The bands, highest minimum first.</summary>
    public IReadOnlyList<GradeBand> Bands { get; }

    /// <summary>The bands that recommend recognition, highest first.</summary>
    public IReadOnlyList<GradeBand> Recognized => Bands.Where(b => b.IsRecognized).ToList();

    /// <summary>The best band that is not recognized: where a case failing a criterion minimum is capped.</summary>
    public GradeBand HighestNotRecognized => Bands.First(b => !b.IsRecognized);

    /// <summary>The default bands for the default 100-point rubric.</summary>
    public static GradeBands Default { get; } = DefaultFor(Rubric.Default.MaxTotal);

    /// <summary>The default bands scaled to a rubric's maximum (90 %, 75 %, 60 % of it).</summary>
    public static GradeBands DefaultFor(decimal maxTotal) => Create(
    [
        new GradeBand("xuat_sac", "Xuất sắc", maxTotal * 0.90m, true),
        new GradeBand("tot", "Tốt", maxTotal * 0.75m, true),
        new GradeBand("kha", "Khá", maxTotal * 0.60m, true),
        new GradeBand("khong_dat", "Không đạt", 0m, false),
    ], maxTotal);

    /// <summary>The band a total falls in: the one with the highest minimum not above it (90 is Xuất sắc, 89.99 is Tốt).</summary>
    public GradeBand Map(decimal total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        return Bands.First(b => b.MinTotal <= total);
    }

    /// <summary>Builds the bands (any order), or throws <c>validation_failed</c> with the field errors of <see cref="Validate"/>.</summary>
    public static GradeBands Create(IReadOnlyList<GradeBand?>? bands, decimal maxTotal)
    {
        var errors = Validate(bands, maxTotal);
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors.ByField, "Thang xếp loại chưa hợp lệ. Vui lòng sửa các mục được nêu rồi lưu lại.").ToException();
        }

        return new GradeBands(bands!
            .Select(b => b! with { Name = VietnameseText.TryNormalize(b.Name)! })
            .OrderByDescending(b => b.MinTotal)
            .ToList());
    }

    /// <summary>
    /// Covers 0..max without overlap: one band starts at 0, no two start at the same total, none starts above the
    /// rubric maximum (it could never be reached). At least one band is not recognized (a council must be able to
    /// refuse) and none is recognized below one that is not (a higher total never grades worse). Unique codes, names.
    /// </summary>
    public static FieldErrors Validate(IReadOnlyList<GradeBand?>? bands, decimal maxTotal)
    {
        var errors = new FieldErrors();
        if (bands is null || bands.Count == 0)
        {
            errors.Add("bands", "Thang xếp loại phải có ít nhất một mức.");
            return errors;
        }

        if (bands.Count > MaxBands)
        {
            errors.Add("bands", $"Thang xếp loại có tối đa {MaxBands} mức.");
            return errors;
        }

        var max = maxTotal.ToString(VietnameseText.Culture);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var minimums = new Dictionary<decimal, string>();
        for (var i = 0; i < bands.Count; i++)
        {
            var field = $"bands[{i}]";
            if (bands[i] is not { } b)
            {
                errors.Add(field, "Mức xếp loại bị trống.");
                continue;
            }

            if (b.Code is null || !CodePattern().IsMatch(b.Code))
            {
                errors.Add($"{field}.code", "Mã mức xếp loại gồm chữ thường không dấu, chữ số và dấu gạch dưới (ví dụ: xuat_sac).");
            }
            else if (!codes.Add(b.Code))
            {
                errors.Add($"{field}.code", $"Mã mức xếp loại \"{b.Code}\" bị trùng.");
            }

            var name = VietnameseText.TryNormalize(b.Name);
            if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength)
            {
                errors.Add($"{field}.name", $"Vui lòng nhập tên mức xếp loại (tối đa {NameMaxLength} ký tự).");
            }

            if (b.MinTotal < 0m || b.MinTotal > maxTotal)
            {
                errors.Add($"{field}.minTotal", $"Điểm bắt đầu của mức \"{name}\" phải từ 0 đến tổng điểm tối đa ({max}).");
            }
            else if (!minimums.TryAdd(b.MinTotal, name ?? b.Code ?? string.Empty))
            {
                errors.Add($"{field}.minTotal", $"Mức \"{name}\" và mức \"{minimums[b.MinTotal]}\" cùng bắt đầu từ {b.MinTotal.ToString(VietnameseText.Culture)} điểm: các mức không được chồng lên nhau.");
            }
        }

        var present = bands.Where(b => b is not null).Select(b => b!).OrderBy(b => b.MinTotal).ToList();
        if (present.Count == 0)
        {
            return errors;
        }

        if (!minimums.ContainsKey(0m))
        {
            errors.Add("bands", "Mức thấp nhất phải bắt đầu từ 0 điểm để mọi tổng điểm đều được xếp loại.");
        }

        if (present.All(b => b.IsRecognized))
        {
            errors.Add("bands", "Thang xếp loại phải có ít nhất một mức không được công nhận (ví dụ: Không đạt).");
        }

        var firstRecognized = present.FindIndex(b => b.IsRecognized);
        if (firstRecognized >= 0 && present.Skip(firstRecognized).Any(b => !b.IsRecognized))
        {
            errors.Add("bands", "Một mức được công nhận không được nằm dưới một mức không được công nhận.");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
