using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using DoanKetSangTao.ServiceDefaults.Http;

namespace DoanKetSangTao.ServiceDefaults.Security;

public static class AuthenticationExtensions
{
    public const string DefaultAudience = "doanketsangtao-api";

    /// <summary>
    /// JWT bearer validation against the identity provider named by <c>Identity:Authority</c>
    /// (OIDC discovery gives issuer and signing keys). Every endpoint needs an authenticated caller
    /// unless it opts out explicitly; roles and scope are checked per endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Identity");
        var authority = section["Authority"];
        if (string.IsNullOrWhiteSpace(authority))
        {
            throw new InvalidOperationException("Identity:Authority is not configured: set it to the identity provider's issuer URL.");
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = authority;
            o.Audience = section["Audience"] ?? DefaultAudience;
            // Plain HTTP metadata is accepted only where configuration says so (the local launcher on loopback).
            o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
            o.MapInboundClaims = false;
            o.TokenValidationParameters.NameClaimType = PlatformClaims.Name;
            o.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
            o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            o.Events = new JwtBearerEvents
            {
                OnChallenge = async ctx =>
                {
                    ctx.HandleResponse();
                    var (code, detail) = ctx.AuthenticateFailure is null
                        ? ("unauthenticated", Problems.DefaultFor(401).Detail)
                        : ("invalid_token", "Mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.");
                    ctx.Response.Headers.WWWAuthenticate = "Bearer";
                    await WriteProblemAsync(ctx.HttpContext, 401, code, detail);
                },
                OnForbidden = ctx => WriteProblemAsync(ctx.HttpContext, 403, "forbidden", Problems.DefaultFor(403).Detail),
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(sp => CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext
            ?? throw new InvalidOperationException("CurrentUser is only available inside a request.")));
        return builder;
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = Problems.TitleFor(status), Detail = detail };
        problem.Extensions["code"] = code;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
