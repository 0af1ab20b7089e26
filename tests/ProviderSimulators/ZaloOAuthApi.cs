namespace DoanKetSangTao.ProviderSimulators;

/// <summary>
/// Zalo's Official Account token endpoint, as Zalo documents the refresh ("Xác thực và ủy quyền cho ứng dụng", OAuth v4):
/// <c>POST /v4/oa/access_token</c>, header <c>secret_key</c> (the app's secret), form <c>app_id</c>,
/// <c>grant_type=refresh_token</c>, <c>refresh_token</c>; answer <c>{access_token, refresh_token, expires_in}</c>
/// (<c>expires_in</c> in seconds, as a string: about 25 hours). A refresh token is single-use: the answer carries the next
/// one, and the used one is refused afterwards. Enabled by <c>Zalo:AppId</c>, <c>Zalo:SecretKey</c> and
/// <c>Zalo:RefreshToken</c> (the first refresh token, as the OA's authorization gave it); ZNS then also accepts the access
/// tokens issued here while they last. <c>POST /_sim/zalo/expire</c> ends the tokens issued so far (as 25 hours would);
/// <c>GET /_sim/zalo/refreshes</c> lists the refreshes asked for.
/// </summary>
public static class ZaloOAuthApi
{
    public const string Path = "/v4/oa/access_token";

    /// <summary>What Zalo gives an OA access token today: 25 hours.</summary>
    public const int ExpiresInSeconds = 90_000;

    public static void MapZaloOAuth(this WebApplication app)
    {
        app.MapPost(Path, Refresh).DisableAntiforgery();
        app.MapPost("/_sim/zalo/expire", (SimulatorState state) =>
        {
            state.ExpireZaloTokens();
            return Results.NoContent();
        });
        app.MapGet("/_sim/zalo/refreshes", (SimulatorState state) => Results.Json(state.ZaloRefreshes()));
    }

    private static async Task<IResult> Refresh(HttpContext context, SimulatorState state)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        var appId = form?["app_id"].ToString();
        var grant = form?["grant_type"].ToString();
        var refresh = form?["refresh_token"].ToString();
        var secret = context.Request.Headers["secret_key"].ToString();
        if (string.IsNullOrEmpty(state.Settings["Zalo:AppId"]) || appId != state.Settings["Zalo:AppId"] || secret != state.Settings["Zalo:SecretKey"])
        {
            state.RecordZaloRefresh(refresh, accepted: false);
            return Results.Json(new { error = -14002, error_name = "Invalid app id or secret key" });
        }

        if (grant != "refresh_token" || string.IsNullOrEmpty(refresh) || state.IssueZaloTokens(refresh) is not { } issued)
        {
            state.RecordZaloRefresh(refresh, accepted: false);
            return Results.Json(new { error = -14014, error_name = "Invalid refresh token" });
        }

        state.RecordZaloRefresh(refresh, accepted: true);
        return Results.Json(new
        {
            access_token = issued.AccessToken,
            refresh_token = issued.RefreshToken,
            expires_in = ExpiresInSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}

/// <summary>One refresh asked of the token endpoint: the refresh token given, and whether it was accepted.</summary>
public sealed record ZaloRefresh(DateTimeOffset At, string? RefreshToken, bool Accepted);
