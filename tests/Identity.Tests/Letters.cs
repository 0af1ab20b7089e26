using System.Text.RegularExpressions;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.IdentityTests;

/// <summary>Letters that arrive at the SMTP server after a step of the test, read as the person reads them.</summary>
public static partial class Letters
{
    public static int Count(string address) => Mailbox.To(address).Count;

    /// <summary>Waits for a letter to <paramref name="address"/> beyond the <paramref name="before"/> already there, whose subject is <paramref name="subject"/>: its link to <paramref name="path"/>.</summary>
    public static Task<Uri> WaitForNewLinkAsync(string address, int before, string subject, string path) =>
        TestInfrastructure.EventuallyAsync(() => Task.FromResult(
                Mailbox.To(address).Skip(before).Where(m => m.Subject == subject)
                    .SelectMany(m => Links().Matches(m.TextBody ?? string.Empty).Select(l => new Uri(l.Value)))
                    .LastOrDefault(u => u.AbsolutePath.EndsWith(path, StringComparison.Ordinal))),
            TimeSpan.FromSeconds(60), $"a new letter '{subject}' to {address} with a link to {path}");

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
