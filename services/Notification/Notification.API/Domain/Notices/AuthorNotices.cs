using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Contracts.Vocabulary;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Registration's steps, told to every author and co-author (Mẫu 1 names them) and to the unit that confirms a registration:
/// registered, awaiting confirmation, confirmed or returned, the dossier received, and any other change of status.
/// </summary>
public static partial class Notices
{
    /// <summary>Xác nhận đăng ký: the registration was recorded (to every author).</summary>
    public const string InitiativeRegisteredKind = "initiative_registered";

    /// <summary>Phiếu đăng ký chờ xác nhận: to the confirming unit's inbox, one per registration, gathered in its digest.</summary>
    public const string RegistrationAwaitingConfirmationKind = "registration_awaiting_confirmation";

    /// <summary>Đã xác nhận đăng ký (Mẫu 2), to every author.</summary>
    public const string RegistrationConfirmedKind = "registration_confirmed";

    /// <summary>Phiếu đăng ký bị trả lại, with the reason, to every author.</summary>
    public const string RegistrationReturnedKind = "registration_returned";

    /// <summary>Any other change of status that concerns the authors (a co-author learns the lead withdrew it).</summary>
    public const string InitiativeStatusChangedKind = "initiative_status_changed";

    /// <summary>Giấy biên nhận hồ sơ: the recognition dossier was received (first submission or resubmission).</summary>
    public const string DossierReceivedKind = "dossier_received";

    private static IReadOnlyList<NotificationKind> RegistrationKinds =>
    [
        Kind(InitiativeRegisteredKind, NotificationCategories.Registration, "Xác nhận đăng ký sáng kiến",
            [
                InitiativeTitle,
                new("registered_at", "09:30 20/11/2026", "Thời điểm đăng ký (giờ Việt Nam)"),
                new("author_role", "đồng tác giả", "Vai trò của người nhận: tác giả chính hoặc đồng tác giả"),
                new("lead_author", "Trần Thị Bình", "Tác giả chính (người đăng ký)"),
                new("organization_name", "Công đoàn cơ sở Trường THCS Ba Đình", "Cơ quan, đơn vị nơi đăng ký (có thể trống)"),
                NextStep,
            ],
            "Đã đăng ký sáng kiến “{{ initiative_title }}”",
            "Phiếu đăng ký sáng kiến “{{ initiative_title }}” (Mẫu 1) do {{ lead_author }} nộp{% if organization_name %} tại {{ organization_name }}{% endif %} "
            + "đã được ghi nhận lúc {{ registered_at }}. Bạn có tên trong phiếu với vai trò {{ author_role }}.\nBước tiếp theo: {{ next_step }}",
            "Da ghi nhan dang ky sang kien \"{{ initiative_title }}\" luc {{ registered_at }}. Don vi cap tren se xac nhan."),
        Kind(RegistrationAwaitingConfirmationKind, NotificationCategories.Registration, "Phiếu đăng ký chờ xác nhận",
            [
                InitiativeTitle,
                new("author_names", "Trần Thị Bình, Lê Văn Cường", "Các tác giả"),
                new("organization_name", "Công đoàn cơ sở Trường THCS Ba Đình", "Cơ quan, đơn vị nơi đăng ký"),
                new("registered_at", "09:30 20/11/2026", "Thời điểm đăng ký (giờ Việt Nam)"),
                NextStep,
            ],
            "Phiếu đăng ký chờ xác nhận: “{{ initiative_title }}”",
            "Sáng kiến “{{ initiative_title }}” của {{ author_names }}{% if organization_name %} ({{ organization_name }}){% endif %} "
            + "đăng ký lúc {{ registered_at }} đang chờ đơn vị xác nhận.\nBước tiếp theo: {{ next_step }}",
            "Co phieu dang ky sang kien \"{{ initiative_title }}\" cho don vi xac nhan.",
            digestible: true),
        Kind(RegistrationConfirmedKind, NotificationCategories.Registration, "Đăng ký sáng kiến được xác nhận",
            [InitiativeTitle, new("confirmed_on", "25/11/2026", "Ngày xác nhận"), NextStep],
            "Sáng kiến “{{ initiative_title }}” đã được xác nhận đăng ký",
            "Ngày {{ confirmed_on }}, đơn vị cấp trên đã xác nhận đăng ký sáng kiến “{{ initiative_title }}” (Mẫu 2).\nBước tiếp theo: {{ next_step }}",
            "Sang kien \"{{ initiative_title }}\" da duoc xac nhan dang ky ngay {{ confirmed_on }}. Hay nop ho so de nghi cong nhan."),
        Kind(RegistrationReturnedKind, NotificationCategories.Registration, "Phiếu đăng ký bị trả lại",
            [InitiativeTitle, new("reason", "Chưa ghi rõ phạm vi áp dụng", "Lý do trả lại"), new("returned_on", "25/11/2026", "Ngày trả lại"), NextStep],
            "Phiếu đăng ký “{{ initiative_title }}” bị trả lại",
            "Ngày {{ returned_on }}, đơn vị cấp trên đã trả lại phiếu đăng ký sáng kiến “{{ initiative_title }}” với lý do: {{ reason }}.\nBước tiếp theo: {{ next_step }}",
            "Phieu dang ky \"{{ initiative_title }}\" bi tra lai: {{ reason }}. Vui long chinh sua va nop lai."),
        Kind(InitiativeStatusChangedKind, NotificationCategories.Registration, "Thay đổi trạng thái sáng kiến",
            [
                InitiativeTitle,
                new("status_name", "Đã rút", "Trạng thái mới"),
                new("changed_at", "10:15 01/12/2026", "Thời điểm thay đổi (giờ Việt Nam)"),
                new("reason", "Tác giả chuyển công tác", "Lý do (có thể trống)"),
                NextStep,
            ],
            "Sáng kiến “{{ initiative_title }}”: {{ status_name }}",
            "Sáng kiến “{{ initiative_title }}” chuyển sang trạng thái “{{ status_name }}” lúc {{ changed_at }}.{% if reason %} Lý do: {{ reason }}.{% endif %}"
            + "{% if next_step %}\nBước tiếp theo: {{ next_step }}{% endif %}",
            "Sang kien \"{{ initiative_title }}\": {{ status_name }}."),
        Kind(DossierReceivedKind, NotificationCategories.Registration, "Biên nhận hồ sơ đề nghị công nhận",
            [
                InitiativeTitle,
                new("submitted_at", "16:00 05/12/2026", "Thời điểm nộp (giờ Việt Nam)"),
                new("dossier_version", "2", "Lần nộp"),
                new("submission", "nộp lại lần 2, sau khi bổ sung", "Lần đầu hay nộp lại"),
                NextStep,
            ],
            "Đã nhận hồ sơ đề nghị công nhận “{{ initiative_title }}”",
            "Hồ sơ đề nghị công nhận sáng kiến “{{ initiative_title }}” (Mẫu 3, Mẫu 4) đã được nhận lúc {{ submitted_at }} ({{ submission }}).\n"
            + "Bước tiếp theo: {{ next_step }}",
            "Da nhan ho so de nghi cong nhan sang kien \"{{ initiative_title }}\" luc {{ submitted_at }}."),
    ];

    /// <summary>
    /// Everyone Mẫu 1 names who can be reached, each once: the author who registered it (<paramref name="registrant"/>, by their
    /// account), then each co-author by their account or e-mail. A co-author Mẫu 1 gives no e-mail for cannot be reached.
    /// Events older than the authors' list reach the registrant alone.
    /// </summary>
    public static IReadOnlyList<Addressee> AuthorsOf(IReadOnlyList<AuthorContact>? authors, Addressee? registrant)
    {
        var told = new List<Addressee>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in (registrant is null ? [] : new[] { registrant }).Concat((authors ?? []).Select(ToAddressee).OfType<Addressee>()))
        {
            // The same person listed twice (the lead's e-mail given again for a co-author) is told once.
            if (ids.Add(a.RecipientId) && (a.Email is null || emails.Add(a.Email)))
            {
                told.Add(a);
            }
        }

        return told;

        static Addressee? ToAddressee(AuthorContact a) =>
            a.AccountId is null && string.IsNullOrWhiteSpace(a.Email) ? null : new(InboxOf(a.AccountId, a.Email!), a.FullName, a.Email, a.IsLead);
    }

    private static string RoleOf(Addressee who) => who.IsLead ? "tác giả chính" : "đồng tác giả";

    /// <summary>What a step the lead author must take says to a co-author: who takes it.</summary>
    private static string LeadActs(Addressee who, string lead, string step, string coAuthorTail) =>
        who.IsLead ? step : $"Tác giả chính ({lead}) {char.ToLowerInvariant(step[0])}{step[1..]} {coAuthorTail}".TrimEnd();

    /// <summary>Xác nhận đăng ký: every author is told their initiative was registered, and the confirming unit that it waits.</summary>
    public static IEnumerable<Notice> Registered(InitiativeRegistered registered)
    {
        var authors = AuthorsOf(registered.Authors, new Addressee(registered.RegisteredBy, registered.ContactName, registered.ContactEmail, true));
        foreach (var who in authors)
        {
            yield return To(who, InitiativeRegisteredKind, registered.InitiativeId, Values(
                ("initiative_title", registered.Title), ("registered_at", DateTime(registered.OccurredAt)), ("author_role", RoleOf(who)),
                ("lead_author", registered.ContactName), ("organization_name", registered.OrganizationName),
                ("next_step", "Đơn vị cấp trên xem xét và xác nhận phiếu đăng ký (Mẫu 2); bạn sẽ được báo khi có kết quả.")));
        }

        // Older events do not name the confirming unit: the unit filed under is the closest to it (its officers may confirm too).
        var unit = new Addressee(Inbox.OfUnit(registered.ConfirmingOrganizationId ?? registered.OrganizationId), UnitName, null);
        yield return To(unit, RegistrationAwaitingConfirmationKind, registered.InitiativeId, Values(
            ("initiative_title", registered.Title), ("author_names", string.Join(", ", registered.Authors?.Select(a => a.FullName) ?? [registered.ContactName])),
            ("organization_name", registered.OrganizationName), ("registered_at", DateTime(registered.OccurredAt)),
            ("next_step", "Xác nhận hoặc trả lại (kèm lý do) phiếu đăng ký trong mục “Xác nhận đăng ký”, rồi lập danh sách (Mẫu 2) gửi đơn vị cấp trên.")));
    }

    /// <summary>
    /// What a change of status tells the authors: confirmation or return of the registration, the council's return of the
    /// dossier, its decision at its level, a nomination; any other change the authors did not make themselves (a co-author
    /// learns that the lead withdrew it). The author who made the step is not told of it. Registration and the dossier's
    /// submission have events of their own (<see cref="Registered"/>, <see cref="DossierReceived"/>); "under appraisal"
    /// asks nothing of anyone.
    /// </summary>
    public static IEnumerable<Notice> StatusChanged(InitiativeStatusChanged changed)
    {
        var told = AuthorsOf(changed.Authors, new Addressee(changed.RegisteredBy, changed.ContactName, changed.ContactEmail, true))
            .Where(a => a.RecipientId != changed.ChangedBy).ToList();
        return changed.ToStatus switch
        {
            InitiativeStatuses.Registered or InitiativeStatuses.DossierSubmitted or InitiativeStatuses.UnderAppraisal or InitiativeStatuses.Draft => [],
            InitiativeStatuses.Confirmed => told.Select(who => To(who, RegistrationConfirmedKind, changed.InitiativeId, Values(
                ("initiative_title", changed.Title), ("confirmed_on", Date(changed.OccurredAt)),
                ("next_step", LeadActs(who, changed.ContactName,
                    "Lập và nộp hồ sơ đề nghị công nhận (Mẫu 3, Mẫu 4, kèm văn bản đề nghị của đơn vị) trước hạn nộp hồ sơ của đợt thi đua.",
                    ""))))),
            InitiativeStatuses.Returned => told.Select(who => To(who, RegistrationReturnedKind, changed.InitiativeId, Values(
                ("initiative_title", changed.Title), ("reason", changed.Reason?.TrimEnd('.')), ("returned_on", Date(changed.OccurredAt)),
                ("next_step", LeadActs(who, changed.ContactName, "Chỉnh sửa phiếu đăng ký theo lý do trên và nộp lại.",
                    "Bạn sẽ được báo khi phiếu được xác nhận."))))),
            InitiativeStatuses.DossierReturned => told.Select(who => DossierReturned(changed, who)),
            InitiativeStatuses.Recognized or InitiativeStatuses.NotRecognized when changed.Council is { DecisionNumber: not null } act =>
                told.Select(who => Decided(changed, act, who)),
            InitiativeStatuses.Nominated when changed.Council is { ToLevel: not null } act => told.Select(who => Nominated(changed, act, who)),
            _ => told.Select(who => To(who, InitiativeStatusChangedKind, changed.InitiativeId, Values(
                ("initiative_title", changed.Title), ("status_name", StatusName(changed.ToStatus)), ("changed_at", DateTime(changed.OccurredAt)),
                ("reason", changed.Reason?.TrimEnd('.')),
                ("next_step", changed.ToStatus == InitiativeStatuses.Withdrawn ? "Sáng kiến không còn được xét trong đợt thi đua này." : null)))),
        };
    }

    /// <summary>Giấy biên nhận hồ sơ: every author is told the dossier was received, first submission or resubmission.</summary>
    public static IEnumerable<Notice> DossierReceived(DossierSubmitted submitted) =>
        AuthorsOf(submitted.Authors, submitted.Authors is null ? new Addressee(submitted.SubmittedBy, "Quý tác giả", null, true) : null)
            .Select(who => To(who, DossierReceivedKind, submitted.InitiativeId, Values(
                ("initiative_title", submitted.Title), ("submitted_at", DateTime(submitted.OccurredAt)),
                ("dossier_version", submitted.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("submission", submitted.Version > 1 ? $"nộp lại lần {submitted.Version}, sau khi bổ sung" : "nộp lần đầu"),
                ("next_step", "Hội đồng thẩm định sơ loại hồ sơ: tiếp nhận, yêu cầu bổ sung hoặc loại; bạn sẽ được báo kết quả."))));

    private static string StatusName(string status) =>
        InitiativeStatuses.All.FirstOrDefault(s => s.Code == status).Name ?? status;
}
