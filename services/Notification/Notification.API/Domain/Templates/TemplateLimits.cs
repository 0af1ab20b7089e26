using System.Globalization;

namespace DoanKetSangTao.Notification.API.Domain.Templates;

/// <summary>
/// Giới hạn độ dài theo kênh: how long a rendered message may be on each channel. Checked when an operator saves a
/// template (rendered with the kind's sample values) and enforced when a message is rendered (real values can be longer
/// than the samples): the text is then cut at a word, never refused, so that no notice is lost for its length.
/// </summary>
public static class TemplateLimits
{
    /// <summary>The in-app title and the e-mail subject: one line a person reads at a glance.</summary>
    public const int SubjectMax = 200;

    /// <summary>An in-app notice's text (the inbox shows it whole).</summary>
    public const int InAppBodyMax = 2_000;

    /// <summary>An e-mail's text.</summary>
    public const int EmailBodyMax = 20_000;

    /// <summary>
    /// Tin nhắn thương hiệu (brandname SMS): at most two concatenated GSM-7 parts (2 × 153 characters). Longer messages
    /// cost a part each and some networks refuse more than a few parts; a notice points to the app for the rest.
    /// </summary>
    public const int SmsMax = 306;

    /// <summary>Zalo ZNS: a message (its text with the parameters filled in) is at most 400 characters.</summary>
    public const int ZaloMessageMax = 400;

    /// <summary>Zalo ZNS: a template has at most 4 parameters in its title and 10 in its text.</summary>
    public const int ZaloParametersMax = 14;

    /// <summary>What an operator may type (the Liquid source, not its output): enough for any letter, not a book.</summary>
    public const int SubjectSourceMax = 1_000;

    public const int BodySourceMax = 20_000;

    public const int NoteMax = 500;

    /// <summary>The body's limit on <paramref name="channel"/> (Zalo's is per parameter and per message, see <see cref="ZaloParameters"/>).</summary>
    public static int BodyMax(string channel) => channel switch
    {
        NotificationChannels.InApp => InAppBodyMax,
        NotificationChannels.Email => EmailBodyMax,
        NotificationChannels.Sms => SmsMax,
        _ => ZaloMessageMax,
    };

    /// <summary>E-mail and in-app messages have a subject; SMS and Zalo do not (Zalo's title is in the approved template).</summary>
    public static bool HasSubject(string channel) => channel is NotificationChannels.InApp or NotificationChannels.Email;

    /// <summary>
    /// Cắt an toàn: <paramref name="text"/> at most <paramref name="max"/> characters, ending with <paramref name="ellipsis"/>
    /// when cut; never inside a letter and its marks or a surrogate pair, and at the last space when one is near the end.
    /// </summary>
    public static string Cut(string text, int max, string ellipsis = "…")
    {
        if (text.Length <= max)
        {
            return text;
        }

        var room = Math.Max(0, max - ellipsis.Length);
        var end = 0;
        foreach (var start in StringInfo.ParseCombiningCharacters(text))
        {
            if (start > room)
            {
                break;
            }

            end = start;
        }

        // The element that begins at `end` may run past the room: keep only elements that end within it.
        var next = end < text.Length ? end + StringInfo.GetNextTextElementLength(text, end) : end;
        end = next <= room ? next : end;
        var space = text.LastIndexOf(' ', Math.Max(0, end - 1), Math.Max(0, end));
        if (space > end * 4 / 5)
        {
            end = space;
        }

        var kept = text[..end].TrimEnd();
        return kept.Length + ellipsis.Length <= max ? kept + ellipsis : kept;
    }

    /// <summary>A subject is one line: line breaks (from a value) become spaces, and it is cut to <see cref="SubjectMax"/>.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
