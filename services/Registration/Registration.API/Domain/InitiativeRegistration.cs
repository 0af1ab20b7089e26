using System.Net.Mail;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Registration.API.Domain;

/// <summary>One author as entered on Mẫu 1; <c>OrganizationId</c> defaults to the initiative's unit.</summary>
public sealed record AuthorForm(string? FullName, string? Email, bool IsLead, int ContributionPercent, Guid? OrganizationId = null, string? Position = null);

/// <summary>Phiếu đăng ký sáng kiến (Mẫu 1) as entered, before the rules: a draft (<c>IsDraft</c>) may leave more empty.</summary>
public sealed record InitiativeForm(
    Guid CampaignId,
    string? Title,
    string? Kind,
    Guid OrganizationId,
    string? CommuneCode,
    string? Summary,
    IReadOnlyList<AuthorForm?>? Authors,
    string? ContentType = null,
    string? MovementArea = null,
    string? Field = null,
    string? ExpectedScope = null,
    bool IsDraft = false,
    bool? PublicationConsent = null);

public sealed record ValidAuthor(int Ordinal, string FullName, string? Email, bool IsLead, int ContributionPercent, Guid? OrganizationId, string? Position);

public sealed record ValidRegistration(
    Guid CampaignId,
    string Title,
    string Kind,
    Guid OrganizationId,
    string CommuneCode,
    string? Summary,
    IReadOnlyList<ValidAuthor> Authors,
    string? ContentType,
    string? MovementArea,
    string? Field,
    string? ExpectedScope,
    [property: System.Text.Json.Serialization.JsonIgnore] bool? PublicationConsent = null)
{
    public ValidAuthor Lead => Authors.Single(a => a.IsLead);

    /// <summary>The distinct organizations the authors named, each of which must exist (a method: the fingerprint serializes properties).</summary>
    public IReadOnlyList<Guid> AuthorOrganizations() => Authors.Where(a => a.OrganizationId is not null).Select(a => a.OrganizationId!.Value).Distinct().ToList();

    /// <summary>
    /// A stable digest of what was registered (after normalization), to tell a retry from a different registration. The
    /// publication consent is appended only when given, so that the digests of keys used before it existed still match.
    /// </summary>
    public string Fingerprint() => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(this)))) + (PublicationConsent == true ? ":consent" : string.Empty);

    /// <summary>The text search reads: title, summary, field and authors, lower-case and without diacritics.</summary>
    public string SearchText() => InitiativeSearch.Document(Title, Summary, Authors.Select(a => a.FullName), Field);
}

/// <summary>
/// The rules of a registration (Mẫu 1), with no I/O: identified authors (quy định 4.3), one lead author,
/// contribution shares summing to 100 %, Vietnamese text stored as NFC, bounded lengths. A draft may leave
/// the classification and summary empty; a submission may not.
/// </summary>
public static class InitiativeRegistration
{
    public const int TitleMaxLength = 500;
    public const int SummaryMaxLength = 10_000;
    public const int ExpectedScopeMaxLength = 2_000;
    public const int NameMaxLength = 200;
    public const int MaxAuthors = 50;

    public static (ValidRegistration? Registration, Dictionary<string, string[]> Errors) Validate(InitiativeForm request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

        var title = VietnameseText.TryNormalize(request.Title);
        if (request.Title is not null && title is null)
        {
            Fail("title", "Tên sáng kiến chứa ký tự không hợp lệ. Vui lòng gõ lại bằng bộ gõ tiếng Việt thông thường.");
        }
        else if (string.IsNullOrEmpty(title))
        {
            Fail("title", "Vui lòng nhập tên sáng kiến.");
        }
        else if (title.Length > TitleMaxLength)
        {
            Fail("title", $"Tên sáng kiến dài tối đa {TitleMaxLength} ký tự.");
        }

        if (!InitiativeKind.IsKnown(request.Kind))
        {
            Fail("kind", $"Loại sáng kiến phải là một trong: {InitiativeKind.All.Choices()}.");
        }

        CheckCatalog("contentType", request.ContentType, Domain.ContentType.All, request.IsDraft, Fail);
        CheckCatalog("movementArea", request.MovementArea, Domain.MovementArea.All, request.IsDraft, Fail);
        CheckCatalog("field", request.Field, InitiativeField.All, request.IsDraft, Fail);

        if (request.CampaignId == Guid.Empty)
        {
            Fail("campaignId", "Vui lòng chọn đợt thi đua.");
        }

        if (request.OrganizationId == Guid.Empty)
        {
            Fail("organizationId", "Vui lòng chọn cơ quan, đơn vị của tác giả.");
        }

        var commune = request.CommuneCode?.Trim();
        if (commune is null || commune.Length != 5 || !commune.All(char.IsAsciiDigit))
        {
            Fail("communeCode", "Mã xã/phường gồm 5 chữ số theo danh mục đơn vị hành chính 2025.");
        }

        var summary = LongText("summary", "Tóm tắt nội dung sáng kiến", request.Summary, SummaryMaxLength, required: !request.IsDraft, Fail);
        var scope = LongText("expectedScope", "Phạm vi áp dụng dự kiến", request.ExpectedScope, ExpectedScopeMaxLength, required: false, Fail);

        var authors = ValidateAuthors(request.Authors, Fail);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidRegistration(request.CampaignId, title!, request.Kind!, request.OrganizationId, commune!, summary, authors,
            request.ContentType, request.MovementArea, request.Field, scope, request.PublicationConsent), errors);
    }

    /// <summary>A free-text field: NFC, no invalid characters, bounded; null when empty.</summary>
    internal static string? LongText(string field, string label, string? value, int maxLength, bool required, Action<string, string> fail)
    {
        var text = VietnameseText.TryNormalize(value, allowNewLines: true);
        if (value is not null && text is null)
        {
            fail(field, $"{label} chứa ký tự không hợp lệ. Vui lòng gõ lại bằng bộ gõ tiếng Việt thông thường.");
            return null;
        }

        if (text is { Length: > 0 } && text.Length > maxLength)
        {
            fail(field, $"{label} dài tối đa {VietnameseNumber(maxLength)} ký tự.");
            return null;
        }

        if (required && string.IsNullOrEmpty(text))
        {
            fail(field, $"Vui lòng nhập {label.ToLower(VietnameseText.Culture)}.");
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>10.000: numbers as Vietnamese write them.</summary>
    internal static string VietnameseNumber(long value) => value.ToString("N0", VietnameseText.Culture);

    private static void CheckCatalog(string field, string? code, Catalog catalog, bool draft, Action<string, string> fail)
    {
        if (code is null && draft)
        {
            return;
        }

        if (!catalog.IsKnown(code))
        {
            fail(field, $"{catalog.VietnameseName} phải là một trong: {catalog.Choices()}.");
        }
    }

    private static List<ValidAuthor> ValidateAuthors(IReadOnlyList<AuthorForm?>? input, Action<string, string> fail)
    {
        var authors = new List<ValidAuthor>();
        if (input is null || input.Count == 0)
        {
            fail("authors", "Sáng kiến phải có ít nhất một tác giả được xác định rõ.");
            return authors;
        }

        if (input.Count > MaxAuthors)
        {
            fail("authors", $"Một sáng kiến có tối đa {MaxAuthors} đồng tác giả.");
            return authors;
        }

        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] is not { } a)
            {
                fail($"authors[{i}]", "Thông tin tác giả bị trống.");
                continue;
            }

            var name = VietnameseText.TryNormalize(a.FullName);
            if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength)
            {
                fail($"authors[{i}].fullName", $"Vui lòng nhập họ và tên tác giả (tối đa {NameMaxLength} ký tự).");
            }

            var position = VietnameseText.TryNormalize(a.Position);
            if ((a.Position is not null && position is null) || position is { Length: > NameMaxLength })
            {
                fail($"authors[{i}].position", $"Chức vụ, nghề nghiệp của tác giả không hợp lệ (tối đa {NameMaxLength} ký tự).");
            }

            var email = a.Email?.Trim();
            if (!string.IsNullOrEmpty(email))
            {
                // Only the bare address is kept: "Tên <a@b.vn>" is not an address to store.
                // MailAddress admits invisible and bidi characters in the local part; an address that shows one way and routes another is refused.
                if (email.Length <= 254 && VietnameseText.TryNormalize(email) == email && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email)
                {
                    email = parsed.Address;
                }
                else
                {
                    fail($"authors[{i}].email", "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@donvi.gov.vn).");
                }
            }

            if (a.ContributionPercent is < 1 or > 100)
            {
                fail($"authors[{i}].contributionPercent", "Tỷ lệ đóng góp của mỗi tác giả phải từ 1 đến 100 (%).");
            }

            authors.Add(new ValidAuthor(i + 1, name ?? string.Empty, string.IsNullOrEmpty(email) ? null : email, a.IsLead, a.ContributionPercent,
                a.OrganizationId is { } o && o != Guid.Empty ? o : null, string.IsNullOrEmpty(position) ? null : position));
        }

        if (authors.Count(a => a.IsLead) != 1)
        {
            fail("authors", "Cần chỉ định đúng một tác giả chính (chủ nhiệm sáng kiến).");
        }

        if (authors.Sum(a => a.ContributionPercent) != 100)
        {
            fail("authors", $"Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là {authors.Sum(a => a.ContributionPercent)}%).");
        }

        return authors;
    }
}
