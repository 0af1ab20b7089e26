using DoanKetSangTao.Notification.API.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace DoanKetSangTao.Notification.API.Channels;

/// <summary>How the connection to the SMTP server is protected (MailKit's names).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP: only for a server on the same machine or pod (the local sink).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, refused if the server does not offer it (submission port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    SslOnConnect,
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>None by default, which suits the local sink; a real relay needs StartTls or SslOnConnect.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    /// <summary>Authenticates (SASL, with the mechanisms the server offers) when set; anonymous otherwise.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "doanketsangtao@mattran.org.vn";

    public string FromName { get; set; } = "Phong trào Đoàn kết sáng tạo";

    /// <summary>One deadline for connecting, authenticating and sending one mail.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The relay's rate limit, when it has one (messages per second).</summary>
    public double? PerSecond { get; set; }

    /// <summary>The relay's daily quota, when it has one.</summary>
    public int? PerDay { get; set; }
}

/// <summary>
/// Thư điện tử over SMTP with MailKit (TLS and authentication as configured; Microsoft tells new code not to use
/// System.Net.Mail.SmtpClient). A batch shares one connection. SMTP has no idempotency: the Message-ID is the delivery's
/// id, stable across retries, so a re-send after a crash between the server's accept and our record is collapsed by mail
/// clients; the server's answer to DATA (its queue id) is the provider id in the log.
/// </summary>
public sealed class EmailChannel(IOptions<SmtpOptions> options) : IDeliveryChannel
{
    /// <summary>Headers as RFC 2047 encoded words even where the server offers SMTPUTF8: every mail client reads those.</summary>
    private static readonly FormatOptions Format = CreateFormat();

    public string Channel => NotificationChannels.Email;

    public ChannelLimits Limits => new(options.Value.PerSecond, options.Value.PerDay);

    public Task<IChannelSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IChannelSession>(new Session(options.Value));

    /// <summary>The Message-ID of a delivery's mail: the same on every attempt.</summary>
    public static string MessageIdOf(Guid deliveryId) => $"{deliveryId}@doanketsangtao";

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.International = false;
        return format;
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    /// <summary>
    /// A 5xx answer about a recipient or the message will not change on retry; anything else (4xx, network, time-out,
    /// a refused login that an operator can fix) may.
    /// </summary>
    private static bool IsPermanent(Exception ex) => ex switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } c => (int)c.StatusCode >= 500,
        ParseException or FormatException => true,
        _ => false,
    };

    private sealed class Session(SmtpOptions opts) : IChannelSession
    {
        private readonly SmtpClient smtp = new();

        public async Task<ChannelReceipt> SendAsync(OutgoingMessage outgoing, CancellationToken ct)
        {
            try
            {
                using var message = new MimeMessage();
                message.From.Add(new MailboxAddress(opts.FromName, opts.From));
                message.To.Add(new MailboxAddress(outgoing.RecipientName, outgoing.Address));
                message.Subject = outgoing.Content.Subject ?? string.Empty;
                message.Body = new TextPart(TextFormat.Plain) { Text = outgoing.Content.Body };
                message.MessageId = MessageIdOf(outgoing.DeliveryId);

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(opts.SendTimeout);
                if (!smtp.IsConnected)
                {
                    await smtp.ConnectAsync(opts.Host, opts.Port, ToMailKit(opts.Security), timeout.Token);
                    if (!string.IsNullOrEmpty(opts.UserName))
                    {
                        await smtp.AuthenticateAsync(opts.UserName, opts.Password ?? string.Empty, timeout.Token);
                    }
                }

                var answer = await smtp.SendAsync(Format, message, timeout.Token);
                return new ChannelReceipt(string.IsNullOrWhiteSpace(answer) ? MessageIdOf(outgoing.DeliveryId) : answer.Trim());
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                if (ex is not SmtpCommandException)
                {
                    // The connection may be in any state after a network error or time-out: start the next mail afresh.
                    smtp.Disconnect(false);
                }

                throw IsPermanent(ex) ? new ChannelRefusedException(ex is SmtpCommandException c ? ((int)c.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "format",
                    ex.Message, permanent: true) : ex;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (smtp.IsConnected)
            {
                await smtp.DisconnectAsync(true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            smtp.Dispose();
        }
    }
}
