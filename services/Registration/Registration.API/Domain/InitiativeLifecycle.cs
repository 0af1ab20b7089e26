namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>Trạng thái của sáng kiến: where an initiative is in the yearly cycle.</summary>
public static class InitiativeStatus
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

    /// <summary>Được công nhận (at the level in <c>recognized_level</c>).</summary>
    public const string Recognized = "recognized";

    /// <summary>Không được công nhận.</summary>
    public const string NotRecognized = "not_recognized";

    /// <summary>Được đề cử lên cấp trên.</summary>
    public const string Nominated = "nominated";

    /// <summary>Đã rút: withdrawn by the author before a decision.</summary>
    public const string Withdrawn = "withdrawn";

    public static readonly Catalog All = new("Trạng thái",
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
    ]);
}

/// <summary>The steps that move an initiative, by whom they are taken.</summary>
public enum LifecycleStep
{
    /// <summary>Nộp phiếu đăng ký (author).</summary>
    Submit,

    /// <summary>Xác nhận (upper-level unit).</summary>
    Confirm,

    /// <summary>Trả lại phiếu đăng ký (upper-level unit).</summary>
    Return,

    /// <summary>Nộp hồ sơ (author).</summary>
    SubmitDossier,

    /// <summary>Hội đồng mở hồ sơ thẩm định (appraisal event).</summary>
    OpenAppraisal,

    /// <summary>Hội đồng trả hồ sơ để bổ sung (appraisal event).</summary>
    ReturnDossier,

    /// <summary>Hội đồng quyết định công nhận (appraisal event).</summary>
    Recognize,

    /// <summary>Hội đồng quyết định không công nhận (appraisal event).</summary>
    Reject,

    /// <summary>Đề cử lên cấp trên (appraisal event).</summary>
    Nominate,

    /// <summary>Rút sáng kiến (author).</summary>
    Withdraw,
}

/// <summary>
/// Vòng đời sáng kiến: draft → registered → confirmed → dossier submitted → (returned → resubmitted) →
/// under appraisal → recognized / not recognized → nominated → (appraised again above) …; withdrawn at any
/// point before a decision. The one table of what may follow what.
/// </summary>
public static class InitiativeLifecycle
{
    private static readonly Dictionary<(string From, LifecycleStep Step), string> Transitions = new()
    {
        [(InitiativeStatus.Draft, LifecycleStep.Submit)] = InitiativeStatus.Registered,
        [(InitiativeStatus.Returned, LifecycleStep.Submit)] = InitiativeStatus.Registered,
        [(InitiativeStatus.Registered, LifecycleStep.Confirm)] = InitiativeStatus.Confirmed,
        [(InitiativeStatus.Registered, LifecycleStep.Return)] = InitiativeStatus.Returned,
        [(InitiativeStatus.Confirmed, LifecycleStep.SubmitDossier)] = InitiativeStatus.DossierSubmitted,
        [(InitiativeStatus.DossierReturned, LifecycleStep.SubmitDossier)] = InitiativeStatus.DossierSubmitted,
        [(InitiativeStatus.DossierSubmitted, LifecycleStep.OpenAppraisal)] = InitiativeStatus.UnderAppraisal,
        // A nominated initiative becomes a new case of the council above.
        [(InitiativeStatus.Nominated, LifecycleStep.OpenAppraisal)] = InitiativeStatus.UnderAppraisal,
        [(InitiativeStatus.DossierSubmitted, LifecycleStep.ReturnDossier)] = InitiativeStatus.DossierReturned,
        [(InitiativeStatus.UnderAppraisal, LifecycleStep.ReturnDossier)] = InitiativeStatus.DossierReturned,
        // Events carry no order guarantee: a decision may arrive before the case-opened event.
        [(InitiativeStatus.DossierSubmitted, LifecycleStep.Recognize)] = InitiativeStatus.Recognized,
        [(InitiativeStatus.UnderAppraisal, LifecycleStep.Recognize)] = InitiativeStatus.Recognized,
        [(InitiativeStatus.Nominated, LifecycleStep.Recognize)] = InitiativeStatus.Recognized,
        [(InitiativeStatus.DossierSubmitted, LifecycleStep.Reject)] = InitiativeStatus.NotRecognized,
        [(InitiativeStatus.UnderAppraisal, LifecycleStep.Reject)] = InitiativeStatus.NotRecognized,
        [(InitiativeStatus.Recognized, LifecycleStep.Nominate)] = InitiativeStatus.Nominated,
    };

    /// <summary>Statuses from which the author may still withdraw: everything before a decision.</summary>
    public static readonly IReadOnlySet<string> Withdrawable = new HashSet<string>(StringComparer.Ordinal)
    {
        InitiativeStatus.Draft, InitiativeStatus.Registered, InitiativeStatus.Returned, InitiativeStatus.Confirmed,
        InitiativeStatus.DossierSubmitted, InitiativeStatus.DossierReturned, InitiativeStatus.UnderAppraisal,
    };

    /// <summary>Statuses in which the author may edit the registration (Mẫu 1).</summary>
    public static readonly IReadOnlySet<string> RegistrationEditable = new HashSet<string>(StringComparer.Ordinal)
    {
        InitiativeStatus.Draft, InitiativeStatus.Returned,
    };

    /// <summary>Statuses in which the author may prepare the dossier (Mẫu 3, Mẫu 4, attachments).</summary>
    public static readonly IReadOnlySet<string> DossierEditable = new HashSet<string>(StringComparer.Ordinal)
    {
        InitiativeStatus.Confirmed, InitiativeStatus.DossierReturned,
    };

    /// <summary>The status after <paramref name="step"/>, or null when the step is not allowed from <paramref name="from"/>.</summary>
    public static string? Next(string from, LifecycleStep step) =>
        step == LifecycleStep.Withdraw
            ? (Withdrawable.Contains(from) ? InitiativeStatus.Withdrawn : null)
            : Transitions.GetValueOrDefault((from, step));

    /// <summary>Why a step is refused, in words an author or officer can act on.</summary>
    public static string RefusalMessage(string from, LifecycleStep step)
    {
        var now = InitiativeStatus.All.NameOf(from);
        return step switch
        {
            LifecycleStep.Submit => $"Chỉ nộp được phiếu đăng ký đang là bản nháp hoặc bị trả lại; sáng kiến hiện ở trạng thái \"{now}\".",
            LifecycleStep.Confirm or LifecycleStep.Return =>
                $"Chỉ xác nhận hoặc trả lại được sáng kiến vừa đăng ký; sáng kiến hiện ở trạng thái \"{now}\".",
            LifecycleStep.SubmitDossier =>
                $"Chỉ nộp được hồ sơ của sáng kiến đã được đơn vị cấp trên xác nhận hoặc hồ sơ bị trả lại để bổ sung; sáng kiến hiện ở trạng thái \"{now}\".",
            LifecycleStep.Withdraw => $"Không thể rút sáng kiến đã có quyết định của hội đồng (trạng thái hiện tại: \"{now}\").",
            _ => $"Không thể chuyển sáng kiến từ trạng thái \"{now}\" theo thao tác này.",
        };
    }
}
