using DoanKetSangTao.Notification.API.Apis;
using DoanKetSangTao.Notification.API.Extensions;
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
app.MapNotificationsApi();
app.MapDefaultEndpoints();
app.Run();
