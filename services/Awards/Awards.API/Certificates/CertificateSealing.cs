using DoanKetSangTao.Awards.API.Infrastructure.Certificates;
using DoanKetSangTao.Awards.Certificates;
using Npgsql;

namespace DoanKetSangTao.Awards.API.Certificates;

/// <summary>
/// Issuing a decision's certificates, as far as the seal and the log go: each certificate's claims sealed with the
/// body's current key, and an <c>issued</c> entry per certificate appended to the public log, all in the caller's
/// transaction (the certificates, their seals and their log entries exist together or not at all).
/// </summary>
public sealed class CertificateSealing(IssuerKeyRing keys)
{
    /// <summary>
    /// The QR texts of <paramref name="certificates"/> (one issuing body's, in order), their log entries appended. The
    /// log's lock is held from here to the caller's commit: keep the rest of that transaction short.
    /// </summary>
    public async Task<IReadOnlyList<string>> SealAndLogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string publicBaseUrl,
        string bodyName, IReadOnlyList<CertificateClaims> certificates, CancellationToken ct)
    {
        if (certificates.Count == 0)
        {
            return [];
        }

        var body = certificates[0].BodyKey;
        if (certificates.Any(c => c.BodyKey != body))
        {
            throw new ArgumentException("One issuing body's certificates at a time.", nameof(certificates));
        }

        using var key = await keys.CurrentAsync(connection, transaction, body, bodyName, ct);
        var texts = certificates.Select(c => CertificateSeal.Seal(c, key, publicBaseUrl)).ToList();
        await CertificateLog.AppendManyAsync(connection, transaction,
            certificates.Select(c => new CertificateLogEvent(CertificateLogChain.Issued, c.Code, c.DecisionNumber, c.BodyKey)).ToList(), ct);
        return texts;
    }
}
