using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Trạng thái hồ sơ thẩm định, and the one rule every act on a case checks first: is the case in a state that allows it?</summary>
public static class CaseState
{
    /// <summary>Chờ sơ loại: received, the secretary has not screened it yet.</summary>
    public const string Screening = "screening";

    /// <summary>Đã tiếp nhận: admitted, being assigned and scored.</summary>
    public const string Admitted = "admitted";

    /// <summary>Trả để bổ sung: waiting for the author's next version.</summary>
    public const string Returned = "returned";

    /// <summary>Bị loại: rejected at screening, with the ground.</summary>
    public const string Rejected = "rejected";

    /// <summary>Đã có quyết định: recognized or not.</summary>
    public const string Decided = "decided";

    /// <summary>Đã đóng do tác giả rút sáng kiến: closed, nothing more is done on it.</summary>
    public const string Withdrawn = "withdrawn";

    public static string NameOf(string state) => state switch
    {
        Screening => "chờ sơ loại",
        Admitted => "đang thẩm định",
        Returned => "đã trả để bổ sung",
        Rejected => "bị loại",
        Decided => "đã có quyết định",
        Withdrawn => "đã đóng do tác giả rút sáng kiến",
        _ => state,
    };

    /// <summary>
    /// Null when a case in <paramref name="state"/> allows <paramref name="action"/> (one of <paramref name="allowed"/>);
    /// otherwise a conflict: <c>case_withdrawn</c>, saying when and why, for every act on a case the author withdrew, and
    /// <c>case_state_invalid</c>, naming the state, for the rest.
    /// </summary>
    public static Refusal? Refuse(string state, string title, DateTimeOffset? withdrawnAt, string? withdrawalReason, string action,
        params string[] allowed)
    {
        if (state == Withdrawn)
        {
            var when = withdrawnAt is { } at ? $" ngày {VietnamTime.ToLocal(at):dd/MM/yyyy}" : string.Empty;
            return Refusal.Conflict(AppraisalRefusals.CaseWithdrawn,
                $"Không thể {action}: tác giả đã rút sáng kiến \"{title}\"{when}"
                + (string.IsNullOrEmpty(withdrawalReason) ? string.Empty : $" (lý do: {withdrawalReason})")
                + ". Hồ sơ thẩm định đã đóng; hội đồng không thực hiện thêm thao tác nào trên hồ sơ này.");
        }

        return allowed.Contains(state)
            ? null
            : Refusal.Conflict(AppraisalRefusals.CaseStateInvalid, $"Không thể {action}: hồ sơ \"{title}\" đang ở trạng thái \"{NameOf(state)}\".");
    }
}
