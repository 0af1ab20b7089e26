using System.Globalization;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Notification.API.Domain;
using DoanKetSangTao.Notification.API.Domain.Preferences;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoanKetSangTao.Notification.API.Apis;

/// <summary>
/// Tùy chọn nhận thông báo, <c>/api/v1/notification-preferences</c>: each person reads and sets their own (the token's
/// subject, never a parameter), whatever their role; an integration client, which has no inbox, has none.
/// </summary>
public static class PreferencesApi
{
    private static readonly string[] People =
    [
        PlatformRoles.Author, PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer, PlatformRoles.FrontOfficer,
        PlatformRoles.CouncilSecretary, PlatformRoles.CouncilMember, PlatformRoles.Operator,
    ];

    public static RouteGroupBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notification-preferences").WithTags("Tùy chọn nhận thông báo (notification preferences)").RequireRoles(People);
        api.MapGet("/", GetMine);
        api.MapPut("/", SetMine);
        return api;
    }

    /// <summary>
    /// Tùy chọn nhận thông báo của tôi: các nhóm thông báo (tên tiếng Việt, nhóm nào không tắt được) và kênh gửi của từng
    /// nhóm, các kênh và việc có dùng được không, số điện thoại, tần suất tổng hợp, giờ yên tĩnh. Chưa đặt gì: thư điện tử
    /// cho mọi nhóm, SMS và Zalo tắt, gửi ngay từng thông báo.
    /// </summary>
    public static async Task<Ok<NotificationPreferencesResponse>> GetMine(PreferenceStore preferences, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(Describe(await preferences.GetAsync(user.Id, ct), user, preferences));

    /// <summary>
    /// Đặt tùy chọn nhận thông báo của tôi (thay toàn bộ). Số điện thoại di động Việt Nam (0912345678, +84912345678…) được
    /// lưu một dạng; SMS và Zalo cần số điện thoại; nhóm không nêu dùng mặc định. Dữ liệu sai: 400, không lưu gì.
    /// </summary>
    public static async Task<Results<Ok<NotificationPreferencesResponse>, ProblemHttpResult>> SetMine(
        NotificationPreferencesRequest request, PreferenceStore preferences, CurrentUser user, CancellationToken ct)
    {
        var choice = new PreferenceChoice(request.Phone, request.Digest, request.QuietHours?.From, request.QuietHours?.Until,
            request.Categories?.Select(c => new CategoryChoice(c?.Category, c?.Channels)).ToList());
        if (request.QuietHours is { From: null, Until: null })
        {
            choice = choice with { QuietFrom = string.Empty, QuietUntil = string.Empty };
        }

        var (chosen, refusal) = PreferenceChoices.Validate(choice, user.Email);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        await preferences.SaveAsync(user.Id, chosen!, ct);
        return TypedResults.Ok(Describe(chosen!, user, preferences));
    }

    private static NotificationPreferencesResponse Describe(PersonPreferences person, CurrentUser user, PreferenceStore preferences) => new(
        person.Phone,
        person.Digest,
        person.QuietHours is { } own ? Window(own) : null,
        Window(preferences.PlatformQuietHours),
        NotificationCategories.All.Select(c => new CategoryPreferenceResponse(c, NotificationCategories.NameOf(c), NotificationCategories.IsCritical(c),
            NotificationChannels.FallbackOrder.Where(person.EffectiveChannelsFor(c).Contains).ToList())).ToList(),
        NotificationChannels.All.Select(c => Channel(c, user.Email ?? person.Email, person.Phone, preferences.Configured)).ToList(),
        DigestFrequencies.All.Select(f => new OptionResponse(f, DigestFrequencies.NameOf(f))).ToList());

    private static ChannelResponse Channel(string channel, string? email, string? phone, IReadOnlySet<string> configured)
    {
        var unavailable = channel switch
        {
            NotificationChannels.InApp => null,
            _ when !configured.Contains(channel) => "Kênh này chưa được triển khai trên hệ thống.",
            NotificationChannels.Email when email is null => "Tài khoản chưa có địa chỉ thư điện tử.",
            NotificationChannels.Sms or NotificationChannels.Zalo when phone is null => "Cần khai báo số điện thoại di động.",
            _ => null,
        };
        return new ChannelResponse(channel, NotificationChannels.NameOf(channel), unavailable is null, unavailable);
    }

    private static QuietHoursResponse Window(QuietHours hours) => new(hours.Starts.ToString("HH:mm", CultureInfo.InvariantCulture), hours.Ends.ToString("HH:mm", CultureInfo.InvariantCulture));
}
