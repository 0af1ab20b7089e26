using DoanKetSangTao.Domain;
using Vocabulary = DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>A case a council could nominate: its decision's outcome, rounded mean and dossier submission time.</summary>
public sealed record NominationCandidate(Guid CaseId, bool Recognized, decimal AggregateTotal, DateTimeOffset SubmittedAt)
{
    public static NominationCandidate From(RecognitionDecision decision, AppraisalCase @case) =>
        new(decision.CaseId, decision.Recognized, decision.AggregateTotal ?? 0m, @case.SubmittedAt);
}

/// <summary>
/// Đề cử lên cấp trên (nomination upward): a council sends its best recognized cases to the council of the
/// next level only (commune → province → central; Sóc Trăng III.3.4: "giới thiệu Hội đồng tuyển chọn của Ủy ban
/// Trung ương"), within its quota (chỉ tiêu) if it has one. The central council nominates nowhere: its recognition
/// is the national one.
/// </summary>
public sealed class Nomination
{
    private Nomination(Guid caseId, Guid fromCouncilId, CouncilLevel fromLevel, CouncilLevel toLevel, decimal? aggregateTotal)
    {
        CaseId = caseId;
        FromCouncilId = fromCouncilId;
        FromLevel = fromLevel;
        ToLevel = toLevel;
        AggregateTotal = aggregateTotal;
    }

    public Guid CaseId { get; }

    public Guid FromCouncilId { get; }

    public CouncilLevel FromLevel { get; }

    public CouncilLevel ToLevel { get; }

    public decimal? AggregateTotal { get; }

    /// <summary>Sent to the central council, which recognizes nationally.</summary>
    public bool IsToNationalCouncil => ToLevel.IsNational();

    /// <summary>
    /// Nominates a case the council decided on: refused with <c>nomination_no_higher_level</c> from the central council,
    /// <c>nomination_wrong_level</c> to any level but the next, <c>nomination_not_recognized</c> for a case not recognized,
    /// <c>nomination_quota_exceeded</c> when <paramref name="alreadyNominated"/> has reached the quota.
    /// </summary>
    public static Nomination Create(AppraisalCouncil council, RecognitionDecision decision, CouncilLevel toLevel, int alreadyNominated)
    {
        if (decision.CouncilId != council.Id)
        {
            throw new ArgumentException("The decision was taken by another council.", nameof(decision));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(alreadyNominated);

        if (council.LevelAbove is not { } above)
        {
            throw Refusal.Unprocessable(AppraisalRefusals.NominationNoHigherLevel,
                $"Hội đồng Trung ương là cấp cao nhất: sáng kiến được công nhận ở đây là công nhận toàn quốc " +
                $"(\"{Vocabulary.CouncilLevels.NationalTitle}\", {Vocabulary.CouncilLevels.GoldenBook}), không đề cử lên cấp nào nữa.").ToException();
        }

        if (toLevel != above)
        {
            throw Refusal.Unprocessable(AppraisalRefusals.NominationWrongLevel,
                $"Hội đồng {council.Level.VietnameseName()} chỉ được đề cử lên Hội đồng {above.VietnameseName()} (cấp trên liền kề), " +
                $"không đề cử lên {toLevel.VietnameseName()}.").ToException();
        }

        if (!decision.Recognized)
        {
            throw Refusal.Unprocessable(AppraisalRefusals.NominationNotRecognized,
                $"Chỉ sáng kiến đã được Hội đồng {council.Level.VietnameseName()} công nhận mới được đề cử lên cấp trên; " +
                $"hồ sơ này không được công nhận theo quyết định số {decision.DecisionNumber}.").ToException();
        }

        if (council.NominationQuota is { } quota && alreadyNominated >= quota)
        {
            throw Refusal.Unprocessable(AppraisalRefusals.NominationQuotaExceeded,
                $"Hội đồng đã đề cử {alreadyNominated} sáng kiến, đạt chỉ tiêu tối đa {quota} sáng kiến. " +
                "Muốn đề cử sáng kiến này, vui lòng rút bớt một đề cử trước.").ToException();
        }

        return new Nomination(decision.CaseId, council.Id, council.Level, above, decision.AggregateTotal);
    }

    /// <summary>How many more the council may nominate; null when it has no quota.</summary>
    public static int? RemainingQuota(AppraisalCouncil council, int alreadyNominated) =>
        council.NominationQuota is { } quota ? Math.Max(0, quota - alreadyNominated) : null;

    /// <summary>
    /// Xếp hạng: the best <paramref name="count"/> recognized candidates by aggregate total, ties to the earlier
    /// submitted dossier (then the case id, so the ranking never depends on input order).
    /// </summary>
    public static IReadOnlyList<NominationCandidate> RankBest(IEnumerable<NominationCandidate> candidates, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return candidates
            .Where(c => c.Recognized)
            .OrderByDescending(c => c.AggregateTotal)
            .ThenBy(c => c.SubmittedAt)
            .ThenBy(c => c.CaseId)
            .Take(count)
            .ToList();
    }
}
