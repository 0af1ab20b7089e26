using DoanKetSangTao.Identity.API.Apis;
using DoanKetSangTao.Identity.API.Extensions;
using DoanKetSangTao.Identity.API.Infrastructure;
using DoanKetSangTao.Messaging;
using DoanKetSangTao.Identity.API.Grpc;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
// The pages' stylesheet from the project's wwwroot when the service runs from its build output in any environment (the
// launcher and the tests run Production builds from bin/, where wwwroot is not copied); a published image has its own
// wwwroot and no manifest, so this does nothing there.
builder.WebHost.UseStaticWebAssets();
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

app.UseIssuerAddress();
// Static files before authentication: the platform's fallback policy would otherwise refuse the sign-in page its own
// stylesheet (no endpoint, no signed-in user).
app.UseServiceDefaults(beforeAuthentication: a => a.UseAccountPagePolicy().UseStaticFiles());
app.MapConnectApi();
app.MapAccountsApi();
app.MapIntegrationClientsApi();
app.MapExternalSignInApi();
app.MapRazorPages();
// Only a client granted identity.accounts (appraisal's, to add council members) looks people up.
app.MapPlatformGrpcService<AccountDirectoryService>(PlatformScopes.IdentityAccounts);
app.MapDefaultEndpoints();
app.Run();
