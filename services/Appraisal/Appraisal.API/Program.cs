using DoanKetSangTao.Appraisal.API.Apis;
using DoanKetSangTao.Appraisal.API.Extensions;
using DoanKetSangTao.Appraisal.API.Grpc;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ApplicationServices.ServiceName);
builder.AddApplicationServices();

var app = builder.Build();
if (await app.TryRunOperatorCommandAsync(args))
{
    return;
}

app.UseServiceDefaults();
app.MapAppraisalApis();
// Only registration asks who on a council may read a dossier.
app.MapPlatformGrpcService<CaseAccessService>("registration");
app.MapDefaultEndpoints();
app.Run();
