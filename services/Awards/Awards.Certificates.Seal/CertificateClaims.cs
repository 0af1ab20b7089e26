namespace DoanKetSangTao.Awards.Certificates;

/// <summary>
/// What a certificate's seal vouches for: the content a verifier shows, signed by the issuing body's key. The holder's
/// full name is here (the offline check shows it whole); the public page masks it.
/// </summary>
public sealed record CertificateClaims(
    string Code,
    string BodyKey,
    string BodyName,
    string DecisionNumber,
    DateOnly DecisionDate,
    string Award,
    string HolderName,
    string? InitiativeTitle,
    DateTimeOffset IssuedAt);

/// <summary>An issuing body's private key as it seals: <paramref name="Kid"/> names it in the trust list. Its holder disposes it.</summary>
public sealed record SealingKey(string BodyKey, string Kid, System.Security.Cryptography.ECDsa PrivateKey) : IDisposable
{
    public void Dispose() => PrivateKey.Dispose();
}
