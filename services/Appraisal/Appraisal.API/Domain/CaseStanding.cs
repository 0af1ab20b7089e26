using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Appraisal.API.Domain;

/// <summary>Where a case stands, as the state rule reads it: its state, title, and when and why its author withdrew.</summary>
public sealed record CaseStanding(string State, string Title, DateTimeOffset? WithdrawnAt, string? WithdrawalReason)
{
    /// <summary>404 <c>case_not_found</c>.</summary>
    public static Refusal NotFound { get; } = Refusal.NotFound("case_not_found", "Không tìm thấy hồ sơ thẩm định.");

    /// <summary>403 <c>case_not_assigned</c>: the caller neither runs nor oversees the case's council, nor is assigned the case.</summary>
    public static Refusal NotAssigned { get; } =
        Refusal.Forbidden("case_not_assigned", "Bạn chỉ xem được hồ sơ được phân công cho mình (hoặc của hội đồng, địa bàn mình phụ trách).");

    /// <summary>Null when the case's state allows <paramref name="action"/> (one of <paramref name="allowed"/>), else the refusal of <see cref="CaseState.Refuse"/>.</summary>
    public Refusal? Refuse(string action, params string[] allowed) => CaseState.Refuse(State, Title, WithdrawnAt, WithdrawalReason, action, allowed);
}
