using System.Text.Json;

namespace DoanKetSangTao.ProviderSimulators;

/// <summary>
/// Zalo ZNS's send endpoint: <c>POST /message/template</c>, header <c>access_token</c>, body <c>{phone, template_id,
/// template_data, tracking_id}</c>; answer <c>{error, message, data: {msg_id, sent_time, sending_mode, quota: {dailyQuota,
/// remainingQuota}}}</c> with HTTP 200 whatever the error (codes: https://zalo.cloud/zns/guidelines/handle-error-code).
/// A template registered through <c>/_sim/templates</c> is checked parameter by parameter; an unregistered one is refused
/// (-109) unless <c>Zalo:AcceptAnyTemplate</c> is set (the demo, whose template ids are operators' to register at Zalo).
/// </summary>
public static class ZaloZnsApi
{
    public const string Path = "/message/template";

    public static void MapZaloZns(this WebApplication app) => app.MapPost(Path, SendAsync);

    private static async Task<IResult> SendAsync(HttpContext context, SimulatorState state)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.Json(new { error = -122, message = "Body format invalid" }, SimulatorControl.AsDocumented);
        }

        string? Field(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;

        var phone = Field("phone");
        var token = context.Request.Headers["access_token"].ToString();
        var templateId = Field("template_id");
        var data = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("template_data", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText(), StringComparer.Ordinal)
            : null;
        string? msgId = null;
        (bool Allowed, int Daily, int Remaining) quota = default;
        var fault = state.TakeFault(SimulatorState.Zalo, phone);
        if (fault is not null && await SimulatorControl.TransportFaultAsync(fault, context) is { } transport)
        {
            Record(fault);
            return transport;
        }

        var code = fault ?? Check();
        Record(code);
        if (code != "0")
        {
            var error = int.TryParse(code, out var n) ? n : -100;
            return Results.Json(new { error, message = Messages.GetValueOrDefault(error, "Unknown error") }, SimulatorControl.AsDocumented);
        }

        return Results.Json(new
        {
            error = 0,
            message = "Success",
            data = new
            {
                msg_id = msgId,
                sent_time = state.Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                sending_mode = "1",
                quota = new { dailyQuota = quota.Daily.ToString(System.Globalization.CultureInfo.InvariantCulture), remainingQuota = quota.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        }, SimulatorControl.AsDocumented);

        string Check()
        {
            // With OAuth set up (Zalo:AppId), only tokens issued by the refresh endpoint and not expired are taken.
            if (!string.IsNullOrEmpty(state.Settings["Zalo:AppId"]) ? !state.IsIssuedZaloToken(token) : !EsmsApi.Matches(token, state.Settings["Zalo:AccessToken"]))
            {
                return "-124";
            }

            if (!IsPhone(phone))
            {
                return "-108";
            }

            var template = templateId is null ? null : state.Template(templateId);
            if (string.IsNullOrWhiteSpace(templateId) || (template is null && !string.Equals(state.Settings["Zalo:AcceptAnyTemplate"], "true", StringComparison.OrdinalIgnoreCase)))
            {
                return "-109";
            }

            if (data is null || data.Count == 0)
            {
                return "-111";
            }

            // A registered template takes exactly its parameters, each within its cap; any template fits in 400 characters.
            if ((template is not null && (data.Keys.Any(k => !template.Parameters.ContainsKey(k)) || template.Parameters.Any(p => !data.TryGetValue(p.Key, out var v) || v.Length > p.Value)))
                || data.Values.Sum(v => v.Length) > 400)
            {
                return "-112";
            }

            quota = state.UseQuota(SimulatorState.Zalo);
            if (!quota.Allowed)
            {
                return "-115";
            }

            msgId = Guid.NewGuid().ToString("N");
            return "0";
        }

        void Record(string answered) => state.Record(n => new ReceivedMessage(n, SimulatorState.Zalo, state.Now, phone, answered, msgId,
            string.IsNullOrEmpty(token) ? null : token, TemplateId: templateId, TemplateData: data, TrackingId: Field("tracking_id")));
    }

    /// <summary>The forms Zalo's error page says it takes: 84…, 0…, or the 9 digits alone.</summary>
    private static bool IsPhone(string? phone) => phone is not null && phone.All(char.IsAsciiDigit)
        && ((phone.Length == 11 && phone.StartsWith("84", StringComparison.Ordinal)) || (phone.Length == 10 && phone[0] == '0') || phone.Length == 9);

    private static readonly Dictionary<int, string> Messages = new()
    {
        [-100] = "Unknown error",
        [-108] = "Phone number invalid",
        [-109] = "Template ID invalid",
        [-111] = "Template data empty",
        [-112] = "Template data invalid",
        [-114] = "User is inactive, or reject the message, or using an outdated Zalo version, or other internal errors",
        [-115] = "Out of quota",
        [-118] = "Zalo account not existed",
        [-119] = "Account can not receive ZNS message",
        [-124] = "Access token invalid",
    };
}
