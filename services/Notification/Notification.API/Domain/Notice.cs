using System.Diagnostics.CodeAnalysis;

namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Một thông báo: what one person (an author, a council member) is told, in the app and, when their address is known,
/// by e-mail. <see cref="Kind"/> is stable (the portal filters on it); the texts are Vietnamese.
/// </summary>
public sealed record Notice(string Kind, string RecipientId, string? Email, string RecipientName, string Title, string Body, Guid SubjectId)
{
    /// <summary>Whether an e-mail goes out as well: only to an address the event carried.</summary>
    [MemberNotNullWhen(true, nameof(Email))]
    public bool ByEmail => !string.IsNullOrWhiteSpace(Email);

    /// <summary>The e-mail's text: the notice addressed to the person and signed by the movement's office.</summary>
    public string Letter => LetterTo(RecipientName, Body);

    /// <summary>Every e-mail the service sends: addressed to the person and signed by the movement's office.</summary>
    public static string LetterTo(string name, string body) => $"Kính gửi {name},\n\n{body}\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n";
}
