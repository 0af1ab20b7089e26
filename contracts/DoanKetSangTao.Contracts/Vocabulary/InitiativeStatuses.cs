namespace DoanKetSangTao.Contracts.Vocabulary;

/// <summary>
/// Trạng thái của sáng kiến: where an initiative is in the yearly cycle, as registration publishes it in
/// <c>InitiativeStatusChanged</c> and every consumer matches on it. Registration owns the transitions
/// (<c>InitiativeLifecycle</c>); the others only read these values.
/// </summary>
public static class InitiativeStatuses
{
    /// <summary>Bản nháp: saved by the author, not yet registered.</summary>
    public const string Draft = "draft";

    /// <summary>Đã đăng ký (Mẫu 1 submitted), awaiting the upper-level unit.</summary>
    public const string Registered = "registered";

    /// <summary>Bị trả lại: the upper-level unit returned the registration with a reason.</summary>
    public const string Returned = "returned";

    /// <summary>Đã xác nhận (Mẫu 2): the upper-level unit confirmed it.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>Đã nộp hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4).</summary>
    public const string DossierSubmitted = "dossier_submitted";

    /// <summary>Hồ sơ bị trả lại để bổ sung: the council asked for completion.</summary>
    public const string DossierReturned = "dossier_returned";

    /// <summary>Đang thẩm định.</summary>
    public const string UnderAppraisal = "under_appraisal";

    /// <summary>Được công nhận (at a council level).</summary>
    public const string Recognized = "recognized";

    /// <summary>Không được công nhận.</summary>
    public const string NotRecognized = "not_recognized";

    /// <summary>Được đề cử lên cấp trên.</summary>
    public const string Nominated = "nominated";

    /// <summary>Đã rút: withdrawn by the author before a decision.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>Every status with its Vietnamese name, in the order of the cycle.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (Draft, "Bản nháp"),
        (Registered, "Đã đăng ký"),
        (Returned, "Bị trả lại để chỉnh sửa"),
        (Confirmed, "Đã xác nhận"),
        (DossierSubmitted, "Đã nộp hồ sơ"),
        (DossierReturned, "Hồ sơ bị trả lại để bổ sung"),
        (UnderAppraisal, "Đang thẩm định"),
        (Recognized, "Được công nhận"),
        (NotRecognized, "Không được công nhận"),
        (Nominated, "Được đề cử lên cấp trên"),
        (Withdrawn, "Đã rút"),
    ];
}
