using DoanKetSangTao.Gateway.Extensions;
using DoanKetSangTao.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
// Called here, not in the defaults: the OpenAPI generator copies into the document the /// summaries of
// the project that calls AddOpenApi (and of the projects it references).
builder.Services.AddOpenApi();
builder.AddGatewayServices();

var app = builder.Build();
var limits = app.Configuration.Limits();
// Per address before authentication, per person after it.
app.UseServiceDefaults(beforeAuthentication: a => a.UseEdgeRateLimits(limits));
app.UseRateLimiter();
app.MapReverseProxy(proxy =>
{
    proxy.UseUnavailableDestinationProblems(limits);
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.MapDefaultEndpoints();
app.Run();
