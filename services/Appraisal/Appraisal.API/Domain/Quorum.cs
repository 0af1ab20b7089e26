using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Tình trạng túc số: how many assigned, non-conflicted members have submitted, and how many more are needed.</summary>
/// <param name="Eligible">Assigned members without a conflict of interest.</param>
/// <param name="Submitted">Of them, those who submitted their sheet.</param>
/// <param name="Required">The least number of submitted sheets for a decision.</param>
/// <param name="Message">Vietnamese: "Chưa đủ túc số: ... Cần thêm 1 thành viên chấm điểm."</param>
public sealed record QuorumStatus(int Eligible, int Submitted, int Required, string Message)
{
    public bool IsMet => Eligible > 0 && Submitted >= Required;

    /// <summary>How many more members must submit; 0 once met.</summary>
    public int Missing => Math.Max(0, Required - Submitted);
}

/// <summary>
/// Túc số (quorum): a decision needs at least a fraction (default 2/3) of the assigned members who are free of
/// conflict to have submitted. The fraction is kept as numerator/denominator so 2/3 of 6 is exactly 4, not
/// 3.9999 rounded up to 4 by luck.
/// </summary>
public sealed class QuorumRule
{
    private QuorumRule(int numerator, int denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public int Numerator { get; }

    public int Denominator { get; }

    /// <summary>Hai phần ba (2/3), the default.</summary>
    public static QuorumRule TwoThirds { get; } = new(2, 3);

    /// <summary>A rule of numerator/denominator (0 &lt; fraction ≤ 1), or <c>validation_failed</c>.</summary>
    public static QuorumRule Create(int numerator, int denominator)
    {
        if (numerator < 1 || denominator < 1 || numerator > denominator || denominator > 100)
        {
            throw Refusal.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["quorum"] = ["Tỷ lệ túc số phải là một phân số lớn hơn 0 và không quá 1 (ví dụ: 2/3), mẫu số tối đa 100."],
            }, "Tỷ lệ túc số chưa hợp lệ.").ToException();
        }

        return new QuorumRule(numerator, denominator);
    }

    /// <summary>The least number of submitted sheets out of <paramref name="eligible"/>: ⌈eligible × fraction⌉.</summary>
    public int RequiredOf(int eligible) => (eligible * Numerator + Denominator - 1) / Denominator;

    /// <summary>The status for counts already filtered (assigned, non-conflicted; submitted among them).</summary>
    public QuorumStatus Evaluate(int eligible, int submitted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eligible);
        ArgumentOutOfRangeException.ThrowIfNegative(submitted);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(submitted, eligible);

        var required = RequiredOf(eligible);
        var fraction = $"{Numerator}/{Denominator}";
        if (eligible == 0)
        {
            return new QuorumStatus(0, 0, 0,
                "Chưa có thành viên nào (không có xung đột lợi ích) được phân công chấm hồ sơ này. Vui lòng phân công trước.");
        }

        if (submitted >= required)
        {
            return new QuorumStatus(eligible, submitted, required,
                $"Đã đủ túc số: {submitted}/{eligible} thành viên được phân công đã nộp phiếu chấm điểm (cần tối thiểu {required}, tức {fraction}).");
        }

        return new QuorumStatus(eligible, submitted, required,
            $"Chưa đủ túc số: {submitted}/{eligible} thành viên được phân công đã nộp phiếu chấm điểm, cần tối thiểu {required} ({fraction}). " +
            $"Cần thêm {required - submitted} thành viên chấm điểm.");
    }

    /// <summary>
    /// The status from the case's assignment, the members conflicted on it (declared after assignment, say) and its
    /// sheets: only submitted sheets of assigned, non-conflicted members count.
    /// </summary>
    public QuorumStatus Evaluate(IEnumerable<Guid> assignedMemberIds, IEnumerable<Guid> conflictedMemberIds, IEnumerable<ScoreSheet> sheets)
    {
        var eligible = assignedMemberIds.Except(conflictedMemberIds).ToHashSet();
        var submitted = sheets.Where(s => s.IsSubmitted && eligible.Contains(s.MemberId)).Select(s => s.MemberId).Distinct().Count();
        return Evaluate(eligible.Count, submitted);
    }
}
