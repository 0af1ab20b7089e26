using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Tests.Support;

namespace DoanKetSangTao.Tests.EndToEnd;

/// <summary>
/// A government system makes no outbound call its operators did not configure. A real service process runs under
/// <c>strace</c>, which records every address the process, its threads and its children connect or send to, for its whole
/// lifetime: start-up, a request, a consumed event and its e-mail, idling, the graceful stop. Every address must be
/// loopback on a port the service was configured with (or a local socket).
/// </summary>
public sealed partial class OutboundConnectionTests
{
    /// <summary>
    /// MassTransit's usage report, one such call, goes out 5 minutes after the bus starts unless it is turned off
    /// (its default delay; nothing at an earlier stop): the service is watched for longer than that.
    /// </summary>
    private static readonly TimeSpan Observation = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("DKST_OUTBOUND_OBSERVE_SECONDS"), out var s) ? s : 330);

    [Fact]
    public async Task Notification_connects_only_to_its_configured_database_broker_and_mail_server_for_its_whole_lifetime()
    {
        Assert.True(File.Exists("/usr/bin/strace"), "strace is missing: 'launcher/infra.sh install' adds Debian's strace package.");
        var trace = Path.Combine(Path.GetTempPath(), $"dkst-outbound-{Guid.NewGuid():N}.strace");
        // Every thread and child (-f); every call that names a peer address; no signal noise.
        string[] strace = ["/usr/bin/strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-e", "signal=none", "-o", trace];
        var mailbox = $"ngoaivi.{Guid.NewGuid():N}@tacgia.example.vn";
        HashSet<int> allowed;
        await using (var notification = await NotificationProcess.StartAsync(wrapper: strace))
        {
            allowed =
            [
                new Npgsql.NpgsqlConnectionStringBuilder(notification.Database.ConnectionString).Port,
                RabbitMqAddress.Parse(notification.VirtualHost.Uri).Port,
                TestInfrastructure.SmtpPort,
                notification.HttpPort,
                notification.GrpcPort,
            ];

            // A request with a token, validated with the configured key (no discovery call).
            using var http = notification.Client();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/notifications");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", notification.Token());
            using var listed = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);

            // An event through the broker, consumed, and its e-mail through the SMTP server.
            await notification.PublishRegisteredAsync(mailbox, "Sổ tay điện tử cho tổ hòa giải");
            await TestInfrastructure.EventuallyAsync(() => Task.FromResult(NotificationProcess.MailsTo(mailbox).Count > 0 ? (bool?)true : null),
                TimeSpan.FromSeconds(60), "the e-mail of the consumed event");

            // Idle, as a service mostly is, past the moment MassTransit would report usage.
            await Task.Delay(Observation);
            Assert.False(notification.HasExited, "notification stopped on its own:\n" + notification.RecentOutput);

            // strace exits when the last traced process has: once it has, the whole lifetime is in the file.
            await notification.StopAsync();
        }

        var peers = File.ReadLines(trace).Select(Peer).OfType<(string Family, string Address, int Port, string Line)>().ToList();
        File.Delete(trace);
        // The record holds the service's real connections (an empty one would pass anything).
        Assert.Contains(peers, p => p.Port == TestInfrastructure.SmtpPort);
        var unexpected = peers.Where(p => p.Family switch
        {
            "AF_UNIX" or "AF_UNSPEC" or "AF_NETLINK" => false,
            "AF_INET" or "AF_INET6" => !(IPAddress.TryParse(p.Address, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) && allowed.Contains(p.Port)),
            _ => true,
        }).Select(p => p.Line).Distinct().ToList();
        Assert.True(unexpected.Count == 0,
            $"notification reached {unexpected.Count} address(es) it was not configured for (allowed: loopback ports {string.Join(", ", allowed)}):\n{string.Join('\n', unexpected.Take(20))}");
    }

    /// <summary>The peer address of one strace line, when the call named one.</summary>
    private static (string Family, string Address, int Port, string Line)? Peer(string line)
    {
        var family = Family().Match(line);
        if (!family.Success)
        {
            return null;
        }

        var port = PortPattern().Match(line);
        var address = AddressPattern().Match(line);
        return (family.Groups[1].Value, address.Success ? address.Groups[1].Value : string.Empty,
            port.Success ? int.Parse(port.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1, line);
    }

    [GeneratedRegex(@"sa_family=(AF_[A-Z0-9]+)")]
    private static partial Regex Family();

    [GeneratedRegex(@"sin6?_port=htons\((\d+)\)")]
    private static partial Regex PortPattern();

    [GeneratedRegex(@"(?:inet_addr\(""|inet_pton\(AF_INET6?, "")([^""]+)""")]
    private static partial Regex AddressPattern();
}
