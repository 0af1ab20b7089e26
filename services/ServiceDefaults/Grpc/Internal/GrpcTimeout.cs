using System.Globalization;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Internal;

/// <summary>
/// The grpc-timeout header: at most 8 ASCII digits then a unit (H hours, M minutes, S seconds,
/// m milliseconds, u microseconds, n nanoseconds).
/// </summary>
internal static class GrpcTimeout
{
    public const int MaxDigits = 8;
    private const long MaxValue = 99_999_999;

    // Units from finest to coarsest, in ticks (100 ns) per unit; nanoseconds are handled apart.
    private static readonly (char Unit, long TicksPerUnit)[] Units =
    [
        ('u', 10),
        ('m', TimeSpan.TicksPerMillisecond),
        ('S', TimeSpan.TicksPerSecond),
        ('M', TimeSpan.TicksPerMinute),
        ('H', TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > MaxDigits + 1)
        {
            return false;
        }

        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var amount = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var unit = value[^1];
        if (unit == 'n')
        {
            // Round up so a tiny timeout is not read as none at all.
            timeout = TimeSpan.FromTicks((amount + 99) / 100);
            return true;
        }

        foreach (var (u, ticksPerUnit) in Units)
        {
            if (u == unit)
            {
                // 99,999,999 hours is 3.6e18 ticks: fits in a long, so no overflow is possible.
                timeout = TimeSpan.FromTicks(amount * ticksPerUnit);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The shortest exact-or-rounded-up form in at most 8 digits. Rounding up keeps the server's
    /// deadline no earlier than the client's. Non-positive timeouts format as 1n (already due).
    /// </summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = timeout.Ticks;
        if (ticks <= 0)
        {
            return "1n";
        }

        if (ticks <= MaxValue / 100)
        {
            return (ticks * 100).ToString(CultureInfo.InvariantCulture) + "n";
        }

        foreach (var (unit, ticksPerUnit) in Units)
        {
            var amount = (ticks / ticksPerUnit) + (ticks % ticksPerUnit == 0 ? 0 : 1);
            if (amount <= MaxValue)
            {
                return amount.ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }

    /// <summary>The absolute UTC deadline, clamped to <see cref="DateTime.MaxValue"/>.</summary>
    public static DateTime ToDeadline(DateTime utcNow, TimeSpan timeout) =>
        timeout >= DateTime.MaxValue - utcNow ? DateTime.MaxValue : utcNow + timeout;
}
