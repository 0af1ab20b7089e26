using DoanKetSangTao.Appraisal.API.Apis;
using DoanKetSangTao.Appraisal.API.Extensions;
using DoanKetSangTao.Appraisal.API.Grpc;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;

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
app.MapAppraisalApis();
// Only registration asks who on a council may read a dossier.
app.MapPlatformGrpcService<CaseAccessService>(PlatformScopes.AppraisalCaseAccess);
app.MapPlatformGrpcService<ScoringProgressService>(PlatformScopes.AppraisalProgress);
app.MapDefaultEndpoints();
app.Run();
