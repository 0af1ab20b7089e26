using DoanKetSangTao.Gateway.DevelopmentIdentity;
using DoanKetSangTao.Gateway.Extensions;
using DoanKetSangTao.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddDevelopmentIdentity();
builder.AddGatewayServices();

var app = builder.Build();
app.UseServiceDefaults();
app.UseRateLimiter();
app.MapDevelopmentIdentity();
app.MapReverseProxy();
app.MapDefaultEndpoints();
app.Run();
