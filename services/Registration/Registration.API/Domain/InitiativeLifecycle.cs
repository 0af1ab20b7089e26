using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>
/// Trạng thái của sáng kiến: the contract's statuses (<see cref="InitiativeStatuses"/>, which every consumer matches on),
/// named here so that the lifecycle reads in registration's words, with the catalog the forms and messages use.
/// </summary>
public static class InitiativeStatus
{
    public const string Draft = InitiativeStatuses.Draft;
    public const string Registered = InitiativeStatuses.Registered;
    public const string Returned = InitiativeStatuses.Returned;
    public const string Confirmed = InitiativeStatuses.Confirmed;
    public const string DossierSubmitted = InitiativeStatuses.DossierSubmitted;
    public const string DossierReturned = InitiativeStatuses.DossierReturned;
    public const string UnderAppraisal = InitiativeStatuses.UnderAppraisal;
    public const string Recognized = InitiativeStatuses.Recognized;
    public const string NotRecognized = InitiativeStatuses.NotRecognized;
    public const string Nominated = InitiativeStatuses.Nominated;
    public const string Withdrawn = InitiativeStatuses.Withdrawn;

    /// <summary>The statuses with their Vietnamese names ("Đã đăng ký"), as the contract lists them.</summary>
    public static readonly Catalog All = new("Trạng thái", InitiativeStatuses.All);
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

    /// <summary>Null when <paramref name="step"/> may follow <paramref name="from"/>; otherwise 409 <c>invalid_transition</c>.</summary>
    public static Refusal? Check(string from, LifecycleStep step) => Next(from, step) is null ? InvalidTransition(from, step) : null;

    /// <summary>409 <c>invalid_transition</c>: <paramref name="step"/> does not follow <paramref name="from"/>.</summary>
    public static Refusal InvalidTransition(string from, LifecycleStep step) => Refusal.Conflict("invalid_transition", RefusalMessage(from, step));

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
