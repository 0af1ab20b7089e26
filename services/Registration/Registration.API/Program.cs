using DoanKetSangTao.Registration.API.Apis;
using DoanKetSangTao.Registration.API.Extensions;
using DoanKetSangTao.Registration.API.Grpc;
using DoanKetSangTao.ServiceDefaults;
using DoanKetSangTao.ServiceDefaults.Grpc;
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
app.MapInitiativesApi();
app.MapInitiativeConfirmationsApi();
app.MapConfirmationListsApi();
app.MapDossiersApi();
app.MapCampaignsApi();
app.MapAdministrativeUnitsApi();
app.MapOrganizationsApi();
app.MapPlatformGrpcService<InitiativeLookupService>();
app.MapPlatformGrpcService<DossierLookupService>();
app.MapPlatformGrpcService<OrganizationLookupService>();
app.MapPlatformGrpcService<CampaignLookupService>();
app.MapDefaultEndpoints();
app.Run();
