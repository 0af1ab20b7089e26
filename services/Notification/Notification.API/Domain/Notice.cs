namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>How a person can be reached outside the app, as the event carried it (their preferences may add a phone).</summary>
public sealed record Contact(string? Email = null, string? Phone = null)
{
    public static readonly Contact None = new();
}

/// <summary>
/// Một thông báo: what one person (an author, an officer, a council member, a unit's inbox) is told. <see cref="Kind"/>
/// names the <see cref="NotificationKind"/> whose templates word it; <see cref="Values"/> fill the templates' placeholders
/// (already formatted for a reader: dates dd/mm/yyyy, times in Vietnam). Which channels carry it is decided by the
/// person's preferences when it is sent.
/// </summary>
public sealed record Notice(string Kind, string RecipientId, string RecipientName, Contact Contact, Guid? SubjectId, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>Every e-mail the service sends: addressed to the person and signed by the movement's office.</summary>
    public static string LetterTo(string name, string body) => $"Kính gửi {name},\n\n{body}\n\nTrân trọng,\nBan Phong trào – Ủy ban Mặt trận Tổ quốc Việt Nam\n";
}
