using DoanKetSangTao.Domain;
using System.Security.Claims;
using System.Security.Cryptography;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoanKetSangTao.Gateway.DevelopmentIdentity;

public sealed class DevelopmentIdentityOptions
{
    /// <summary>Off unless configuration switches it on: production tokens come from the Front's identity provider.</summary>
    public bool Enabled { get; set; }

    /// <summary>The issuer URL services use as their authority (OIDC discovery), e.g. http://127.0.0.1:8080/dev-identity.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Where the signing key is kept so tokens survive a restart; a new key is created when missing.</summary>
    public string? KeyFile { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}

public sealed record TokenRequest(string? UserName);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string UserName, string Name, string[] Roles, string AdminUnit);

/// <summary>
/// A development token issuer for the local default: OIDC discovery, a JWKS and a token endpoint for the
/// seeded demo users. It answers only callers on this machine, and only when DevIdentity:Enabled is true.
/// </summary>
public static class DevelopmentIdentityExtensions
{
    public const string PathPrefix = "/dev-identity";

    public static IHostApplicationBuilder AddDevelopmentIdentity(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("DevIdentity").Get<DevelopmentIdentityOptions>() ?? new DevelopmentIdentityOptions();
        builder.Services.AddSingleton(options);
        if (options.Enabled && !builder.Environment.IsDevelopment())
        {
            // One stray setting must not let anyone mint an operator's token in production.
            throw new InvalidOperationException(
                $"DevIdentity:Enabled is true in the '{builder.Environment.EnvironmentName}' environment; the development token issuer runs only in Development.");
        }

        if (options.Enabled)
        {
            builder.Services.AddSingleton(_ => new SigningKey(LoadOrCreateKey(options.KeyFile)));
        }

        return builder;
    }

    public static WebApplication MapDevelopmentIdentity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DevelopmentIdentityOptions>();
        if (!options.Enabled)
        {
            return app;
        }

        var group = app.MapGroup(PathPrefix).WithTags("Development identity").AllowAnonymous()
            .AddEndpointFilter(async (ctx, next) => ctx.HttpContext.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip)
                ? await next(ctx)
                : Refusal.Forbidden("dev_identity_local_only", "Máy chủ cấp mã truy cập thử nghiệm chỉ phục vụ trên máy cục bộ.").ToProblem());
        group.MapGet("/.well-known/openid-configuration", () => TypedResults.Ok(new Dictionary<string, object>
        {
            ["issuer"] = options.Issuer,
            ["jwks_uri"] = options.Issuer + "/jwks",
            ["token_endpoint"] = options.Issuer + "/token",
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        })).WithSummary("Cấu hình OpenID của máy chủ cấp mã thử nghiệm (chỉ trên máy cục bộ).");
        group.MapGet("/jwks", (SigningKey key) =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return TypedResults.Ok(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = key.KeyId, n = jwk.N, e = jwk.E } } });
        }).WithSummary("Khóa công khai để kiểm tra chữ ký mã truy cập thử nghiệm.");
        group.MapGet("/users", () => TypedResults.Ok(DemoUsers.All)).WithSummary("Danh sách người dùng thử nghiệm và vai trò của họ.");
        group.MapGet("/organizations", () => TypedResults.Ok(DemoUsers.Organizations)).WithSummary("Danh sách cơ quan, đơn vị thử nghiệm.");
        group.MapPost("/token", IssueToken).WithSummary("Cấp mã truy cập cho một người dùng thử nghiệm.");
        return app;
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> IssueToken(TokenRequest request, SigningKey key, DevelopmentIdentityOptions options, TimeProvider clock)
    {
        var user = DemoUsers.All.FirstOrDefault(u => string.Equals(u.UserName, request.UserName, StringComparison.Ordinal));
        if (user is null)
        {
            return Refusal.NotFound("demo_user_not_found",
                $"Không có người dùng thử nghiệm này. Chọn một trong: {string.Join(", ", DemoUsers.All.Select(u => u.UserName))}.").ToProblem();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, user.UserName),
            new(PlatformClaims.Name, user.Name),
            new(PlatformClaims.Email, user.Email),
            new(PlatformClaims.AdministrativeUnit, user.AdminUnit),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(PlatformClaims.Role, r)));
        if (user.Organization is not null)
        {
            claims.Add(new Claim(PlatformClaims.Organization, user.Organization));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = AuthenticationExtensions.DefaultAudience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.TokenLifetime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = key.KeyId }, SecurityAlgorithms.RsaSha256),
        });
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)options.TokenLifetime.TotalSeconds, user.UserName, user.Name, user.Roles, user.AdminUnit));
    }

    private static RSA LoadOrCreateKey(string? keyFile)
    {
        var rsa = RSA.Create(2048);
        if (keyFile is null)
        {
            return rsa;
        }

        if (File.Exists(keyFile))
        {
            rsa.ImportFromPem(File.ReadAllText(keyFile));
            return rsa;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return rsa;
    }

    public sealed class SigningKey(RSA rsa)
    {
        public RSA Rsa { get; } = rsa;

        public string KeyId { get; } = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
    }
}
