using DoanKetSangTao.Awards.API.Apis;
using DoanKetSangTao.Awards.API.Extensions;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ApplicationServices.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
if (await app.TryRunOperatorCommandAsync(args))
{
    return;
}

app.UseServiceDefaults();
app.MapAwardTypesApi();
app.MapCommendationsApi();
app.MapDefaultEndpoints();
app.Run();
