using System.Diagnostics.Metrics;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace DoanKetSangTao.Notification.API.Workers;

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

    /// <summary>With the 5-minute backoff cap, 300 attempts keep retrying through about a day of SMTP outage.</summary>
    public int MaxAttempts { get; set; } = 300;

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Sends queued e-mails over SMTP with MailKit (TLS and authentication as configured; Microsoft tells new code not
/// to use System.Net.Mail.SmtpClient): the e-mail queue's side of the <see cref="ClaimedQueueWorker{TItem}"/>.
/// Deliveries are claimed with a lease (SKIP LOCKED, so replicas share the queue), sent outside any transaction, and
/// each outcome is recorded on its own: a restart mid-batch re-sends nothing already recorded, and a delivery cut by
/// shutdown is tried again when its lease runs out. Transient failures are retried with backoff for about a day; a
/// permanent refusal (5xx about the mailbox) is marked failed. SMTP has no idempotency: a crash between the server's
/// accept and the record re-sends that one mail, which carries a stable Message-ID for mail clients to collapse.
/// </summary>
public sealed class EmailSender(EmailDeliveryStore deliveries, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<EmailSender> logger)
    : IClaimedQueue<EmailDeliveryStore.DeliveryRow>
{
    public const string DeliveriesMetricName = "dkst.notification.email_deliveries";

    /// <summary>Headers as RFC 2047 encoded words even where the server offers SMTPUTF8: every mail client reads those.</summary>
    private static readonly FormatOptions Format = CreateFormat();

    private static readonly Counter<long> Deliveries = PlatformTelemetry.Meter.CreateCounter<long>(
        DeliveriesMetricName, "{email}", "E-mail delivery attempts, by outcome (sent, retry, failed).");

    public QueueSettings Settings => new("E-mail", EmailDeliveryStore.Channel, options.Value.PollInterval, options.Value.MaxAttempts);

    /// <summary>Claims due deliveries (and those whose sender died mid-send) with a lease, in a short transaction.</summary>
    public async Task<IClaimedBatch<EmailDeliveryStore.DeliveryRow>> ClaimAsync(CancellationToken ct)
    {
        var opts = options.Value;
        var rows = await deliveries.ClaimAsync(limit: 20, lease: opts.SendTimeout * 25, ct);
        return new Batch(this, opts, rows);
    }

    public QueueFailureKind Classify(Exception error) => IsPermanent(error) ? QueueFailureKind.Permanent : QueueFailureKind.Retry;

    private async Task MarkAsync(EmailDeliveryStore.DeliveryRow row, QueueFailure? failure, CancellationToken ct)
    {
        var attempts = failure?.Attempt ?? row.Attempts + 1;
        var error = failure?.ErrorText;
        var status = failure is null ? "sent" : failure.GivesUp ? "failed" : "pending";
        if (error is not null)
        {
            logger.LogWarning("E-mail {DeliveryId} failed on attempt {Attempt} ({Status}): {Error}", row.Id, attempts, status, error);
        }

        await deliveries.RecordAsync(row.Id, status, attempts, error, failure?.NextAttemptAt ?? clock.GetUtcNow() + Backoff.After(attempts), ct);
        Deliveries.Add(1, new KeyValuePair<string, object?>("status", error is null ? "sent" : status == "failed" ? "failed" : "retry"));
    }

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

    /// <summary>Deliveries under one lease, sent over one SMTP connection that the batch opens on demand and closes at its end.</summary>
    private sealed class Batch(EmailSender sender, SmtpOptions opts, IReadOnlyList<EmailDeliveryStore.DeliveryRow> items) : IClaimedBatch<EmailDeliveryStore.DeliveryRow>
    {
        private readonly SmtpClient smtp = new();

        public IReadOnlyList<EmailDeliveryStore.DeliveryRow> Items => items;

        public async Task ProcessAsync(EmailDeliveryStore.DeliveryRow row, CancellationToken ct)
        {
            try
            {
                using var message = new MimeMessage();
                message.From.Add(new MailboxAddress(opts.FromName, opts.From));
                message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
                message.Subject = row.Subject;
                message.Body = new TextPart(TextFormat.Plain) { Text = row.Body };
                // Stable per delivery: a re-send after a crash between accept and record is collapsed by mail clients.
                message.MessageId = $"{row.Id}@doanketsangtao";

                // One deadline for connecting, authenticating and sending: a server that stops answering is cut here.
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

                await smtp.SendAsync(Format, message, timeout.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && (!IsPermanent(ex) || ex is not SmtpCommandException))
            {
                // The connection may be in any state after a network error or time-out: start the next mail afresh.
                smtp.Disconnect(false);
                throw;
            }
        }

        public Task CompleteAsync(EmailDeliveryStore.DeliveryRow item, CancellationToken ct) => sender.MarkAsync(item, null, ct);

        public Task FailAsync(EmailDeliveryStore.DeliveryRow item, QueueFailure failure, CancellationToken ct) => sender.MarkAsync(item, failure, ct);

        public Task CommitAsync(CancellationToken ct) => Task.CompletedTask; // each outcome was recorded on its own

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
