using Dapper;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Notification.API.Domain;

namespace DoanKetSangTao.Notification.API.Infrastructure;

/// <summary>One version of a kind's template on a channel. <see cref="UsesDefault"/>: it renders the shipped default.</summary>
public sealed record TemplateVersionRow(
    string Kind, string Channel, int Version, bool UsesDefault, string? Subject, string? Body, string? ProviderTemplateId,
    int? RestoredFrom, string AuthorId, string? AuthorName, string? Note, DateTime CreatedAt)
{
    /// <summary>The text this version renders: its own, or the running release's default.</summary>
    public TemplateText TextOr(TemplateText shipped) => UsesDefault ? shipped : new TemplateText(Subject, Body ?? string.Empty, ProviderTemplateId);
}

/// <summary>The version a save or a rollback asks for: its text (null: the shipped default), who and why.</summary>
public sealed record NewTemplateVersion(TemplateText? Text, int? RestoredFrom, string AuthorId, string? AuthorName, string? Note);

/// <summary>The version in force after a save: <see cref="Created"/> false when the text was already in force (nothing added).</summary>
public sealed record SavedVersion(int Version, bool Created, bool Conflict);

/// <summary>
/// Phiên bản mẫu thông báo (<c>notification_templates</c>): the versions operators saved. The one in force is the newest;
/// version 0, which has no row, is the shipped default.
/// </summary>
public sealed class TemplateStore(ServiceDatabase db)
{
    private const string Columns =
        """
        kind AS Kind, channel AS Channel, version AS Version, uses_default AS UsesDefault, subject AS Subject, body AS Body,
        provider_template_id AS ProviderTemplateId, restored_from AS RestoredFrom, author_id AS AuthorId, author_name AS AuthorName,
        note AS Note, created_at AS CreatedAt
        """;

    /// <summary>The number of the version in force (0: the shipped default): read per message, one probe of the primary key.</summary>
    public Task<int> ActiveVersionAsync(string kind, string channel, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) FROM notification_templates WHERE kind = @kind AND channel = @channel",
            new { kind, channel }, cancellationToken: ct)), ct);

    public Task<TemplateVersionRow?> FindAsync(string kind, string channel, int version, CancellationToken ct) =>
        db.ReadAsync(null, (connection, _) => connection.QuerySingleOrDefaultAsync<TemplateVersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM notification_templates WHERE kind = @kind AND channel = @channel AND version = @version",
            new { kind, channel, version }, cancellationToken: ct)), ct);

    /// <summary>Every version of the kind's template on the channel, newest (in force) first.</summary>
    public Task<IReadOnlyList<TemplateVersionRow>> HistoryAsync(string kind, string channel, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<TemplateVersionRow>>(null, async (connection, _) => (await connection.QueryAsync<TemplateVersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM notification_templates WHERE kind = @kind AND channel = @channel ORDER BY version DESC",
            new { kind, channel }, cancellationToken: ct))).ToList(), ct);

    /// <summary>The version in force of every template an operator changed (the others are at version 0).</summary>
    public Task<IReadOnlyList<TemplateVersionRow>> InForceAsync(CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<TemplateVersionRow>>(null, async (connection, _) => (await connection.QueryAsync<TemplateVersionRow>(new CommandDefinition(
            $"SELECT DISTINCT ON (kind, channel) {Columns} FROM notification_templates ORDER BY kind, channel, version DESC",
            cancellationToken: ct))).ToList(), ct);

    /// <summary>
    /// Adds the next version, unless its text is already in force (then nothing changes). One writer at a time per kind
    /// and channel (a transaction lock), so two operators saving together get two versions, not one lost.
    /// <paramref name="baseVersion"/>: the version the operator edited; when another was saved since, nothing is added.
    /// </summary>
    public async Task<SavedVersion> AddAsync(string kind, string channel, TemplateText shipped, NewTemplateVersion next, int? baseVersion, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('notification_templates'), hashtext(@key))",
            new { key = $"{kind}/{channel}" }, session.Tx, cancellationToken: ct));
        var active = await session.Connection.QuerySingleOrDefaultAsync<TemplateVersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM notification_templates WHERE kind = @kind AND channel = @channel ORDER BY version DESC LIMIT 1",
            new { kind, channel }, session.Tx, cancellationToken: ct));
        var activeVersion = active?.Version ?? 0;
        if (baseVersion is { } expected && expected != activeVersion)
        {
            return new SavedVersion(activeVersion, false, true);
        }

        var inForce = active is null ? shipped : active.TextOr(shipped);
        var usesDefault = active is null || active.UsesDefault;
        // Nothing changes when the text asked for is the one in force (a default saved back as typed included).
        if (next.Text is null ? usesDefault : inForce == next.Text)
        {
            return new SavedVersion(activeVersion, false, false);
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_templates (kind, channel, version, uses_default, subject, body, provider_template_id, restored_from,
                                                author_id, author_name, note)
            VALUES (@Kind, @Channel, @Version, @UsesDefault, @Subject, @Body, @ProviderTemplateId, @RestoredFrom, @AuthorId, @AuthorName, @Note)
            """,
            new
            {
                Kind = kind, Channel = channel, Version = activeVersion + 1, UsesDefault = next.Text is null, next.Text?.Subject, next.Text?.Body,
                next.Text?.ProviderTemplateId, next.RestoredFrom, next.AuthorId, next.AuthorName, next.Note,
            },
            session.Tx, cancellationToken: ct));
        await session.CommitAsync(ct);
        return new SavedVersion(activeVersion + 1, true, false);
    }

    /// <summary>Gửi thử: queues one message of the kind to <paramref name="step"/>'s address, sent by the channel's sender.</summary>
    public async Task QueueTestAsync(Notice notice, ChannelStep step, CancellationToken ct)
    {
        await using var session = await db.BeginAsync(ct);
        await DeliveryStore.EnqueueAsync(session, null, notice, [step], ct);
        await session.CommitAsync(ct);
    }

    /// <summary>Gửi thử vào hộp thư: files the rendered in-app message in the operator's own inbox.</summary>
    public async Task<Guid> FileTestNoticeAsync(string recipientId, string kind, RenderedMessage message, string fallbackTitle, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            INSERT INTO notifications (id, recipient_id, kind, title, body, subject_id, source_event_id)
            VALUES (@Id, @RecipientId, @Kind, @Title, @Body, NULL, @SourceEventId)
            """,
            new { Id = id, RecipientId = recipientId, Kind = kind, Title = message.Subject ?? fallbackTitle, message.Body, SourceEventId = Guid.CreateVersion7() }, ct);
        return id;
    }
}
