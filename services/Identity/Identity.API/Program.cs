using DoanKetSangTao.Identity.API.Apis;
using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.Identity.API.Infrastructure;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Identity.API.Grpc;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ApplicationServices.ServiceName);
// Called here, not in the defaults: the OpenAPI generator copies into the document the /// summaries of
// the project that calls AddOpenApi (and of the projects it references).
builder.Services.AddOpenApi();
builder.AddApplicationServices();

var app = builder.Build();
if (await app.TryRunIdentityCommandAsync(args) || await app.TryRunOperatorCommandAsync(args))
{
    return;
}

app.UsePublicAddressForExternalCallbacks(new Uri(app.Services.GetRequiredService<IdentityServerOptions>().Issuer));
app.UseServiceDefaults();
app.UseStaticFiles();
app.MapConnectApi();
app.MapAccountsApi();
app.MapExternalSignInApi();
app.MapRazorPages();
// Only appraisal looks people up, to add council members.
app.MapPlatformGrpcService<AccountDirectoryService>("appraisal");
app.MapDefaultEndpoints();
app.Run();
