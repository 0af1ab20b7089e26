using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Đề xuất của kết quả chấm: what the scores recommend to the council.</summary>
public enum Recommendation
{
    /// <summary>Chưa đủ túc số: no recommendation yet.</summary>
    AwaitQuorum = 0,

    /// <summary>Đề nghị công nhận: the grade is a recognized band.</summary>
    Recognize = 1,

    /// <summary>Đề nghị không công nhận.</summary>
    DoNotRecognize = 2,
}

/// <summary>
/// Quyết định công nhận: the council's decision on a case at its level, with the decision's number and date.
/// The scores give a recommendation (<see cref="Recommend"/>); the council still decides, but a decision against
/// the recommendation must say why (lý do), so the record explains itself. No decision without quorum.
/// </summary>
public sealed class RecognitionDecision
{
    public const int NumberMaxLength = 50;
    public const int ReasonMaxLength = 2000;

    private RecognitionDecision(Guid caseId, Guid councilId, CouncilLevel level, bool recognized, string decisionNumber,
        DateOnly decisionDate, Recommendation recommendation, GradeBand? band, decimal? aggregateTotal, string? reason)
    {
        CaseId = caseId;
        CouncilId = councilId;
        Level = level;
        Recognized = recognized;
        DecisionNumber = decisionNumber;
        DecisionDate = decisionDate;
        Recommendation = recommendation;
        Band = band;
        AggregateTotal = aggregateTotal;
        Reason = reason;
    }

    public Guid CaseId { get; }

    public Guid CouncilId { get; }

    public CouncilLevel Level { get; }

    /// <summary>Công nhận at this level, or not.</summary>
    public bool Recognized { get; }

    /// <summary>Số quyết định, e.g. "125/QĐ-MTTQ-BTT".</summary>
    public string DecisionNumber { get; }

    /// <summary>Ngày quyết định (Vietnamese calendar date).</summary>
    public DateOnly DecisionDate { get; }

    public Recommendation Recommendation { get; }

    /// <summary>Xếp loại at the time of the decision.</summary>
    public GradeBand? Band { get; }

    /// <summary>Điểm trung bình (rounded mean) at the time of the decision.</summary>
    public decimal? AggregateTotal { get; }

    /// <summary>Lý do, required when the decision departs from the recommendation.</summary>
    public string? Reason { get; }

    public bool FollowsRecommendation => Recognized == (Recommendation == Recommendation.Recognize);

    /// <summary>A recognition by the central council: national ("Người Việt đoàn kết sáng tạo", Sách vàng Sáng tạo Việt Nam).</summary>
    public bool IsNational => Recognized && Level.IsNational();

    /// <summary>Recognize if quorum is met and the grade (criterion minimums applied) is a recognized band.</summary>
    public static Recommendation Recommend(CaseAggregate aggregate, QuorumStatus quorum) =>
        !quorum.IsMet || aggregate.Band is null ? Recommendation.AwaitQuorum
        : aggregate.IsRecognizedGrade ? Recommendation.Recognize
        : Recommendation.DoNotRecognize;

    /// <summary>
    /// Records the council's decision: refused with <c>quorum_not_met</c> (saying how many more members must score)
    /// before quorum; <c>validation_failed</c> for an empty number, a date after today in Vietnam (per
    /// <paramref name="now"/>), or a missing reason when departing from the recommendation.
    /// </summary>
    public static RecognitionDecision Make(AppraisalCouncil council, CaseAggregate aggregate, QuorumStatus quorum, bool recognized,
        string? decisionNumber, DateOnly? decisionDate, string? reason, DateTimeOffset now)
    {
        if (!quorum.IsMet)
        {
            throw Refusal.Unprocessable(AppraisalRefusals.QuorumNotMet, $"Chưa thể ra quyết định công nhận. {quorum.Message}").ToException();
        }

        var recommendation = Recommend(aggregate, quorum);
        var errors = new FieldErrors();

        var number = VietnameseText.TryNormalize(decisionNumber);
        if (string.IsNullOrEmpty(number) || number.Length > NumberMaxLength)
        {
            errors.Add("decisionNumber", $"Vui lòng nhập số quyết định (ví dụ: 125/QĐ-MTTQ-BTT, tối đa {NumberMaxLength} ký tự).");
        }

        var today = DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime);
        if (decisionDate is null)
        {
            errors.Add("decisionDate", "Vui lòng nhập ngày quyết định.");
        }
        else if (decisionDate.Value < InputBounds.MinDate)
        {
            errors.Add("decisionDate", $"Ngày quyết định không được trước ngày {InputBounds.MinDate:dd/MM/yyyy}. Vui lòng kiểm tra lại năm.");
        }
        else if (decisionDate.Value > today)
        {
            errors.Add("decisionDate",
                $"Ngày quyết định {decisionDate.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} " +
                $"không được sau ngày hôm nay ({VietnamTime.FormatDate(now)}).");
        }

        var why = VietnameseText.TryNormalize(reason, allowNewLines: true);
        if (reason is not null && why is null)
        {
            errors.Add("reason", "Lý do chứa ký tự không hợp lệ. Vui lòng gõ lại bằng bộ gõ tiếng Việt thông thường.");
        }
        else if (why is { Length: > ReasonMaxLength })
        {
            errors.Add("reason", $"Lý do dài tối đa {ReasonMaxLength} ký tự.");
        }
        else if (recognized != (recommendation == Recommendation.Recognize) && string.IsNullOrEmpty(why))
        {
            var scored = recommendation == Recommendation.Recognize ? "đề nghị công nhận" : "không đề nghị công nhận";
            errors.Add("reason", $"Kết quả chấm điểm {scored} ({aggregate.Band?.Name}); quyết định khác kết quả này cần ghi rõ lý do.");
        }

        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors.ByField, "Quyết định công nhận chưa hợp lệ. Vui lòng sửa các mục được nêu.").ToException();
        }

        return new RecognitionDecision(aggregate.CaseId, council.Id, council.Level, recognized, number!, decisionDate!.Value,
            recommendation, aggregate.Band, aggregate.Mean, string.IsNullOrEmpty(why) ? null : why);
    }

    /// <summary>Loads a stored decision as it was (the service's persistence).</summary>
    public static RecognitionDecision Restore(Guid caseId, Guid councilId, CouncilLevel level, bool recognized, string decisionNumber,
        DateOnly decisionDate, Recommendation recommendation, GradeBand? band, decimal? aggregateTotal, string? reason) =>
        new(caseId, councilId, level, recognized, decisionNumber, decisionDate, recommendation, band, aggregateTotal, reason);
}
