namespace DoanKetSangTao.Notification.API.Domain;

/// <summary>
/// Giờ yên tĩnh: SMS and Zalo messages wait for the morning instead of waking people at night, in Vietnam's time
/// (UTC+7, no daylight saving). The window is the platform's (operators set it); the in-app inbox and e-mail are not held.
/// </summary>
public sealed record QuietHours(TimeOnly Starts, TimeOnly Ends)
{
    /// <summary>21:00 to 07:00.</summary>
    public static readonly QuietHours Default = new(new TimeOnly(21, 0), new TimeOnly(7, 0));

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public bool Contains(TimeOnly time) => Starts <= Ends ? time >= Starts && time < Ends : time >= Starts || time < Ends;

    /// <summary>The first moment at or after <paramref name="at"/> when <paramref name="channel"/> may send.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at, string channel)
    {
        if (!NotificationChannels.KeepsQuietHours(channel))
        {
            return at;
        }

        var local = at.ToOffset(Vietnam);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        if (!Contains(time))
        {
            return at;
        }

        // Inside the window: wait for its end, today or tomorrow (Vietnam's date).
        var endToday = new DateTimeOffset(local.Date + Ends.ToTimeSpan(), Vietnam);
        return (endToday > local ? endToday : endToday.AddDays(1)).ToUniversalTime();
    }
}
