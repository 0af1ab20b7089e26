using System.Text.Json;
using System.Text.Json.Serialization;

namespace DoanKetSangTao.Awards.Certificates;

/// <summary>
/// The issuing bodies' public keys, as the service publishes them (GET /api/v1/certificates/trust-list) and an offline
/// checker reads them: <c>{bodies: [{bodyKey, bodyName, keys: [{kid, alg: "ES256", publicKey, activatesAt, retiredAt}]}]}</c>,
/// <c>publicKey</c> being the key's SubjectPublicKeyInfo (DER) in base64. A retired key stays listed: the certificates it
/// sealed keep verifying.
/// </summary>
public sealed record TrustList(IReadOnlyList<TrustedBody> Bodies)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    /// <summary>The key <paramref name="kid"/> of <paramref name="bodyKey"/>; a body's seal is never checked with another body's key.</summary>
    public TrustedKey? Find(string bodyKey, string kid) =>
        Bodies.FirstOrDefault(b => string.Equals(b.BodyKey, bodyKey, StringComparison.Ordinal))?
            .Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a trust list; null when the text is not one.</summary>
    public static TrustList? Parse(string json)
    {
        try
        {
            var list = JsonSerializer.Deserialize<TrustList>(json, Json);
            return list?.Bodies is null || list.Bodies.Any(b => b?.BodyKey is null || b.Keys is null || b.Keys.Any(k => k?.Kid is null || k.PublicKey is null))
                ? null
                : list;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record TrustedBody(string BodyKey, string BodyName, IReadOnlyList<TrustedKey> Keys);

/// <summary>One public key: it seals from <paramref name="ActivatesAt"/> until <paramref name="RetiredAt"/> (null while in use).</summary>
public sealed record TrustedKey(string Kid, string Alg, string PublicKey, DateTimeOffset ActivatesAt, DateTimeOffset? RetiredAt)
{
    public const string Es256 = "ES256";
}
