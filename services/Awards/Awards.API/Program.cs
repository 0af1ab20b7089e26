using DoanKetSangTao.Awards.API.Apis;
using DoanKetSangTao.Awards.API.Certificates;
using DoanKetSangTao.Awards.API.Extensions;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ApplicationServices.ServiceName);
// Called here, not in the defaults: the OpenAPI generator copies into the document the /// summaries of
// the project that calls AddOpenApi (and of the projects it references).
builder.Services.AddOpenApi();
builder.AddApplicationServices();
builder.AddGoldenBook();

var app = builder.Build();
if (await app.TryRunCertificateCommandAsync(args) || await app.TryRunOperatorCommandAsync(args))
{
    return;
}

app.UseServiceDefaults();
app.MapAwardTypesApi();
app.MapCommendationsApi();
app.MapProposalsApi();
app.MapDecisionsApi();
app.MapCertificatesApi();
app.MapVerificationApi();
app.MapCertificatesPublicApi();
app.MapGoldenBookApi();
app.MapDefaultEndpoints();
app.Run();
