namespace DoanKetSangTao.ProviderSimulators;

/// <summary><c>/_sim/…</c>: what the simulators received, and how to make them fail, run out of quota or know a template.</summary>
public static class SimulatorControl
{
    /// <summary>The providers' own field names, letter for letter (CodeResult, SMSID, msg_id, dailyQuota).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions AsDocumented = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void MapSimulatorControl(this WebApplication app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/messages", (SimulatorState state, string? provider, string? phone) => Results.Ok(state.Messages(provider, phone)));
        sim.MapDelete("/messages", (SimulatorState state) =>
        {
            state.Clear();
            return Results.NoContent();
        });
        sim.MapPost("/faults", (SimulatorState state, Fault fault) =>
        {
            if (!IsProvider(fault.Provider) || string.IsNullOrWhiteSpace(fault.Code))
            {
                return Results.BadRequest(new { error = "provider must be esms or zalo, and code is required" });
            }

            state.AddFault(fault);
            return Results.NoContent();
        });
        sim.MapPost("/quota", (SimulatorState state, QuotaSetting quota) =>
        {
            if (!IsProvider(quota.Provider) || quota.Daily < 0)
            {
                return Results.BadRequest(new { error = "provider must be esms or zalo, and daily at least 0" });
            }

            state.SetQuota(quota);
            return Results.NoContent();
        });
        sim.MapPost("/templates", (SimulatorState state, TemplateSpec template) =>
        {
            state.AddTemplate(template);
            return Results.NoContent();
        });
    }

    private static bool IsProvider(string? provider) => provider is SimulatorState.Esms or SimulatorState.Zalo;

    /// <summary>Applies a fault that is not a provider code: an HTTP status, or no answer at all. Null for a provider code.</summary>
    public static async Task<IResult?> TransportFaultAsync(string code, HttpContext context)
    {
        if (code.StartsWith("http:", StringComparison.Ordinal) && int.TryParse(code[5..], out var status))
        {
            return Results.StatusCode(status);
        }

        if (code == "timeout")
        {
            // Holds the request until the caller gives up (its timeout aborts it), as a stuck gateway would.
            await Task.Delay(TimeSpan.FromMinutes(5), context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return Results.StatusCode(504);
        }

        return null;
    }
}
