using DoanKetSangTao.Reporting.API.Apis;
using DoanKetSangTao.Reporting.API.Extensions;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ApplicationServices.ServiceName);
// Called here, not in the defaults: the OpenAPI generator copies into the document the /// summaries of
// the project that calls AddOpenApi (and of the projects it references).
builder.Services.AddOpenApi();
builder.AddApplicationServices();

var app = builder.Build();
if (await app.TryRunOperatorCommandAsync(args))
{
    return;
}

app.UseServiceDefaults();
app.MapReportsApi();
app.MapAdminUnitsApi();
app.MapPeriodicReportsApi();
app.MapStatisticsApi();
app.MapTimelinessApi();
app.MapReviewConferencesApi();
app.MapDefaultEndpoints();
app.Run();
