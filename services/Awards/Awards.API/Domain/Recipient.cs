using System.Net.Mail;
using DoanKetSangTao.Contracts.Vocabulary;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>
/// Người / tập thể được đề nghị hoặc được khen thưởng: a person or a collective, where they are (the area that decides
/// whose scope they fall in), the initiative it is for when there is one, and the account or e-mail by which the
/// recipient later downloads their certificate.
/// </summary>
public sealed record Recipient(
    string Kind,
    string FullName,
    string? OrganizationName,
    string ProvinceCode,
    string? CommuneCode,
    string? AccountId,
    string? Email,
    Guid? InitiativeId,
    string? InitiativeTitle,
    decimal? Amount,
    Guid? OrganizationId = null);

/// <summary>A recipient as a request names one, before it is checked.</summary>
public sealed record RecipientInput(
    string? Kind, string? FullName, string? OrganizationName, string? ProvinceCode, string? CommuneCode, string? AccountId,
    string? Email, Guid? InitiativeId, string? InitiativeTitle, decimal? Amount);

/// <summary>The rules of naming recipients: what a well-formed one is, and whom a body may commend.</summary>
public static class RecipientRules
{
    public const int MaxRecipients = 2000;
    public const int MaxNameLength = 200;
    public const decimal MaxAmount = 1_000_000_000m;

    public static readonly Refusal OutsideBodyScope = Refusal.Forbidden("recipient_outside_scope",
        "Có người/tập thể được đề nghị nằm ngoài địa bàn của cơ quan quyết định. Chỉ khen thưởng người và tập thể thuộc địa bàn mình phụ trách.");

    /// <summary>
    /// Checks every recipient; field errors are keyed <c>recipients[i].field</c>. The award type must suit each kind
    /// (a title for individuals only, a form for collectives only).
    /// </summary>
    public static IReadOnlyList<Recipient> Read(IReadOnlyList<RecipientInput>? inputs, AwardTypeTerms award, FieldErrors errors, string field = "recipients")
    {
        var result = new List<Recipient>();
        if (inputs is null || inputs.Count == 0)
        {
            errors.Add(field, "Cần ít nhất một người hoặc tập thể được khen thưởng.");
            return result;
        }

        if (inputs.Count > MaxRecipients)
        {
            errors.Add(field, $"Một quyết định có tối đa {MaxRecipients} người/tập thể; vui lòng chia thành nhiều quyết định.");
            return result;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var at = $"{field}[{i}]";
            if (input is null)
            {
                errors.Add(at, "Thiếu thông tin người/tập thể được khen thưởng.");
                continue;
            }

            var ok = true;
            if (!RecipientKinds.IsKnown(input.Kind))
            {
                errors.Add($"{at}.kind", "Đối tượng phải là individual (cá nhân) hoặc collective (tập thể).");
                ok = false;
            }
            else if (input.Kind == RecipientKinds.Individual && !award.ForIndividuals)
            {
                errors.Add($"{at}.kind", $"Hình thức \"{award.Name}\" không dành cho cá nhân.");
                ok = false;
            }
            else if (input.Kind == RecipientKinds.Collective && !award.ForCollectives)
            {
                errors.Add($"{at}.kind", $"Hình thức \"{award.Name}\" không dành cho tập thể.");
                ok = false;
            }

            var name = Text(input.FullName, MaxNameLength);
            if (name is null)
            {
                errors.Add($"{at}.fullName", $"Nhập họ tên (hoặc tên tập thể), tối đa {MaxNameLength} ký tự.");
                ok = false;
            }

            var organization = input.OrganizationName is null ? null : Text(input.OrganizationName, MaxNameLength);
            if (input.OrganizationName is not null && organization is null)
            {
                errors.Add($"{at}.organizationName", $"Tên đơn vị tối đa {MaxNameLength} ký tự, không chứa ký tự điều khiển.");
                ok = false;
            }

            if (!IsCode(input.ProvinceCode, 2))
            {
                errors.Add($"{at}.provinceCode", "Mã tỉnh/thành phố gồm 2 chữ số (danh mục đơn vị hành chính 2025), ví dụ 01 là Hà Nội.");
                ok = false;
            }

            if (input.CommuneCode is not null && !IsCode(input.CommuneCode, 5))
            {
                errors.Add($"{at}.communeCode", "Mã xã/phường gồm 5 chữ số (danh mục đơn vị hành chính 2025).");
                ok = false;
            }

            string? email = null;
            if (input.Email is not null && (email = Email(input.Email)) is null)
            {
                errors.Add($"{at}.email", "Địa chỉ thư điện tử không hợp lệ.");
                ok = false;
            }

            if (input.AccountId is { Length: 0 or > 100 })
            {
                errors.Add($"{at}.accountId", "Mã tài khoản không hợp lệ.");
                ok = false;
            }

            var title = input.InitiativeTitle is null ? null : Text(input.InitiativeTitle, 500);
            if (input.InitiativeTitle is not null && title is null)
            {
                errors.Add($"{at}.initiativeTitle", "Tên sáng kiến tối đa 500 ký tự.");
                ok = false;
            }

            var amount = input.Amount ?? award.Amount;
            if (amount is < 0 or > MaxAmount || (amount is { } a && a != decimal.Truncate(a)))
            {
                errors.Add($"{at}.amount", "Số tiền thưởng là số đồng nguyên, từ 0 đến 1.000.000.000.");
                ok = false;
            }

            if (ok)
            {
                result.Add(new Recipient(input.Kind!, name!, organization, input.ProvinceCode!, input.CommuneCode, input.AccountId, email,
                    input.InitiativeId, title, amount));
            }
        }

        return result;
    }

    /// <summary>Trimmed NFC text of 1..max characters, or null.</summary>
    public static string? Text(string? value, int max) =>
        VietnameseText.TryNormalize(value) is { Length: > 0 } text && text.Length <= max ? text : null;

    private static bool IsCode(string? value, int length) => value is not null && value.Length == length && value.All(char.IsAsciiDigit);

    private static string? Email(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= 254 && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed ? trimmed : null;
    }
}
