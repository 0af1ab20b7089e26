using System.Security.Cryptography;
using System.Text.Json;
using DoanKetSangTao.Domain;
using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.Identity.API.Infrastructure;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace DoanKetSangTao.Identity.API.Apis;

/// <summary>
/// Ứng dụng tích hợp, <c>/api/v1/integration-clients</c>: operators register other systems with the scopes they may use and
/// the unit they act for; secrets are shown once, expire and are rotated.
/// </summary>
public static class IntegrationClientsApi
{
    public static IEndpointRouteBuilder MapIntegrationClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/v1/integration-clients").WithTags("Ứng dụng tích hợp (integration clients)")
            .RequireRoles(PlatformRoles.Operator);
        clients.MapPost("/", CreateIntegrationClient);
        clients.MapGet("/", ListIntegrationClients);
        clients.MapPost("/{clientId}/secret", RotateIntegrationClientSecret);
        return app;
    }

    /// <summary>Đăng ký ứng dụng tích hợp (người vận hành): trả khóa bí mật một lần duy nhất.</summary>
    public static async Task<Results<Created<IntegrationClientSecretResponse>, ProblemHttpResult>> CreateIntegrationClient(CreateIntegrationClientRequest request,
        CurrentUser user, IOpenIddictApplicationManager applications, IdentityServerOptions options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.ClientId is not { Length: >= 3 and <= 64 } clientId || !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("clientId", "Mã ứng dụng dài 3–64 ký tự, chỉ gồm chữ không dấu, số, '-', '_' hoặc '.'.");
        }

        if (VietnameseText.TryNormalize(request.DisplayName) is not { Length: > 0 and <= 200 })
        {
            errors.Add("displayName", "Vui lòng nhập tên ứng dụng (tối đa 200 ký tự).");
        }

        var allowed = new[] { PlatformScopes.StatisticsRead, PlatformScopes.RegistrationsBulk };
        if (request.Scopes is not { Length: > 0 } scopes || scopes.Any(s => !allowed.Contains(s)))
        {
            errors.Add("scopes", $"Chọn ít nhất một phạm vi trong: {string.Join(", ", allowed)}.");
        }

        if (AdministrativeScope.TryParse(request.AdminUnit) is null)
        {
            errors.Add("adminUnit", "Đơn vị phải có dạng VN, VN/<mã tỉnh> hoặc VN/<mã tỉnh>/<mã xã>.");
        }

        if (errors.ToRefusal() is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (request.ClientId!.StartsWith("svc-", StringComparison.Ordinal) || await applications.FindByClientIdAsync(request.ClientId, ct) is not null)
        {
            return Refusal.Conflict("client_id_taken", "Mã ứng dụng này đã được dùng; chọn mã khác.").ToProblem();
        }

        var secret = NewSecret();
        var expires = clock.GetUtcNow() + options.ClientSecretLifetime;
        await applications.CreateAsync(ConfiguredSeed.Descriptor(new SeedClient(request.ClientId, secret, VietnameseText.TryNormalize(request.DisplayName)!,
            request.Scopes!, AdminUnit: request.AdminUnit, Organization: request.OrganizationId?.ToString()), expires), ct);
        return TypedResults.Created($"/api/v1/integration-clients/{request.ClientId}", new IntegrationClientSecretResponse(request.ClientId, secret, expires));
    }

    /// <summary>Các ứng dụng tích hợp đã đăng ký (không gồm ứng dụng của các dịch vụ trong nền tảng).</summary>
    public static async Task<Ok<List<IntegrationClientResponse>>> ListIntegrationClients(IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var list = new List<IntegrationClientResponse>();
        await foreach (var application in applications.ListAsync(count: 1000, offset: 0, ct))
        {
            var properties = await applications.GetPropertiesAsync(application, ct);
            if (!properties.TryGetValue(PersonPrincipals.AdminUnitProperty, out var unit))
            {
                continue;
            }

            var permissions = await applications.GetPermissionsAsync(application, ct);
            list.Add(new IntegrationClientResponse((await applications.GetClientIdAsync(application, ct))!, (await applications.GetDisplayNameAsync(application, ct))!,
                permissions.Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..]).ToList(),
                unit.GetString(), properties.TryGetValue(PersonPrincipals.SecretExpiresAtProperty, out var e) ? e.GetDateTimeOffset() : null));
        }

        return TypedResults.Ok(list);
    }

    /// <summary>Cấp khóa bí mật mới cho ứng dụng tích hợp: khóa cũ thôi hiệu lực ngay.</summary>
    public static async Task<Results<Ok<IntegrationClientSecretResponse>, ProblemHttpResult>> RotateIntegrationClientSecret(string clientId,
        IOpenIddictApplicationManager applications, IdentityServerOptions options, TimeProvider clock, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null || !(await applications.GetPropertiesAsync(application, ct)).ContainsKey(PersonPrincipals.AdminUnitProperty))
        {
            return Refusal.NotFound("client_not_found", "Không tìm thấy ứng dụng tích hợp này.").ToProblem();
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        var secret = NewSecret();
        var expires = clock.GetUtcNow() + options.ClientSecretLifetime;
        descriptor.ClientSecret = secret;
        descriptor.Properties[PersonPrincipals.SecretExpiresAtProperty] = JsonSerializer.SerializeToElement(expires);
        await applications.UpdateAsync(application, descriptor, ct);
        return TypedResults.Ok(new IntegrationClientSecretResponse(clientId, secret, expires));
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
