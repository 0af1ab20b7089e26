using DoanKetSangTao.Registration.API.Apis;
using DoanKetSangTao.Registration.API.Extensions;
using DoanKetSangTao.Registration.API.Grpc;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
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
app.MapInitiativesApi();
app.MapInitiativeConfirmationsApi();
app.MapConfirmationListsApi();
app.MapDossiersApi();
app.MapCampaignsApi();
app.MapAdministrativeUnitsApi();
app.MapOrganizationsApi();
app.MapGalleryApi();
app.MapPlatformGrpcService<InitiativeLookupService>(PlatformScopes.RegistrationLookups);
app.MapPlatformGrpcService<DossierLookupService>(PlatformScopes.RegistrationLookups);
app.MapPlatformGrpcService<OrganizationLookupService>(PlatformScopes.RegistrationLookups);
app.MapPlatformGrpcService<CampaignLookupService>(PlatformScopes.RegistrationLookups);
app.MapPlatformGrpcService<DeadlineProgressService>(PlatformScopes.RegistrationLookups);
app.MapDefaultEndpoints();
app.Run();
