using DoanKetSangTao.Appraisal.API.Apis;
using DoanKetSangTao.Appraisal.API.Extensions;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ApplicationServices.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
if (await app.TryRunOperatorCommandAsync(args))
{
    return;
}

app.UseServiceDefaults();
app.MapAppraisalsApi();
app.MapCouncilsApi();
app.MapCasesApi();
app.MapCouncilExportsApi();
app.MapDefaultEndpoints();
app.Run();
