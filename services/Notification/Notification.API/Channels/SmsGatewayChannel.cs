using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using DoanKetSangTao.Notification.API.Domain;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Notification.API.Channels;

/// <summary>
/// Tin nhắn SMS thương hiệu through eSMS.vn (ViHAT), one request per message:
/// <c>POST {BaseUrl}MainService.svc/json/SendMultipleMessage_V4_post_json/</c> with ApiKey, SecretKey, Phone, Content,
/// Brandname, SmsType (2: customer care), IsUnicode, Sandbox and RequestId; the answer is <c>{CodeResult, SMSID, ErrorMessage}</c>,
/// "100" meaning accepted (https://developers.esms.vn/en/esms-api/send-sms-api/send-otp-customer-care-message; codes:
/// https://developers.esms.vn/en/esms-api/table-of-error-codes). RequestId is the delivery's id: eSMS refuses the same id
/// for 24 hours (code 124), so a re-send after a crash between its acceptance and our record is not delivered twice, and
/// counts as accepted.
/// </summary>
public sealed class SmsGatewayChannel(IHttpClientFactory clients, IOptions<SmsOptions> options) : IDeliveryChannel
{
    public const string HttpClientName = "sms-gateway";

    /// <summary>The documented path, under the configured base address.</summary>
    public const string SendPath = "MainService.svc/json/SendMultipleMessage_V4_post_json/";

    /// <summary>The recipient cannot receive this message whatever we do: blocked (99), malformed number (108), content
    /// not matching the registered customer-care template (146), carrier not registered for the brandname (177).</summary>
    private static readonly HashSet<string> Permanent = ["99", "108", "146", "177"];

    public string Channel => NotificationChannels.Sms;

    public ChannelLimits Limits => new(options.Value.PerSecond, options.Value.PerDay);

    public Task<IChannelSession> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IChannelSession>(new Session(clients.CreateClient(HttpClientName), options.Value));

    /// <summary>eSMS's RequestId for a delivery: at most 50 characters, the same on every attempt.</summary>
    public static string RequestIdOf(Guid deliveryId) => deliveryId.ToString("N");

    private sealed class Session(HttpClient http, SmsOptions opts) : IChannelSession
    {
        public async Task<ChannelReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            var phone = VietnamPhone.National(message.Address)
                ?? throw new ChannelRefusedException("invalid_phone", $"'{message.Address}' is not a Vietnamese mobile number.", permanent: true);
            if (string.IsNullOrWhiteSpace(message.Content.Body))
            {
                throw new ChannelRefusedException("empty_content", "The SMS template rendered no text.", permanent: true);
            }

            var body = message.Content.Body.Normalize(System.Text.NormalizationForm.FormC);
            var request = new SendRequest(opts.ApiKey!, opts.SecretKey!, phone, body, opts.Brandname, opts.SmsType,
                body.Any(c => c > '\u007f') ? "1" : "0", opts.Sandbox ? "1" : "0", RequestIdOf(message.DeliveryId));
            using var response = await http.PostAsJsonAsync(SendPath, request, Json, ct);
            // The gateway answers its own refusals with 200 and a code; anything else (5xx, a proxy's 4xx) may pass: retried.
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var code = answer.TryGetProperty("CodeResult", out var c) ? ProviderChannels.CodeOf(c) : null;
            var error = answer.TryGetProperty("ErrorMessage", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return code switch
            {
                "100" => new ChannelReceipt(answer.TryGetProperty("SMSID", out var id) ? ProviderChannels.CodeOf(id) : null),
                "124" => new ChannelReceipt($"esms-request:{request.RequestId}"),
                // Account and set-up problems (keys 101, price list 102, balance 103, brandname 104, type 118, IP 140) are an
                // operator's to fix: the message waits in backoff meanwhile, as it does for an unknown code.
                _ => throw new ChannelRefusedException(code ?? "no_code", $"eSMS answered {code}: {error}", permanent: code is not null && Permanent.Contains(code)),
            };
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The documented field names, every value a string as in eSMS's examples.</summary>
    private sealed record SendRequest(
        [property: JsonPropertyName("ApiKey")] string ApiKey,
        [property: JsonPropertyName("SecretKey")] string SecretKey,
        [property: JsonPropertyName("Phone")] string Phone,
        [property: JsonPropertyName("Content")] string Content,
        [property: JsonPropertyName("Brandname")] string? Brandname,
        [property: JsonPropertyName("SmsType")] string SmsType,
        [property: JsonPropertyName("IsUnicode")] string IsUnicode,
        [property: JsonPropertyName("Sandbox")] string Sandbox,
        [property: JsonPropertyName("RequestId")] string RequestId);
}
