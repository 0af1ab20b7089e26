using System.Text.RegularExpressions;
using MimeKit;

namespace DoanKetSangTao.Tests.Support;

/// <summary>The letters the SMTP sink received (one .eml per message in DKST_MAIL_DIR), read as a mail client would.</summary>
public static partial class Mailbox
{
    /// <summary>The text of every letter to <paramref name="address"/>, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> To(string address) =>
        Directory.EnumerateFiles(TestInfrastructure.MailDirectory, "*.eml")
            .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(f => f.Time).Select(f => MimeMessage.Load(f.File))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>
    /// Waits for a letter to <paramref name="address"/> carrying a link whose path ends with <paramref name="path"/> (and, when
    /// <paramref name="site"/> is given, that points at it: the sink keeps the letters of earlier runs to the same address), and
    /// answers the newest such link.
    /// </summary>
    public static Task<Uri> WaitForLinkAsync(string address, string path, TimeSpan? timeout = null, Uri? site = null) =>
        TestInfrastructure.EventuallyAsync(() => Task.FromResult(
                To(address).Select(m => m.TextBody ?? string.Empty).SelectMany(t => Links().Matches(t).Select(l => new Uri(l.Value)))
                    .LastOrDefault(u => u.AbsolutePath.EndsWith(path, StringComparison.Ordinal) && (site is null || site.IsBaseOf(u)))),
            timeout ?? TimeSpan.FromSeconds(30), $"a letter to {address} with a link to {path}");

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
