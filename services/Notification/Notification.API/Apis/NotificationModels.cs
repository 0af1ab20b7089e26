namespace DoanKetSangTao.Notification.API.Apis;

/// <summary>Một thông báo trong hộp thư: its kind, texts, the initiative or case it is about, when it came and when it was read.</summary>
public sealed record NotificationResponse(Guid Id, string Kind, string Title, string Body, Guid? SubjectId, DateTime CreatedAt, DateTime? ReadAt);
