using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>
/// Bộ tiêu chí và thang xếp loại của hội đồng (scoring scheme): a council's rubric and grade bands for a campaign,
/// frozen once the first score is given (domain.md: "configured per council and campaign, and frozen once scoring
/// starts"), so that every member's sheet is scored and graded on the same scale.
/// </summary>
public sealed class ScoringScheme
{
    private ScoringScheme(Rubric rubric, GradeBands bands, DateTimeOffset? scoringStartedAt)
    {
        Rubric = rubric;
        Bands = bands;
        ScoringStartedAt = scoringStartedAt;
    }

    public Rubric Rubric { get; }

    public GradeBands Bands { get; }

    /// <summary>When the first score was given; null while the scheme can still change.</summary>
    public DateTimeOffset? ScoringStartedAt { get; }

    /// <summary>Đã khóa: scoring has started.</summary>
    public bool IsFrozen => ScoringStartedAt is not null;

    /// <summary>The defaults: <see cref="Rubric.Default"/> and <see cref="GradeBands.Default"/>.</summary>
    public static ScoringScheme Default { get; } = new(Rubric.Default, GradeBands.Default, null);

    /// <summary>A scheme whose bands fit the rubric's maximum, or <c>validation_failed</c>.</summary>
    public static ScoringScheme Create(Rubric rubric, GradeBands bands)
    {
        EnsureBandsFit(bands, rubric);
        return new ScoringScheme(rubric, bands, null);
    }

    /// <summary>Loads a stored scheme as it was (the service's persistence), bands checked against the rubric.</summary>
    public static ScoringScheme Restore(Rubric rubric, GradeBands bands, DateTimeOffset? scoringStartedAt)
    {
        EnsureBandsFit(bands, rubric);
        return new ScoringScheme(rubric, bands, scoringStartedAt);
    }

    /// <summary>Replaces the rubric; refused with <c>rubric_frozen</c> once scoring started.</summary>
    public ScoringScheme WithRubric(Rubric rubric)
    {
        EnsureNotFrozen();
        EnsureBandsFit(Bands, rubric);
        return new ScoringScheme(rubric, Bands, null);
    }

    /// <summary>Replaces the grade bands; refused with <c>rubric_frozen</c> once scoring started.</summary>
    public ScoringScheme WithBands(GradeBands bands)
    {
        EnsureNotFrozen();
        EnsureBandsFit(bands, Rubric);
        return new ScoringScheme(Rubric, bands, null);
    }

    /// <summary>Records the first score (a sheet saved, even as a draft); later calls keep the first instant.</summary>
    public ScoringScheme StartScoring(DateTimeOffset at) => IsFrozen ? this : new ScoringScheme(Rubric, Bands, at);

    private void EnsureNotFrozen()
    {
        if (ScoringStartedAt is { } started)
        {
            throw Refusal.Conflict(AppraisalRefusals.RubricFrozen,
                $"Không thể sửa bộ tiêu chí hoặc thang xếp loại: hội đồng đã bắt đầu chấm điểm từ {VietnamTime.FormatDateTime(started)}. " +
                "Mọi phiếu chấm phải dùng cùng một thang điểm, nên bộ tiêu chí được giữ nguyên đến hết đợt thẩm định.").ToException();
        }
    }

    private static void EnsureBandsFit(GradeBands bands, Rubric rubric)
    {
        var errors = GradeBands.Validate(bands.Bands.ToList<GradeBand?>(), rubric.MaxTotal);
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors.ByField, "Thang xếp loại không khớp với tổng điểm tối đa của bộ tiêu chí. Vui lòng sửa thang xếp loại.").ToException();
        }
    }
}
