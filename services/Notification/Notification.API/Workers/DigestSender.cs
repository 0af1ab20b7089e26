using DoanKetSangTao.Data.Queues;
using DoanKetSangTao.Notification.API.Infrastructure;
using DoanKetSangTao.Contracts.Identity.V1;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Notification.API.Domain;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Notification.API.Workers;

/// <summary>Settings of the digests (section <c>Digests</c>).</summary>
public sealed class DigestOptions
{
    /// <summary>
    /// Kinds gathered into digests besides those the catalogue marks digestible: an operator may add a kind that turns out
    /// to come in bursts for some people.
    /// </summary>
    public string[] Kinds { get; set; } = [];

    public int BatchSize { get; set; } = 20;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a claim holds its digests: queuing one message each is quick; a dead sender's digests are due again after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Gửi bản tổng hợp: the <see cref="ClaimedQueueWorker{TItem}"/> side of the digests. A due digest is claimed with a lease
/// and sent by <see cref="DigestStore.SendAsync"/>, which queues its one message for the delivery senders (e-mail, SMS…)
/// and marks it sent in the same transaction; replicas share the queue, and only the first to finish a digest sends it.
/// </summary>
public sealed class DigestSender(DigestStore digests, IServiceScopeFactory scopes, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestSender> logger)
    : IClaimedQueue<DigestStore.DigestRow>
{
    public QueueSettings Settings => new("Digests", DigestStore.Signal, options.Value.PollInterval, options.Value.MaxAttempts);

    public async Task<IClaimedBatch<DigestStore.DigestRow>> ClaimAsync(CancellationToken cancellationToken) =>
        new Batch(this, await digests.ClaimAsync(options.Value.BatchSize, options.Value.Lease, cancellationToken));

    private async Task SendAsync(DigestStore.DigestRow digest, CancellationToken ct)
    {
        if (!await digests.SendAsync(digest, clock.GetUtcNow(), await ReadersAsync(digest, ct), ct))
        {
            logger.LogInformation("Digest {DigestId} was already sent by another replica", digest.Id);
        }
    }

    /// <summary>A unit's digest goes to its officers today (identity knows them); a person's to that person (null).</summary>
    private async Task<IReadOnlyList<DigestStore.DigestReader>?> ReadersAsync(DigestStore.DigestRow digest, CancellationToken ct)
    {
        if (Inbox.UnitOf(digest.RecipientId) is not { } unit)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory.AccountDirectoryClient>();
        var request = new ListOfficersRequest { OrganizationIds = { unit.ToString() }, Roles = { PlatformRoles.UnitOfficer, PlatformRoles.MemberOrganizationOfficer } };
        var officers = (await directory.ListOfficersAsync(request, cancellationToken: ct)).Officers;
        return officers.DistinctBy(o => o.AccountId).Select(o => new DigestStore.DigestReader(o.AccountId, o.FullName,
            new Contact(string.IsNullOrWhiteSpace(o.Email) ? null : o.Email, string.IsNullOrWhiteSpace(o.Phone) ? null : o.Phone))).ToList();
    }

    private Task FailAsync(DigestStore.DigestRow digest, QueueFailure failure)
    {
        logger.LogWarning(failure.Error, "Digest {DigestId} failed on attempt {Attempt}", digest.Id, failure.Attempt);
        return digests.RecordFailureAsync(digest, failure.GivesUp, failure.Attempt, failure.ErrorText, failure.NextAttemptAt, CancellationToken.None);
    }

    private sealed class Batch(DigestSender sender, IReadOnlyList<DigestStore.DigestRow> items) : IClaimedBatch<DigestStore.DigestRow>
    {
        public IReadOnlyList<DigestStore.DigestRow> Items => items;

        public Task ProcessAsync(DigestStore.DigestRow item, CancellationToken ct) => sender.SendAsync(item, ct);

        public Task CompleteAsync(DigestStore.DigestRow item, CancellationToken ct) => Task.CompletedTask; // recorded with its message

        public Task FailAsync(DigestStore.DigestRow item, QueueFailure failure, CancellationToken ct) => sender.FailAsync(item, failure);

        public Task CommitAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
