using System.Security.Cryptography;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Awards.API.Domain;

/// <summary>Trạng thái quyết định khen thưởng: draft → issued, then revoked or superseded. Nothing else.</summary>
public static class DecisionStatuses
{
    /// <summary>Dự thảo: editable, no number.</summary>
    public const string Draft = "draft";

    /// <summary>Đã ban hành: numbered, signed, never edited again.</summary>
    public const string Issued = "issued";

    /// <summary>Đã thu hồi: by a revoking decision, with its reason.</summary>
    public const string Revoked = "revoked";

    /// <summary>Đã bị thay thế: a later decision replaced it.</summary>
    public const string Superseded = "superseded";
}

/// <summary>
/// Quyết định khen thưởng: the rules of its lifecycle. Only a draft is edited or issued; only an issued decision is
/// revoked or superseded; only the body that made it acts on it.
/// </summary>
public static class CommendationDecisionRules
{
    public const int MaxReasonLength = 2000;

    public static readonly Refusal NotFound = Refusal.NotFound("decision_not_found",
        "Không tìm thấy quyết định khen thưởng này trong phạm vi của bạn.");

    public static readonly Refusal NotBody = Refusal.Forbidden("decision_other_body",
        "Chỉ cơ quan đã lập quyết định này được sửa, ban hành hoặc thu hồi nó.");

    public static readonly Refusal NoBody = Refusal.Forbidden("commendation_no_issuing_body",
        "Tài khoản của bạn không gắn với Ủy ban MTTQ hoặc tổ chức nào có thẩm quyền khen thưởng.");

    public static readonly Refusal AlreadyIssued = Refusal.Conflict("decision_already_issued",
        "Quyết định đã ban hành thì không sửa được; chỉ có thể thu hồi hoặc ban hành quyết định thay thế.");

    public static readonly Refusal NotIssued = Refusal.Conflict("decision_not_issued",
        "Chỉ thu hồi hoặc thay thế được quyết định đang có hiệu lực (đã ban hành, chưa bị thu hồi hay thay thế).");

    /// <summary>Refusal when the decision cannot be edited or issued in its status, else null.</summary>
    public static Refusal? CanChange(string status) => status == DecisionStatuses.Draft ? null : AlreadyIssued;

    /// <summary>Refusal when the decision cannot be revoked or superseded in its status, else null.</summary>
    public static Refusal? CanRevoke(string status) => status == DecisionStatuses.Issued ? null : NotIssued;

    /// <summary>The decision's date: the one given (not in the future, Vietnam's calendar), or today.</summary>
    public static DateOnly? DecisionDate(DateOnly? given, DateOnly today, FieldErrors errors)
    {
        if (given is { } date && (date > today || !InputBounds.IsSaneDate(date)))
        {
            errors.Add("decisionDate", $"Ngày quyết định không được sau hôm nay ({today:dd/MM/yyyy}).");
            return null;
        }

        return given ?? today;
    }
}

/// <summary>
/// Mã xác minh: the code of a certificate's public verification page. 100 random bits in Crockford base32 (20
/// characters without look-alike letters): far beyond guessing at the page's rate limit, and no order to enumerate.
/// </summary>
public static class VerificationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 20;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(Length, bytes.ToArray(), static (chars, b) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[b[i] & 31];
            }
        });
    }

    /// <summary>Whether a text could be a code at all (so malformed requests are answered without a query).</summary>
    public static bool IsWellFormed(string? code) => code is { Length: Length } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}

/// <summary>
/// Che tên người nhận: a person's name on the public page shows the family name and the initials of the rest
/// ("Nguyễn T. H. N."), enough to match the paper in hand, not enough to harvest people. A collective is a public body:
/// its name stays whole.
/// </summary>
public static class HolderName
{
    public static string Masked(string fullName, bool collective)
    {
        if (collective)
        {
            return fullName;
        }

        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= 1
            ? $"{fullName[..1]}."
            : string.Join(' ', parts.Take(1).Concat(parts.Skip(1).Select(p => $"{char.ConvertFromUtf32(char.ConvertToUtf32(p, 0))}.")));
    }
}
