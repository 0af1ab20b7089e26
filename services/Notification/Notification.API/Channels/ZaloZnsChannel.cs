using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DoanKetSangTao.Notification.API.Domain;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.Notification.API.Channels;

/// <summary>
/// Zalo ZNS: a template approved by Zalo (<see cref="RenderedMessage.ProviderTemplateId"/>) and its parameters
/// (<see cref="RenderedMessage.Parameters"/>), sent to the Zalo account of a phone number:
/// <c>POST {BaseUrl}message/template</c>, header <c>access_token</c>, body <c>{phone: "84…", template_id, template_data,
/// tracking_id}</c>; the answer is <c>{error, message, data: {msg_id, sent_time, quota}}</c>, error 0 meaning accepted.
/// Error codes: https://zalo.cloud/zns/guidelines/handle-error-code. The tracking id is the delivery's id, for reconciling
/// with Zalo's reports. A message that cannot fit (no template, no parameters, over 400 characters)
/// is refused here, for good, so that the next channel is tried at once instead of spending the provider's quota.
/// </summary>
public sealed class ZaloZnsChannel(IHttpClientFactory clients, IOptions<ZaloOptions> options, Infrastructure.ZaloTokenStore tokens) : IDeliveryChannel
{
    public const string HttpClientName = "zalo-zns";

    public const string SendPath = "message/template";

    /// <summary>
    /// Codes that a retry does not change: phone invalid (-108), template id invalid (-109), template data empty (-111) or
    /// invalid (-112), user inactive or refusing ZNS (-114), text invalid (-116), no permission for the template (-117),
    /// no Zalo account for the number (-118), account cannot receive ZNS (-119). Others (unknown -100, out of quota -115,
    /// access token invalid -124, anything undocumented) wait in backoff.
    /// </summary>
    private static readonly HashSet<string> Permanent = ["-108", "-109", "-111", "-112", "-114", "-116", "-117", "-118", "-119"];

    public string Channel => NotificationChannels.Zalo;

    public ChannelLimits Limits => new(options.Value.PerSecond, options.Value.PerDay);

    public Task<IChannelSession> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IChannelSession>(new Session(clients.CreateClient(HttpClientName), tokens));

    public static string TrackingIdOf(Guid deliveryId) => deliveryId.ToString("N");

    /// <summary>
    /// Why the message cannot go by ZNS as it stands (a stable code for the delivery log), or null: ZNS sends only a
    /// registered template with its parameters, 400 characters at most. Each parameter's cap is its type's, declared in the
    /// template and enforced when it was rendered (<see cref="Domain.Templates.ZaloParameters.Enforce"/>); the total is
    /// checked again here, the last line before the provider's quota is spent.
    /// </summary>
    public static string? Unfit(RenderedMessage content)
    {
        if (string.IsNullOrWhiteSpace(content.ProviderTemplateId))
        {
            return "zalo_no_template";
        }

        if (content.Parameters is null || content.Parameters.Count == 0)
        {
            return "zalo_no_parameters";
        }

        var total = content.Parameters.Sum(p => (p.Value ?? string.Empty).Normalize(NormalizationForm.FormC).Length);
        return total > Domain.Templates.TemplateLimits.ZaloMessageMax ? "zalo_too_long" : null;
    }

    private sealed class Session(HttpClient http, Infrastructure.ZaloTokenStore tokens) : IChannelSession
    {
        public async Task<ChannelReceipt> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            var phone = VietnamPhone.International(message.Address)
                ?? throw new ChannelRefusedException("invalid_phone", $"'{message.Address}' is not a Vietnamese mobile number.", permanent: true);
            if (Unfit(message.Content) is { } unfit)
            {
                throw new ChannelRefusedException(unfit, "The message does not fit a ZNS template; the next channel takes it.", permanent: true);
            }

            var data = message.Content.Parameters!.ToDictionary(p => p.Key, p => (p.Value ?? string.Empty).Normalize(NormalizationForm.FormC), StringComparer.Ordinal);
            var send = new SendRequest(phone, message.Content.ProviderTemplateId!, data, TrackingIdOf(message.DeliveryId));
            var token = await tokens.AccessTokenAsync(ct);
            var answer = await PostAsync(send, token, ct);
            if (CodeOf(answer) == "-124" && tokens.UsesRefresh)
            {
                // Access token invalid (expired early, revoked, or refreshed by a replica since): renew it once, send again.
                answer = await PostAsync(send, await tokens.RenewAsync(token, ct), ct);
            }

            var code = CodeOf(answer);
            if (code == "0")
            {
                return new ChannelReceipt(answer.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("msg_id", out var id)
                    ? ProviderChannels.CodeOf(id) : null);
            }

            var text = answer.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            throw new ChannelRefusedException(code ?? "no_code", $"Zalo ZNS answered {code}: {text}", permanent: code is not null && Permanent.Contains(code));
        }

        private static string? CodeOf(JsonElement answer) => answer.TryGetProperty("error", out var e) ? ProviderChannels.CodeOf(e) : null;

        private async Task<JsonElement> PostAsync(SendRequest send, string token, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, SendPath) { Content = JsonContent.Create(send) };
            request.Headers.Add("access_token", token);
            using var response = await http.SendAsync(request, ct);
            // Zalo answers its refusals with 200 and an error code; any other status (5xx, a gateway's 4xx) is retried.
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed record SendRequest(
        [property: JsonPropertyName("phone")] string Phone,
        [property: JsonPropertyName("template_id")] string TemplateId,
        [property: JsonPropertyName("template_data")] IReadOnlyDictionary<string, string> TemplateData,
        [property: JsonPropertyName("tracking_id")] string TrackingId);
}
