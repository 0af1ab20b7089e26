using DoanKetSangTao.Contracts.Registration.V1;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.ServiceDefaults.Grpc.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

public sealed class GrpcRegistrationTests
{
    [Fact]
    public void AddGrpcClient_registers_a_transient_typed_client()
    {
        var services = new ServiceCollection();
        services.AddGrpcClient<InitiativeLookup.InitiativeLookupClient>(o => o.Address = new Uri("http://registration:5001"));
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();
        var second = provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>();
        Assert.NotSame(first, second);
    }

    [Fact]
    public void AddGrpcClient_without_an_address_fails_when_resolved()
    {
        var services = new ServiceCollection();
        services.AddGrpcClient<InitiativeLookup.InitiativeLookupClient>(_ => { });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<InitiativeLookup.InitiativeLookupClient>());
        Assert.Contains("address", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void MapGrpcService_maps_each_method_and_unimplemented_fallbacks_all_requiring_a_service_token()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ServiceAuth:Key"] = "khoa-dich-vu-cho-kiem-thu-dang-ky-grpc-0001";
        builder.AddServiceIdentity("registration");
        builder.Services.AddGrpc();
        var app = builder.Build();

        app.MapGrpcService<Lookup>();
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

        Assert.Equal(
            [
                "/doanketsangtao.registration.v1.InitiativeLookup/GetInitiative",
                "/doanketsangtao.registration.v1.InitiativeLookup/GetInitiatives",
                "/doanketsangtao.registration.v1.InitiativeLookup/{unimplementedMethod}",
                "/{unimplementedService}/{unimplementedMethod}",
            ],
            endpoints.Select(e => e.RoutePattern.RawText));
        Assert.All(endpoints, e => Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>()));
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == ServiceIdentity.Policy));
        Assert.All(endpoints, e => Assert.Equal(["POST"], e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods));
    }

    [Fact]
    public void The_health_service_stays_anonymous_for_probes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddGrpc();
        var app = builder.Build();

        app.MapGrpcHealthChecksService();
        var check = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/grpc.health.v1.Health/Check");

        Assert.NotNull(check.Metadata.GetMetadata<IAllowAnonymous>());
    }

    [Fact]
    public void MapGrpcService_needs_AddGrpc()
    {
        var app = WebApplication.CreateBuilder().Build();
        Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<Lookup>());
    }

    [Fact]
    public void MapGrpcService_needs_a_generated_base_class()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddGrpc();
        var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<NotAService>());
        Assert.Contains("BindServiceMethod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base_class_methods_are_unimplemented_until_overridden()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new Lookup().GetInitiatives(new GetInitiativesRequest(), TestServerCallContext.Create()));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public void Test_context_exposes_the_http_context_it_was_given()
    {
        var httpContext = new DefaultHttpContext();

        Assert.Same(httpContext, TestServerCallContext.Create(httpContext: httpContext).GetHttpContext());
        Assert.Throws<InvalidOperationException>(() => TestServerCallContext.Create().GetHttpContext());
    }

    [Fact]
    public void Method_full_name_is_the_http2_path()
    {
        var method = new Method<GetInitiativeRequest, InitiativeReply>(
            MethodType.Unary, "doanketsangtao.registration.v1.InitiativeLookup", "GetInitiative",
            GetInitiativeRequest.Parser, InitiativeReply.Parser);

        Assert.Equal("/doanketsangtao.registration.v1.InitiativeLookup/GetInitiative", method.FullName);
        Assert.Equal("InitiativeLookup", InitiativeLookup.Descriptor.Name);
    }

    private sealed class Lookup : InitiativeLookup.InitiativeLookupBase
    {
        public override Task<InitiativeReply> GetInitiative(GetInitiativeRequest request, ServerCallContext context) =>
            Task.FromResult(new InitiativeReply { InitiativeId = request.InitiativeId });
    }

    private sealed class NotAService;
}
