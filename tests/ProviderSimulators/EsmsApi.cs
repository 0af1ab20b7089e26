using System.Text.Json;

namespace DoanKetSangTao.ProviderSimulators;

/// <summary>
/// eSMS.vn's "Send OTP/Customer care message" endpoint as documented
/// (https://developers.esms.vn/en/esms-api/send-sms-api/send-otp-customer-care-message, codes:
/// https://developers.esms.vn/en/esms-api/table-of-error-codes): JSON in, <c>{CodeResult, CountRegenerate, SMSID}</c> or
/// <c>{CodeResult, ErrorMessage}</c> out, always with HTTP 200.
/// </summary>
public static class EsmsApi
{
    public const string Path = "/MainService.svc/json/SendMultipleMessage_V4_post_json";

    /// <summary>The documented address ends with a slash; routing matches it with or without.</summary>
    public static void MapEsms(this WebApplication app) => app.MapPost(Path, SendAsync);

    private static async Task<IResult> SendAsync(HttpContext context, SimulatorState state)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        string? Field(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
            : null;

        var phone = Field("Phone");
        var apiKey = Field("ApiKey");
        var requestId = Field("RequestId");
        string? smsId = null;
        var fault = state.TakeFault(SimulatorState.Esms, phone);
        if (fault is not null && await SimulatorControl.TransportFaultAsync(fault, context) is { } transport)
        {
            Record(fault);
            return transport;
        }

        var code = fault ?? Check();
        Record(code);
        return code == "100"
            ? Results.Json(new { CodeResult = code, CountRegenerate = 0, SMSID = smsId }, SimulatorControl.AsDocumented)
            : Results.Json(new { CodeResult = code, ErrorMessage = Messages.GetValueOrDefault(code, "Error") }, SimulatorControl.AsDocumented);

        string Check()
        {
            if (!Matches(apiKey, state.Settings["Esms:ApiKey"]) || !Matches(Field("SecretKey"), state.Settings["Esms:SecretKey"]))
            {
                return "101";
            }

            var type = Field("SmsType");
            if (type is not ("2" or "8"))
            {
                return "118";
            }

            if (type == "2" && string.IsNullOrWhiteSpace(Field("Brandname")))
            {
                return "104";
            }

            if (!IsPhone(phone))
            {
                return "108";
            }

            if (!state.FirstRequest(requestId))
            {
                return "124";
            }

            if (!state.UseQuota(SimulatorState.Esms).Allowed)
            {
                return "103";
            }

            smsId = Guid.NewGuid().ToString("N");
            return "100";
        }

        void Record(string answered) => state.Record(n => new ReceivedMessage(n, SimulatorState.Esms, state.Now, phone, answered, smsId, apiKey,
            Content: Field("Content"), Brandname: Field("Brandname"), SmsType: Field("SmsType"), IsUnicode: Field("IsUnicode"), RequestId: requestId));
    }

    /// <summary>Any non-empty credential when none is configured; exactly the configured one otherwise.</summary>
    internal static bool Matches(string? given, string? expected) =>
        !string.IsNullOrEmpty(given) && (string.IsNullOrEmpty(expected) || string.Equals(given, expected, StringComparison.Ordinal));

    /// <summary>A Vietnamese mobile number as eSMS takes it: 0 and 9 digits, or 84 and 9 digits.</summary>
    private static bool IsPhone(string? phone) => phone is not null && phone.All(char.IsAsciiDigit)
        && ((phone.Length == 10 && phone[0] == '0') || (phone.Length == 11 && phone.StartsWith("84", StringComparison.Ordinal)));

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["99"] = "The phone number is blocked in the system",
        ["101"] = "Incorrect ApiKey or SecretKey.",
        ["103"] = "Not enough balance to send message.",
        ["104"] = "Brandname/Call code does not exist.",
        ["108"] = "Phone number is not in correct format.",
        ["118"] = "Unsupported message type.",
        ["124"] = "Duplicate RequestId.",
        ["146"] = "Wrong customer care template.",
        ["177"] = "The network is not registered.",
    };
}
