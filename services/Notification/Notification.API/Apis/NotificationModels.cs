namespace DoanKetSangTao.Notification.API.Apis;

/// <summary>Một thông báo trong hộp thư: its kind, texts, the initiative or case it is about, when it came and when it was read.</summary>
public sealed record NotificationResponse(Guid Id, string Kind, string Title, string Body, Guid? SubjectId, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>Số thông báo chưa đọc trong hộp thư của tôi (và của đơn vị, với cán bộ đơn vị).</summary>
public sealed record UnreadCountResponse(int Unread);

/// <summary>Số thông báo vừa được đánh dấu là đã đọc.</summary>
public sealed record MarkedReadResponse(int Marked);

/// <summary>Một lựa chọn có mã và tên tiếng Việt.</summary>
public sealed record OptionResponse(string Code, string Name);

/// <summary>Giờ yên tĩnh (giờ Việt Nam, HH:mm): SMS và Zalo không gửi trong khoảng này, chờ đến giờ kết thúc.</summary>
public sealed record QuietHoursResponse(string From, string Until);

/// <summary>
/// Một kênh gửi: <c>Available</c> khi kênh được triển khai và có địa chỉ để gửi (thư điện tử của tài khoản, số điện thoại đã
/// khai báo); nếu không, <c>Unavailable</c> nói lý do.
/// </summary>
public sealed record ChannelResponse(string Code, string Name, bool Available, string? Unavailable);

/// <summary>
/// Một nhóm thông báo và các kênh gửi ra ngoài được dùng cho nhóm đó (hộp thư trên ứng dụng luôn nhận). Nhóm
/// <c>Critical</c> (an toàn tài khoản, thời hạn theo quy định) không tắt được: luôn có thư điện tử.
/// </summary>
public sealed record CategoryPreferenceResponse(string Code, string Name, bool Critical, IReadOnlyList<string> Channels);

/// <summary>Tùy chọn nhận thông báo của tôi, với các nhóm, kênh, tần suất tổng hợp và giờ yên tĩnh có thể chọn.</summary>
public sealed record NotificationPreferencesResponse(
    string? Phone,
    string Digest,
    QuietHoursResponse? QuietHours,
    QuietHoursResponse PlatformQuietHours,
    IReadOnlyList<CategoryPreferenceResponse> Categories,
    IReadOnlyList<ChannelResponse> Channels,
    IReadOnlyList<OptionResponse> DigestFrequencies);

/// <summary>Giờ yên tĩnh riêng (HH:mm, giờ Việt Nam), thêm vào giờ yên tĩnh chung của hệ thống.</summary>
public sealed record QuietHoursRequest(string? From, string? Until);

/// <summary>Các kênh gửi ra ngoài (email, sms, zalo) cho một nhóm thông báo; danh sách rỗng là tắt (trừ nhóm không tắt được).</summary>
public sealed record CategoryPreferenceRequest(string? Category, IReadOnlyList<string?>? Channels);

/// <summary>
/// Đặt tùy chọn nhận thông báo của tôi (thay toàn bộ): số điện thoại di động (để nhận SMS, Zalo), tần suất tổng hợp
/// (immediate, daily, weekly), giờ yên tĩnh riêng, và các kênh cho từng nhóm; nhóm không nêu dùng mặc định (thư điện tử).
/// </summary>
public sealed record NotificationPreferencesRequest(string? Phone, string? Digest, QuietHoursRequest? QuietHours, IReadOnlyList<CategoryPreferenceRequest>? Categories);
