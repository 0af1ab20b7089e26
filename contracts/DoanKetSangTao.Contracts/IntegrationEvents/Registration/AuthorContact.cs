namespace DoanKetSangTao.Contracts.IntegrationEvents;

/// <summary>
/// Một tác giả hoặc đồng tác giả as registration's events carry them, for those who tell authors what happened (Mẫu 1
/// names them). <see cref="AccountId"/> is known for the author who registered (the lead); a co-author is reached by the
/// e-mail Mẫu 1 gives, and not at all when it gives none.
/// </summary>
public sealed record AuthorContact(string FullName, string? Email, bool IsLead, string? AccountId = null);
