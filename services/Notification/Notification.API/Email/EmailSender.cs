using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Mail;
using System.Text;
using Dapper;
using DoanKetSangTao.ServiceDefaults.Data;
using DoanKetSangTao.ServiceDefaults.Messaging;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DoanKetSangTao.Notification.API.Email;

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "doanketsangtao@mattran.org.vn";

    public string FromName { get; set; } = "Phong trào Đoàn kết sáng tạo";

    public int MaxAttempts { get; set; } = 8;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Sends queued e-mails over SMTP (MailKit cannot be restored here; System.Net.Mail is enough for plain
/// UTF-8 mail). Rows are claimed with SKIP LOCKED so replicas share the queue; a failure is retried with
/// backoff and marked failed after <see cref="SmtpOptions.MaxAttempts"/>. SMTP has no idempotency: a crash
/// between the server's accept and the commit can send a mail twice, so each carries a stable Message-ID
/// derived from its delivery id for mail clients to collapse.
/// </summary>
public sealed class EmailSender(NpgsqlDataSource db, DatabaseSchema schema, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<EmailSender> logger)
    : BackgroundService
{
    private static readonly Counter<long> Deliveries = PlatformTelemetry.Meter.CreateCounter<long>("dkst.notification.email_deliveries");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!schema.IsReady && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(100, stoppingToken);
        }

        using var signal = new DatabaseSignal(db, EmailQueue.Channel, logger);
        var listener = signal.ListenAsync(stoppingToken);
        do
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "E-mail dispatch failed");
            }
        }
        while (await signal.WaitAsync(options.Value.PollInterval, stoppingToken));

        await listener.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task<int> SendBatchAsync(CancellationToken ct)
    {
        var opts = options.Value;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var rows = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            """
            SELECT id AS Id, to_address AS ToAddress, to_name AS ToName, subject AS Subject, body AS Body, attempts AS Attempts
            FROM email_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED
            """, transaction: transaction, cancellationToken: ct))).ToList();

        using var smtp = new SmtpClient(opts.Host, opts.Port) { EnableSsl = opts.EnableSsl, Timeout = 15_000 };
        if (!string.IsNullOrEmpty(opts.UserName))
        {
            smtp.Credentials = new NetworkCredential(opts.UserName, opts.Password);
        }

        var sent = 0;
        foreach (var row in rows)
        {
            try
            {
                using var mail = new MailMessage(new MailAddress(opts.From, opts.FromName, Encoding.UTF8), new MailAddress(row.ToAddress, row.ToName, Encoding.UTF8))
                {
                    Subject = row.Subject,
                    SubjectEncoding = Encoding.UTF8,
                    Body = row.Body,
                    BodyEncoding = Encoding.UTF8,
                    HeadersEncoding = Encoding.UTF8,
                };
                mail.Headers.Add("Message-ID", $"<{row.Id}@doanketsangtao>");
                await smtp.SendMailAsync(mail, ct);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE email_deliveries SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = @Id",
                    new { row.Id }, transaction, cancellationToken: ct));
                Deliveries.Add(1, new KeyValuePair<string, object?>("status", "sent"));
                sent++;
            }
            catch (Exception ex) when (ex is SmtpException or InvalidOperationException or FormatException or IOException)
            {
                var attempts = row.Attempts + 1;
                var giveUp = attempts >= opts.MaxAttempts;
                logger.LogWarning(ex, "E-mail {DeliveryId} failed on attempt {Attempt}{GiveUp}", row.Id, attempts, giveUp ? "; giving up" : string.Empty);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE email_deliveries SET attempts = @attempts, last_error = @error,
                        status = CASE WHEN @giveUp THEN 'failed' ELSE 'pending' END, next_attempt_at = @next
                    WHERE id = @Id
                    """,
                    new { row.Id, attempts, error = ex.Message, giveUp, next = clock.GetUtcNow() + Backoff.After(attempts) },
                    transaction, cancellationToken: ct));
                Deliveries.Add(1, new KeyValuePair<string, object?>("status", giveUp ? "failed" : "retry"));
            }
        }

        await transaction.CommitAsync(ct);
        return sent;
    }

    private sealed record DeliveryRow(Guid Id, string ToAddress, string ToName, string Subject, string Body, int Attempts);
}
