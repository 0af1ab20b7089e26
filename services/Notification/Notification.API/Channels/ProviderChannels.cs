using System.Globalization;

namespace DoanKetSangTao.Notification.API.Channels;

/// <summary>
/// Tin nhắn thương hiệu (brandname SMS) through eSMS.vn's JSON API. Off unless <see cref="BaseUrl"/>, <see cref="ApiKey"/>,
/// <see cref="SecretKey"/> (and, for customer-care messages, <see cref="Brandname"/>) are set: docs/notification-channels.md.
/// </summary>
public sealed class SmsOptions
{
    /// <summary>https://rest.esms.vn/ in production; the local provider server (tests/ProviderSimulators) in development.</summary>
    public string? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>The sender name registered with the carriers (pre-registration required by eSMS for SmsType 2).</summary>
    public string? Brandname { get; set; }

    /// <summary>eSMS message type: 2 = customer care (chăm sóc khách hàng) with a brandname, 8 = fixed number.</summary>
    public string SmsType { get; set; } = "2";

    /// <summary>eSMS's sandbox: the request is validated, not charged and not delivered.</summary>
    public bool Sandbox { get; set; }

    public double? PerSecond { get; set; }

    public int? PerDay { get; set; }

    /// <summary>One HTTP request's deadline (the sender's own send timeout still applies).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(SecretKey)
        && (SmsType != "2" || !string.IsNullOrWhiteSpace(Brandname));
}

/// <summary>
/// Zalo Notification Service (ZNS). Off unless <see cref="BaseUrl"/> and either the OA's OAuth settings
/// (<see cref="AppId"/>, <see cref="AppSecret"/>, <see cref="RefreshToken"/>: tokens refreshed as they expire) or a fixed
/// <see cref="AccessToken"/> are set.
/// </summary>
public sealed class ZaloOptions
{
    /// <summary>https://business.openapi.zalo.me/ in production; the local provider server in development.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>A fixed Official Account access token (header <c>access_token</c>), used when no refresh is set up.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The Zalo app's id (form field <c>app_id</c> of the refresh).</summary>
    public string? AppId { get; set; }

    /// <summary>The Zalo app's secret key (header <c>secret_key</c> of the refresh).</summary>
    public string? AppSecret { get; set; }

    /// <summary>
    /// The first refresh token, from the OA's authorization. Used once: each refresh answers the next one, which is kept
    /// in the database (<c>zalo_tokens</c>), so this setting matters only until the first refresh.
    /// </summary>
    public string? RefreshToken { get; set; }

    /// <summary>Zalo's OA token endpoint (OAuth v4).</summary>
    public string OAuthUrl { get; set; } = "https://oauth.zaloapp.com/v4/oa/access_token";

    /// <summary>How long before its expiry (about 25 hours after issue) an access token is replaced.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Access tokens come from the OA's refresh token, renewed as they expire.</summary>
    public bool UsesRefresh => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppSecret) && !string.IsNullOrWhiteSpace(RefreshToken);

    public double? PerSecond { get; set; }

    public int? PerDay { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    // Zalo's caps (400 characters a message, each parameter by its registered type) are the template's, declared on each
    // parameter line and enforced when rendered (Domain/Templates/ZaloParameters.cs): one place, not a setting here too.

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && (UsesRefresh || !string.IsNullOrWhiteSpace(AccessToken));
}

/// <summary>
/// The number each provider documents, from the person's number in any written form (the domain's one rule,
/// <see cref="Domain.Preferences.PhoneNumbers"/>, stored as +84…): eSMS takes the national 0…, Zalo the international 84….
/// Null when it is not a Vietnamese mobile number.
/// </summary>
public static class VietnamPhone
{
    public static string? National(string? written) => Domain.Preferences.PhoneNumbers.Normalize(written) is { } e164 ? "0" + e164[3..] : null;

    public static string? International(string? written) => Domain.Preferences.PhoneNumbers.Normalize(written) is { } e164 ? e164[1..] : null;
}

public static class ProviderChannels
{
    /// <summary>
    /// Registers the SMS and Zalo adapters, each only when configured: an unconfigured provider has no sender, so no call
    /// goes out to it. No HTTP retry handler is added: the delivery queue retries with backoff and falls back.
    /// </summary>
    public static IHostApplicationBuilder AddProviderChannels(this IHostApplicationBuilder builder)
    {
        var sms = builder.Configuration.GetSection("Sms");
        builder.Services.Configure<SmsOptions>(sms);
        if (sms.Get<SmsOptions>() is { IsConfigured: true } smsOptions)
        {
            builder.Services.AddHttpClient(SmsGatewayChannel.HttpClientName, http => Configure(http, smsOptions.BaseUrl!, smsOptions.Timeout));
            builder.Services.AddSingleton<IDeliveryChannel, SmsGatewayChannel>();
        }

        var zalo = builder.Configuration.GetSection("Zalo");
        builder.Services.Configure<ZaloOptions>(zalo);
        if (zalo.Get<ZaloOptions>() is { IsConfigured: true } zaloOptions)
        {
            builder.Services.AddHttpClient(ZaloZnsChannel.HttpClientName, http => Configure(http, zaloOptions.BaseUrl!, zaloOptions.Timeout));
            builder.Services.AddHttpClient(Infrastructure.ZaloTokenStore.HttpClientName, http => http.Timeout = zaloOptions.Timeout);
            builder.Services.AddSingleton<Infrastructure.ZaloTokenStore>();
            builder.Services.AddSingleton<IDeliveryChannel, ZaloZnsChannel>();
        }

        return builder;
    }

    /// <summary>The provider's address with a final slash, so that its documented paths resolve under it.</summary>
    public static void Configure(HttpClient http, string baseUrl, TimeSpan timeout)
    {
        http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        http.Timeout = timeout;
    }

    /// <summary>A provider's code as text, whether its JSON carries it as a string or a number.</summary>
    internal static string? CodeOf(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => element.GetString(),
        System.Text.Json.JsonValueKind.Number => element.GetInt64().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
