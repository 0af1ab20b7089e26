using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>A replication report as sent: since when, in which commune, and what it brought.</summary>
public sealed record ReplicationForm(DateOnly? Since, string? CommuneCode, string? Results);

/// <summary>A replication report that passed the rules (<see cref="ReplicationRules.Validate"/>); the commune is still to be placed.</summary>
public sealed record ValidReplication(DateOnly Since, string? CommuneCode, string Results)
{
    /// <summary>What a retry under the same Idempotency-Key must repeat.</summary>
    public string Fingerprint() => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(this))));
}

/// <summary>
/// The unit that reports: an organization (its officer's token names it), or the Front committee of an administrative
/// unit (a Front officer's scope). <c>Key</c> identifies it across reports (one report per unit and initiative);
/// <c>DefaultCommune</c> is where it applies when the report names none (a unit seated in a commune, a commune's
/// committee); <c>Scope</c> is where it may report.
/// </summary>
public sealed record ReportingUnit(string Key, Guid? OrganizationId, string Name, string? DefaultCommune, AdministrativeScope Scope);

/// <summary>
/// Nhân rộng: a unit that applies a published initiative says since when (a date not in the future), where (a commune
/// of the 2025 list inside its own area) and with what results (required, NFC, at most 4.000 characters).
/// </summary>
public static class ReplicationRules
{
    public const int ResultsMaxLength = 4_000;

    /// <summary>No replication is dated before the country's National Day (a typing slip such as 0202 rather than 2024).</summary>
    public static readonly DateOnly EarliestSince = new(1945, 9, 2);

    public static (ValidReplication? Replication, Refusal? Refusal) Validate(ReplicationForm form, DateOnly today)
    {
        var errors = new FieldErrors();
        if (form.Since is not { } since)
        {
            errors.Add("since", "Vui lòng nhập ngày bắt đầu áp dụng (yyyy-mm-dd).");
        }
        else if (since > today)
        {
            errors.Add("since", $"Ngày bắt đầu áp dụng không được sau ngày hôm nay ({today:dd/MM/yyyy}).");
        }
        else if (since < EarliestSince)
        {
            errors.Add("since", $"Ngày bắt đầu áp dụng không được trước ngày {EarliestSince:dd/MM/yyyy}.");
        }

        var commune = form.CommuneCode?.Trim();
        if (commune is { Length: 0 })
        {
            commune = null;
        }

        if (commune is not null && (commune.Length != 5 || !commune.All(char.IsAsciiDigit)))
        {
            errors.Add("communeCode", "Mã xã/phường gồm 5 chữ số theo danh mục đơn vị hành chính 2025.");
        }

        var results = InitiativeRegistration.LongText("results", "Kết quả áp dụng", form.Results, ResultsMaxLength, required: true, (f, m) => errors.Add(f, m));
        return errors.ToRefusal() is { } invalid ? (null, invalid) : (new ValidReplication(form.Since!.Value, commune, results!), null);
    }

    /// <summary>
    /// Where the report is filed: the named commune, or the unit's own when none is named; <paramref name="provinceOfCommune"/>
    /// is that commune's province in the 2025 list (null when the code is not a commune in force). A commune outside the
    /// unit's area is refused.
    /// </summary>
    public static (string? CommuneCode, Refusal? Refusal) Place(ReportingUnit unit, string? communeCode, string? provinceOfCommune)
    {
        if ((communeCode ?? unit.DefaultCommune) is not { } commune)
        {
            return (null, Refusal.Invalid("communeCode", "Vui lòng chọn xã/phường nơi đơn vị áp dụng sáng kiến."));
        }

        if (provinceOfCommune is null)
        {
            return (null, Refusal.Invalid("communeCode", communeCode is null
                ? "Xã/phường của đơn vị không còn trong danh mục đơn vị hành chính 2025; vui lòng chọn xã/phường nơi đơn vị áp dụng sáng kiến."
                : "Không có xã/phường đang hoạt động với mã này trong danh mục đơn vị hành chính 2025."));
        }

        if (communeCode is not null && !unit.Scope.Covers(provinceOfCommune, communeCode))
        {
            return (null, Refusal.Forbidden("replication_outside_scope",
                $"Đơn vị chỉ báo cáo áp dụng được tại địa bàn của mình ({unit.Name}); xã/phường đã chọn nằm ngoài địa bàn đó."));
        }

        return (commune, null);
    }

    /// <summary>The Front committee of an administrative unit: "Ủy ban MTTQ Việt Nam Phường Ba Đình", or the Central Committee.</summary>
    public static string FrontCommitteeName(AdministrativeScope scope, string? unitName) =>
        scope.Level == AdministrativeLevel.Central ? GalleryPublisher.Name : $"Ủy ban MTTQ Việt Nam {unitName ?? scope.Path}";
}

/// <summary>Who publishes the gallery's open data.</summary>
public static class GalleryPublisher
{
    public const string Name = "Ủy ban Trung ương MTTQ Việt Nam";
}

/// <summary>The refusals of the gallery, each with its stable code.</summary>
public static class GalleryRefusals
{
    /// <summary>Not published, not consented, not recognized, or no such initiative: the gallery does not say which.</summary>
    public static readonly Refusal NotPublished = Refusal.NotFound("gallery_initiative_not_found",
        "Không tìm thấy sáng kiến trong thư viện sáng kiến công khai.");

    public static readonly Refusal AlreadyReported = Refusal.Conflict("replication_already_reported",
        "Đơn vị của bạn đã báo cáo áp dụng sáng kiến này; mỗi đơn vị báo cáo một lần cho mỗi sáng kiến.");

    public static readonly Refusal NoReportingUnit = Refusal.Forbidden("replication_no_unit",
        "Tài khoản của bạn chưa gắn với cơ quan, đơn vị hoặc địa bàn nào, nên chưa báo cáo áp dụng sáng kiến được.");

    public static readonly Refusal IdempotencyKeyReused = Refusal.Unprocessable("idempotency_key_reused",
        "Mã Idempotency-Key này đã được dùng cho một báo cáo áp dụng khác. Mỗi báo cáo mới cần một mã mới.");

    public static readonly Refusal ConsentRequired = Refusal.Invalid("consent",
        "Vui lòng cho biết các tác giả đồng ý (true) hay không đồng ý (false) công bố sáng kiến.");
}
