using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Điểm một tiêu chí: a member's points on one criterion, with their comment (nhận xét, optional).</summary>
public sealed record CriterionScore(string CriterionCode, decimal Points, string? Comment = null);

/// <summary>Trạng thái phiếu chấm điểm.</summary>
public enum ScoreSheetState
{
    /// <summary>Đang chấm (nháp): the member may still change it; other members do not see it.</summary>
    Draft = 1,

    /// <summary>Đã nộp: locked; it counts in the aggregate and the quorum.</summary>
    Submitted = 2,
}

/// <summary>
/// Phiếu chấm điểm (score sheet): one member's points per criterion for one case. A draft may be saved
/// incomplete; submitting needs every criterion and locks the sheet (changes refused with <c>score_locked</c>).
/// Points go in steps of 0.25 (<see cref="PointStep"/>), the usual finest step of Vietnamese marking, which
/// also allows 0.5 and whole points.
/// </summary>
public sealed class ScoreSheet
{
    /// <summary>Bước điểm: the finest fraction of a point a member may give.</summary>
    public const decimal PointStep = 0.25m;

    public const int CommentMaxLength = 2000;

    internal const string PointStepText = "0,25";

    private ScoreSheet(Guid caseId, Guid memberId, IReadOnlyList<CriterionScore> scores, DateTimeOffset? submittedAt)
    {
        CaseId = caseId;
        MemberId = memberId;
        Scores = scores;
        SubmittedAt = submittedAt;
    }

    public Guid CaseId { get; }

    /// <summary>The member (person id) who scores.</summary>
    public Guid MemberId { get; }

    /// <summary>The points given so far, in rubric order.</summary>
    public IReadOnlyList<CriterionScore> Scores { get; }

    /// <summary>Thời điểm nộp phiếu; null for a draft.</summary>
    public DateTimeOffset? SubmittedAt { get; }

    public ScoreSheetState State => SubmittedAt is null ? ScoreSheetState.Draft : ScoreSheetState.Submitted;

    public bool IsSubmitted => SubmittedAt is not null;

    /// <summary>
    /// Opens an empty draft for a member on a case: refused if the member is not on the council at that instant
    /// (<c>member_not_current</c>), was not assigned the case (<c>member_not_assigned</c>), or has a conflict of
    /// interest with it (<c>member_conflicted</c>).
    /// </summary>
    public static ScoreSheet Open(AppraisalCase @case, CouncilMember member, IReadOnlyCollection<Guid> assignedMemberIds,
        ConflictOfInterest conflicts, DateTimeOffset at)
    {
        if (!member.IsMemberAt(at))
        {
            throw Refusal.Forbidden(AppraisalRefusals.MemberNotCurrent,
                $"{member.FullName} không phải là thành viên hội đồng vào thời điểm {VietnamTime.FormatDateTime(at)} nên không thể chấm điểm.").ToException();
        }

        if (!assignedMemberIds.Contains(member.Id))
        {
            throw Refusal.Forbidden(AppraisalRefusals.MemberNotAssigned,
                $"{member.FullName} chưa được phân công chấm hồ sơ \"{@case.Title}\". Vui lòng liên hệ Thư ký hội đồng nếu cần phân công.").ToException();
        }

        conflicts.EnsureNotConflicted(member, @case);
        return new ScoreSheet(@case.Id, member.Id, [], null);
    }

    /// <summary>Loads a stored sheet as it was (the service's persistence); rules apply to what is done next.</summary>
    public static ScoreSheet Restore(Guid caseId, Guid memberId, IReadOnlyList<CriterionScore> scores, DateTimeOffset? submittedAt) =>
        new(caseId, memberId, scores, submittedAt);

    /// <summary>
    /// Saves points on some or all criteria (a criterion given again replaces its earlier points); refused with
    /// <c>score_locked</c> once submitted, with <c>validation_failed</c> for points outside 0..max or off the step.
    /// </summary>
    public ScoreSheet Record(Rubric rubric, IReadOnlyList<CriterionScore?>? scores)
    {
        EnsureDraft();
        var errors = ValidateScores(rubric, scores, requireAll: false);
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors.ByField, "Phiếu chấm điểm chưa hợp lệ. Vui lòng sửa các tiêu chí được nêu rồi lưu lại.").ToException();
        }

        var merged = Scores.ToDictionary(s => s.CriterionCode, StringComparer.Ordinal);
        foreach (var s in scores!)
        {
            merged[s!.CriterionCode] = s with { Comment = NormalizeComment(s.Comment) };
        }

        var ordered = rubric.Criteria.Where(c => merged.ContainsKey(c.Code)).Select(c => merged[c.Code]).ToList();
        return new ScoreSheet(CaseId, MemberId, ordered, null);
    }

    /// <summary>Nộp phiếu: needs points on every criterion of the rubric; locks the sheet.</summary>
    public ScoreSheet Submit(Rubric rubric, DateTimeOffset at)
    {
        EnsureDraft();
        var errors = ValidateScores(rubric, Scores.ToList<CriterionScore?>(), requireAll: true);
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors.ByField, "Chưa thể nộp phiếu chấm điểm: vui lòng chấm đủ các tiêu chí được nêu.").ToException();
        }

        return new ScoreSheet(CaseId, MemberId, Scores, at);
    }

    /// <summary>Tổng điểm của phiếu: Σ points × weight over the criteria scored so far.</summary>
    public decimal Total(Rubric rubric) =>
        Scores.Sum(s => s.Points * (rubric.Find(s.CriterionCode)?.Weight ?? throw new InvalidOperationException(
            $"Criterion '{s.CriterionCode}' is not in the rubric the sheet is totalled with.")));

    /// <summary>The points on a criterion, or null if not scored yet.</summary>
    public decimal? PointsFor(string criterionCode) =>
        Scores.FirstOrDefault(s => string.Equals(s.CriterionCode, criterionCode, StringComparison.Ordinal))?.Points;

    /// <summary>
    /// Each score names a criterion of the rubric once, with 0 ≤ points ≤ max on the 0.25 step and a comment of
    /// bounded length; with <paramref name="requireAll"/>, every criterion must be scored.
    /// </summary>
    public static FieldErrors ValidateScores(Rubric rubric, IReadOnlyList<CriterionScore?>? scores, bool requireAll)
    {
        var errors = new FieldErrors();
        if (scores is null)
        {
            errors.Add("scores", "Vui lòng nhập điểm cho các tiêu chí.");
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i] is not { } s)
            {
                errors.Add($"scores[{i}]", "Điểm tiêu chí bị trống.");
                continue;
            }

            var criterion = s.CriterionCode is null ? null : rubric.Find(s.CriterionCode);
            if (criterion is null)
            {
                errors.Add($"scores[{i}].criterionCode", $"Tiêu chí \"{s.CriterionCode}\" không có trong bộ tiêu chí của hội đồng.");
                continue;
            }

            var field = $"scores[{criterion.Code}]";
            if (!seen.Add(criterion.Code))
            {
                errors.Add(field, $"Tiêu chí \"{criterion.Name}\" được chấm hai lần trong cùng một lần lưu.");
                continue;
            }

            if (s.Points < 0m || s.Points > criterion.MaxPoints)
            {
                errors.Add($"{field}.points",
                    $"Điểm tiêu chí \"{criterion.Name}\" phải từ 0 đến {criterion.MaxPoints.ToString(VietnameseText.Culture)}.");
            }
            else if (!IsOnStep(s.Points))
            {
                errors.Add($"{field}.points",
                    $"Điểm tiêu chí \"{criterion.Name}\" chấm lẻ đến {PointStepText} điểm (ví dụ: 7; 7,25; 7,5; 7,75).");
            }

            if (s.Comment is not null)
            {
                var comment = VietnameseText.TryNormalize(s.Comment, allowNewLines: true);
                if (comment is null)
                {
                    errors.Add($"{field}.comment", "Nhận xét chứa ký tự không hợp lệ. Vui lòng gõ lại bằng bộ gõ tiếng Việt thông thường.");
                }
                else if (comment.Length > CommentMaxLength)
                {
                    errors.Add($"{field}.comment", $"Nhận xét dài tối đa {CommentMaxLength} ký tự.");
                }
            }
        }

        if (requireAll)
        {
            foreach (var c in rubric.Criteria.Where(c => !seen.Contains(c.Code)))
            {
                errors.Add($"scores[{c.Code}]", $"Chưa chấm tiêu chí \"{c.Name}\".");
            }
        }

        return errors;
    }

    internal static bool IsOnStep(decimal value) => value % PointStep == 0m;

    private static string? NormalizeComment(string? comment)
    {
        if (comment is null)
        {
            return null;
        }

        var normalized = VietnameseText.TryNormalize(comment, allowNewLines: true);
        return normalized is { Length: 0 } ? null : normalized;
    }

    private void EnsureDraft()
    {
        if (SubmittedAt is { } submitted)
        {
            throw Refusal.Conflict(AppraisalRefusals.ScoreLocked,
                $"Phiếu chấm điểm đã nộp lúc {VietnamTime.FormatDateTime(submitted)} và đã khóa: không thể sửa hay nộp lại. " +
                "Nếu phát hiện sai sót, vui lòng báo Thư ký hội đồng để ghi vào biên bản.").ToException();
        }
    }
}
