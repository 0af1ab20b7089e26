using Dapper;
using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.API.Domain;
using DoanKetSangTao.Awards.Certificates;
using DoanKetSangTao.Messaging;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Awards.API.Infrastructure;

/// <summary>Where the public verification page is reached: the QR codes carry this address.</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>The platform's public address (the gateway's), e.g. <c>https://sangtao.mattran.org.vn</c>; no trailing slash.</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;
}

/// <summary>
/// Cấp giấy chứng nhận: inside the issuing transaction, each recipient gets a random verification code, a seal signed
/// by the issuing body's current key, a row queued for rendering, and an entry in the public log; revocation and
/// supersession append theirs. Rendering the PDF happens after, in <see cref="CertificateRenderer"/>.
/// </summary>
public sealed class CertificateIssuance(IssuerKeyRing keys, IOptions<CertificateOptions> options, TimeProvider clock)
{
    /// <summary>The NOTIFY channel that wakes the renderer.</summary>
    public const string Channel = "awards_certificates";

    /// <summary>The certificates of every recipient of a decision being issued, sealed with the body's current key.</summary>
    public async Task IssueAsync(DatabaseSession session, DecisionRow decision, IReadOnlyList<RecipientRow> recipients, CancellationToken ct)
    {
        using var key = await keys.CurrentAsync(session.Connection, session.Tx, decision.BodyKey, decision.BodyName, ct);
        var issuedAt = clock.GetUtcNow();
        var rows = recipients.Select(recipient =>
        {
            var code = VerificationCode.New();
            var seal = CertificateSeal.Seal(
                new CertificateClaims(code, decision.BodyKey, decision.BodyName, decision.NumberText!, decision.DecisionDate!.Value,
                    decision.AwardTypeName, recipient.FullName, recipient.InitiativeTitle, issuedAt),
                key, options.Value.PublicBaseUrl);
            return new { code, recipient = recipient.Id, decision = decision.Id, seal };
        }).ToList();
        // One statement for the whole decision (arrays unnested), not one round trip per certificate.
        await session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificates (code, recipient_id, decision_id, seal)
            SELECT t.code, t.recipient_id, @decision, t.seal FROM unnest(@codes::text[], @recipients::uuid[], @seals::text[]) AS t(code, recipient_id, seal)
            """,
            new
            {
                decision = decision.Id, codes = rows.Select(r => r.code).ToArray(), recipients = rows.Select(r => r.recipient).ToArray(),
                seals = rows.Select(r => r.seal).ToArray(),
            }, session.Tx, cancellationToken: ct));
        await CertificateLog.AppendManyAsync(session.Connection, session.Tx,
            rows.Select(r => new CertificateLogEvent(CertificateLogChain.Issued, r.code, decision.NumberText!, decision.BodyKey)).ToList(), ct);
    }

    /// <summary>The log's entries for the certificates of a decision that was revoked or superseded.</summary>
    public static Task EndAsync(DatabaseSession session, DecisionRow decision, IReadOnlyList<string> codes, string status, CancellationToken ct) =>
        CertificateLog.AppendManyAsync(session.Connection, session.Tx,
            codes.Select(code => new CertificateLogEvent(
                status == DecisionStatuses.Superseded ? CertificateLogChain.Superseded : CertificateLogChain.Revoked,
                code, decision.NumberText!, decision.BodyKey)).ToList(), ct);

    /// <summary>Wakes the renderer when the transaction commits.</summary>
    public static Task SignalAsync(DatabaseSession session, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition($"SELECT pg_notify('{Channel}', '')", transaction: session.Tx, cancellationToken: ct));
}
