using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Kết quả sơ loại: what the secretary does with a case after checking it.</summary>
public enum ScreeningOutcome
{
    /// <summary>Tiếp nhận: complete, not excluded, every condition met; the case goes to scoring.</summary>
    Admit = 1,
    /// <summary>Trả hồ sơ để bổ sung: the author completes the dossier and submits it again.</summary>
    Return = 2,
    /// <summary>Loại: an exclusion applies or a condition cannot be met; recorded as not recognized, with the ground.</summary>
    Reject = 3,
}

/// <summary>
/// Phiếu sơ loại hồ sơ (seeds 003 Quảng Trị 4.2–4.3, 000 Đắk Lắk IV.4): the secretary's checklist. Three exclusions
/// (trường hợp không xét): unlawful or unethical; under intellectual-property protection (already a patent or
/// utility solution); state-funded research. Three conditions (điều kiện): identified authors; the unit has a
/// movement plan (kế hoạch hưởng ứng phong trào); a practical benefit from application.
/// </summary>
public sealed record ScreeningChecklist(
    bool Complete,
    bool Unlawful,
    bool IpProtected,
    bool StateFunded,
    bool AuthorsIdentified,
    bool MovementPlan,
    bool PracticalBenefit)
{
    /// <summary>The items that stand in the way of admission, each as a ground code with its Vietnamese wording.</summary>
    public IReadOnlyList<(string Ground, string Text)> Failures()
    {
        var failures = new List<(string, string)>();
        if (!Complete)
        {
            failures.Add(("incomplete", "hồ sơ chưa đầy đủ thành phần"));
        }

        if (Unlawful)
        {
            failures.Add((ScreeningGrounds.Unlawful, ScreeningGrounds.NameOf(ScreeningGrounds.Unlawful)));
        }

        if (IpProtected)
        {
            failures.Add((ScreeningGrounds.IpProtected, ScreeningGrounds.NameOf(ScreeningGrounds.IpProtected)));
        }

        if (StateFunded)
        {
            failures.Add((ScreeningGrounds.StateFunded, ScreeningGrounds.NameOf(ScreeningGrounds.StateFunded)));
        }

        if (!AuthorsIdentified)
        {
            failures.Add((ScreeningGrounds.AuthorsUnidentified, ScreeningGrounds.NameOf(ScreeningGrounds.AuthorsUnidentified)));
        }

        if (!MovementPlan)
        {
            failures.Add((ScreeningGrounds.NoMovementPlan, ScreeningGrounds.NameOf(ScreeningGrounds.NoMovementPlan)));
        }

        if (!PracticalBenefit)
        {
            failures.Add((ScreeningGrounds.NoPracticalBenefit, ScreeningGrounds.NameOf(ScreeningGrounds.NoPracticalBenefit)));
        }

        return failures;
    }
}

/// <summary>Căn cứ loại hồ sơ: the grounds a case can be rejected on at screening.</summary>
public static class ScreeningGrounds
{
    public const string Unlawful = "unlawful";
    public const string IpProtected = "ip_protected";
    public const string StateFunded = "state_funded";
    public const string AuthorsUnidentified = "authors_unidentified";
    public const string NoMovementPlan = "no_movement_plan";
    public const string NoPracticalBenefit = "no_practical_benefit";
    public const string Duplicate = "duplicate";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [Unlawful] = "trái pháp luật, thuần phong mỹ tục hoặc đạo đức xã hội",
        [IpProtected] = "đã được bảo hộ quyền sở hữu trí tuệ (sáng chế, giải pháp hữu ích)",
        [StateFunded] = "là kết quả nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước",
        [AuthorsUnidentified] = "chưa xác định rõ tác giả",
        [NoMovementPlan] = "đơn vị chưa có kế hoạch hưởng ứng phong trào",
        [NoPracticalBenefit] = "chưa mang lại lợi ích thiết thực khi áp dụng",
        [Duplicate] = "trùng với sáng kiến đã được xét trước đó",
    };

    public static IReadOnlyCollection<string> All => Names.Keys;

    public static bool IsKnown(string? code) => code is not null && Names.ContainsKey(code);

    public static string NameOf(string code) => Names.TryGetValue(code, out var name) ? name : code;
}

/// <summary>
/// Sơ loại hồ sơ: which outcome the checklist allows. Admission needs a clean checklist, and the movement plan must be
/// on record in registration, not only ticked; a return needs the reasons the author must act on; a rejection needs a
/// ground the checklist (or the duplicate mark) bears out, and the council's minutes number and date, since it is
/// announced as a decision not to recognize.
/// </summary>
public static class Screening
{
    public const int ReasonMaxLength = 2000;

    /// <summary>422: the checklist does not allow admission.</summary>
    public const string NotAdmissible = "screening_not_admissible";

    /// <summary>422: the ground of a rejection is not borne out by the checklist.</summary>
    public const string GroundNotShown = "screening_ground_not_shown";

    /// <summary>
    /// Checks a screening; throws the <see cref="Refusal"/> that says what to correct. <paramref name="movementPlanOnRecord"/>
    /// is what registration holds for the unit and campaign; <paramref name="markedDuplicate"/> whether the case was marked a
    /// duplicate of an earlier initiative.
    /// </summary>
    public static void Check(ScreeningOutcome outcome, ScreeningChecklist checklist, string? reason, string? ground,
        bool movementPlanOnRecord, bool markedDuplicate, string? minutesNumber, DateOnly? minutesDate, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var why = VietnameseText.TryNormalize(reason, allowNewLines: true);
        if (reason is not null && why is null)
        {
            errors.Add("reason", "Lý do chứa ký tự không hợp lệ. Vui lòng gõ lại bằng bộ gõ tiếng Việt thông thường.");
        }
        else if (why is { Length: > ReasonMaxLength })
        {
            errors.Add("reason", $"Lý do dài tối đa {ReasonMaxLength} ký tự.");
        }

        switch (outcome)
        {
            case ScreeningOutcome.Admit:
                ThrowIfAny(errors);
                var failures = checklist.Failures();
                if (failures.Count > 0)
                {
                    throw Refusal.Unprocessable(NotAdmissible,
                        $"Chưa thể tiếp nhận hồ sơ: {string.Join("; ", failures.Select(f => f.Text))}. Vui lòng trả hồ sơ để bổ sung hoặc loại hồ sơ với căn cứ tương ứng.").ToException();
                }

                if (!movementPlanOnRecord)
                {
                    throw Refusal.Unprocessable(NotAdmissible,
                        "Chưa thể tiếp nhận hồ sơ: hệ thống chưa ghi nhận kế hoạch hưởng ứng phong trào của đơn vị trong đợt thi đua này. " +
                        "Đơn vị cần cập nhật kế hoạch trước, hoặc trả hồ sơ để bổ sung.").ToException();
                }

                return;

            case ScreeningOutcome.Return:
                if (string.IsNullOrEmpty(why))
                {
                    errors.Add("reason", "Vui lòng ghi rõ nội dung tác giả cần bổ sung, hoàn thiện.");
                }

                ThrowIfAny(errors);
                return;

            case ScreeningOutcome.Reject:
                if (!ScreeningGrounds.IsKnown(ground))
                {
                    errors.Add("ground", $"Căn cứ loại hồ sơ phải là một trong: {string.Join(", ", ScreeningGrounds.All)}.");
                }

                var number = VietnameseText.TryNormalize(minutesNumber);
                if (string.IsNullOrEmpty(number) || number.Length > RecognitionDecision.NumberMaxLength)
                {
                    errors.Add("decisionNumber", "Vui lòng nhập số biên bản hoặc quyết định của hội đồng về việc loại hồ sơ.");
                }

                if (minutesDate is null)
                {
                    errors.Add("decisionDate", "Vui lòng nhập ngày của biên bản hoặc quyết định.");
                }
                else if (minutesDate.Value < InputBounds.MinDate)
                {
                    errors.Add("decisionDate", $"Ngày biên bản không được trước ngày {InputBounds.MinDate:dd/MM/yyyy}. Vui lòng kiểm tra lại năm.");
                }
                else if (minutesDate.Value > DateOnly.FromDateTime(VietnamTime.ToLocal(now).DateTime))
                {
                    errors.Add("decisionDate", $"Ngày biên bản không được sau ngày hôm nay ({VietnamTime.FormatDate(now)}).");
                }

                ThrowIfAny(errors);
                var shown = ground == ScreeningGrounds.Duplicate
                    ? markedDuplicate
                    : checklist.Failures().Any(f => f.Ground == ground) || (ground == ScreeningGrounds.NoMovementPlan && !movementPlanOnRecord);
                if (!shown)
                {
                    throw Refusal.Unprocessable(GroundNotShown, ground == ScreeningGrounds.Duplicate
                        ? "Chưa thể loại hồ sơ vì trùng lặp: vui lòng đánh dấu sáng kiến trước đó mà hồ sơ này trùng với."
                        : $"Phiếu sơ loại không ghi nhận trường hợp \"{ScreeningGrounds.NameOf(ground!)}\". Vui lòng đánh dấu đúng mục trong phiếu trước khi loại hồ sơ.").ToException();
                }

                return;

            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown screening outcome.");
        }
    }

    private static void ThrowIfAny(FieldErrors errors)
    {
        if (errors.Count > 0)
        {
            throw Refusal.Invalid(errors.ByField, "Phiếu sơ loại chưa hợp lệ. Vui lòng sửa các mục được nêu.").ToException();
        }
    }
}
