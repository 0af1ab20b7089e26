using System.Globalization;
using DoanKetSangTao.Domain;

namespace DoanKetSangTao.Notification.API.Domain.Preferences;

/// <summary>The channels a person chooses for one category.</summary>
public sealed record CategoryChoice(string? Category, IReadOnlyList<string?>? Channels);

/// <summary>What a person sends to set their preferences; every part is checked before anything is stored.</summary>
public sealed record PreferenceChoice(string? Phone, string? Digest, string? QuietFrom, string? QuietUntil, IReadOnlyList<CategoryChoice>? Categories);

/// <summary>
/// Checks a person's choice of preferences (tùy chọn nhận thông báo): a Vietnamese mobile number (stored in one form),
/// known categories each named once, outbound channels only (the in-app inbox always receives and is not chosen), SMS
/// and Zalo only with a phone, a known digest frequency, and a quiet window given as two times HH:mm. Categories left
/// out keep the default (e-mail). A critical category may be given fewer channels, but e-mail still applies to it.
/// </summary>
public static class PreferenceChoices
{
    public static (PersonPreferences? Preferences, Refusal? Refusal) Validate(PreferenceChoice choice, string? email)
    {
        var errors = new FieldErrors();
        string? phone = null;
        if (!string.IsNullOrEmpty(choice.Phone))
        {
            phone = PhoneNumbers.Normalize(choice.Phone);
            if (phone is null)
            {
                errors.Add("phone", "Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912345678 hoặc +84912345678).");
            }
        }

        var digest = choice.Digest ?? DigestFrequencies.Immediate;
        if (!DigestFrequencies.IsKnown(digest))
        {
            errors.Add("digest", $"Tần suất tổng hợp là một trong: {string.Join(", ", DigestFrequencies.All)}.");
        }

        var quiet = QuietWindow(choice.QuietFrom, choice.QuietUntil, errors);
        var channels = Categories(choice.Categories ?? [], phone is not null || choice.Phone is { Length: > 0 }, errors);
        return errors.ToRefusal() is { } refusal
            ? (null, refusal)
            : (new PersonPreferences(email?.Trim().ToLowerInvariant(), phone, channels, digest, quiet), null);
    }

    private static Dictionary<string, IReadOnlyList<string>> Categories(IReadOnlyList<CategoryChoice> categories, bool hasPhone, FieldErrors errors)
    {
        var chosen = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < categories.Count; i++)
        {
            var category = categories[i]?.Category;
            if (!NotificationCategories.IsKnown(category))
            {
                errors.Add($"categories[{i}].category", $"Nhóm thông báo là một trong: {string.Join(", ", NotificationCategories.All)}.");
                continue;
            }

            if (chosen.ContainsKey(category!))
            {
                errors.Add($"categories[{i}].category", "Mỗi nhóm thông báo chỉ được nêu một lần.");
                continue;
            }

            var channels = new List<string>();
            var given = categories[i].Channels ?? [];
            for (var j = 0; j < given.Count; j++)
            {
                var channel = given[j];
                if (channel == NotificationChannels.InApp)
                {
                    errors.Add($"categories[{i}].channels[{j}]", "Hộp thư trên ứng dụng luôn nhận mọi thông báo; chỉ chọn email, sms, zalo.");
                }
                else if (channel is null || !NotificationChannels.FallbackOrder.Contains(channel))
                {
                    errors.Add($"categories[{i}].channels[{j}]", "Kênh gửi là một trong: email, sms, zalo.");
                }
                else if (channel is NotificationChannels.Sms or NotificationChannels.Zalo && !hasPhone)
                {
                    errors.Add($"categories[{i}].channels[{j}]", "Cần khai báo số điện thoại di động để nhận thông báo qua SMS hoặc Zalo.");
                }
                else if (!channels.Contains(channel))
                {
                    channels.Add(channel);
                }
            }

            chosen[category!] = channels;
        }

        return chosen;
    }

    private static QuietHours? QuietWindow(string? from, string? until, FieldErrors errors)
    {
        if (from is null && until is null)
        {
            return null;
        }

        var starts = Time(from, "quietHours.from", errors);
        var ends = Time(until, "quietHours.until", errors);
        if (starts is null || ends is null)
        {
            return null;
        }

        if (starts == ends)
        {
            errors.Add("quietHours.until", "Giờ kết thúc phải khác giờ bắt đầu.");
            return null;
        }

        return new QuietHours(starts.Value, ends.Value);
    }

    private static TimeOnly? Time(string? text, string field, FieldErrors errors)
    {
        if (text is { Length: 5 } && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, "Giờ theo dạng HH:mm (giờ Việt Nam), ví dụ 21:30.");
        return null;
    }
}
