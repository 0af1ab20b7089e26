using Dapper;
using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.Certificates;
using DoanKetSangTao.Contracts.IntegrationEvents;
using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Messaging;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>A certificate waiting to be rendered.</summary>
public sealed record CertificateJob(string Code, int Attempts) : IQueueItem;

/// <summary>
/// Makes the certificates of issued decisions in the background (a thousand at the centre take a while): claims them
/// with a lease, so replicas share the work and a crash leaves nothing half-done, renders each PDF outside any
/// transaction, then stores it and announces <see cref="CertificateIssued"/> in one transaction. The decision's page
/// shows the progress (ready of total).
/// </summary>
public sealed class CertificateRenderer(
    NpgsqlDataSource dataSource, ServiceDatabase db, CertificateStore certificates, IssuerKeyRing keys, TimeProvider clock,
    ILogger<CertificateRenderer> logger)
    : IClaimedQueue<CertificateJob>
{
    public QueueSettings Settings => new("Certificates", CertificateIssuance.Channel, TimeSpan.FromSeconds(10), MaxAttempts: 10);

    public async Task<IClaimedBatch<CertificateJob>> ClaimAsync(CancellationToken cancellationToken) =>
        new Batch(this, await LeasedClaim.ClaimAsync<CertificateJob>(
            dataSource, "certificates", "code AS Code, attempts AS Attempts", limit: 20, lease: TimeSpan.FromMinutes(2), cancellationToken));

    private async Task RenderAsync(CertificateJob job, CancellationToken ct)
    {
        var row = await certificates.FindAsync(job.Code, ct) ?? throw new InvalidOperationException($"Certificate {job.Code} vanished.");
        // The PDF is signed too, by the body's key as a self-signed certificate (adbe.pkcs7.detached, not PAdES: see
        // Certificates/README.md); the QR code's seal is what anyone verifies, online or offline.
        SealingKey key;
        await using (var read = await db.BeginAsync(ct))
        {
            key = await keys.CurrentAsync(read.Connection, read.Tx, row.BodyKey, row.BodyName, ct);
            await read.CommitAsync(ct);
        }

        byte[] pdf;
        using (key)
        using (var signer = CertificatePdfSigning.SelfSigned(key, row.BodyName, clock.GetUtcNow()))
        {
            pdf = CertificatePdf.Render(row.ToContent(), signer);
        }

        await using var session = await db.BeginAsync(ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE certificates SET pdf = @pdf, status = 'ready', rendered_at = now(), lease_until = NULL, last_error = NULL,
                   attempts = attempts + 1
            WHERE code = @Code
            """, new { pdf, job.Code }, session.Tx, cancellationToken: ct));
        await session.PublishAsync(new CertificateIssued(
            Guid.NewGuid(), clock.GetUtcNow(), row.Code, row.DecisionId, row.RecipientId, row.FullName, row.AccountId, row.Email,
            row.NumberText!, row.AwardName), ct);
        await session.CommitAsync(ct);
    }

    private Task FailAsync(CertificateJob job, QueueFailure failure)
    {
        logger.LogWarning(failure.Error, "Certificate {Code} failed on attempt {Attempt}", job.Code, failure.Attempt);
        return db.ExecuteAsync(
            """
            UPDATE certificates SET status = @status, attempts = @Attempt, next_attempt_at = @NextAttemptAt, lease_until = NULL, last_error = @ErrorText
            WHERE code = @Code
            """,
            new { job.Code, status = failure.GivesUp ? "failed" : "pending", failure.Attempt, failure.NextAttemptAt, failure.ErrorText },
            CancellationToken.None);
    }

    private sealed class Batch(CertificateRenderer renderer, IReadOnlyList<CertificateJob> items) : IClaimedBatch<CertificateJob>
    {
        public IReadOnlyList<CertificateJob> Items => items;

        public Task ProcessAsync(CertificateJob item, CancellationToken cancellationToken) => renderer.RenderAsync(item, cancellationToken);

        // Recorded with the PDF, in ProcessAsync's transaction.
        public Task CompleteAsync(CertificateJob item, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task FailAsync(CertificateJob item, QueueFailure failure, CancellationToken cancellationToken) => renderer.FailAsync(item, failure);

        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
