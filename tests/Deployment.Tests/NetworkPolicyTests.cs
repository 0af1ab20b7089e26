using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>
/// Who may open which port, as the rendered NetworkPolicies decide: a service's HTTP API only
/// through the gateway (so no one gets around the gateway's limits), gRPC only from the
/// services that call it, and the gateway from the edge.
/// </summary>
public sealed class NetworkPolicyTests
{
    private static readonly Peer IngressController =
        new("the ingress controller", "ingress-nginx", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ingress-nginx" });

    private static readonly Peer StrangerInNamespace =
        new("an unrelated pod of the release's namespace", Helm.Namespace, new Dictionary<string, string> { ["run"] = "debug" });

    private static readonly Peer Monitoring =
        new("a monitoring pod", "monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" });

    public static TheoryData<string> CasesWithPolicies() =>
        new(ChartRender.Cases.Where(c => c.Name != "every optional resource off").Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CasesWithPolicies))]
    public void Every_component_is_selected_by_a_policy(string name)
    {
        var policies = Policies(name);

        Assert.All(ChartRender.AllComponents, component => Assert.True(policies.IsIsolated(component), $"{name}: {component} accepts anything."));
    }

    [Theory]
    [MemberData(nameof(CasesWithPolicies))]
    public void A_service_http_port_accepts_only_the_gateway_and_identitys_only_the_token_askers_besides(string name)
    {
        var policies = Policies(name);
        var components = Chart.Components(Chart.Values());

        foreach (var service in ChartRender.Services)
        {
            Assert.True(policies.Allows(policies.PodOf("gateway"), service, "http"), $"{name}: the gateway cannot reach {service}.");
            foreach (var other in ChartRender.Services)
            {
                // A service that calls gRPC methods asks identity's token endpoint for its client-credentials tokens.
                var asksForTokens = service == "identity" && Chart.AsList(components[other].At("grpcClients")).Count > 0;
                Assert.True(asksForTokens == policies.Allows(policies.PodOf(other), service, "http"),
                    $"{name}: {other} {(asksForTokens ? "cannot reach identity's token endpoint" : $"reaches {service}'s HTTP API around the gateway")}.");
            }

            Assert.False(policies.Allows(IngressController, service, "http"), $"{name}: the ingress controller reaches {service} around the gateway.");
            Assert.False(policies.Allows(StrangerInNamespace, service, "http"), $"{name}: any pod reaches {service}'s HTTP API.");
            var monitoringAllowed = name == "every optional setting on"; // it lists monitoring in networkPolicy.httpFrom
            Assert.Equal(monitoringAllowed, policies.Allows(Monitoring, service, "http"));
        }
    }

    [Theory]
    [MemberData(nameof(CasesWithPolicies))]
    public void Grpc_ports_accept_only_the_services_that_call_them(string name)
    {
        var policies = Policies(name);
        var components = Chart.Components(Chart.Values());
        var checkedPairs = 0;

        foreach (var (target, c) in components.Where(kv => kv.Value.At("ports.grpc") is long))
        {
            foreach (var source in ChartRender.AllComponents)
            {
                var calls = Chart.AsList(components[source].At("grpcClients")).Contains(target);
                Assert.True(calls == policies.Allows(policies.PodOf(source), target, "grpc"),
                    $"{name}: {source} {(calls ? "calls" : "does not call")} {target} over gRPC, yet the policies {(calls ? "refuse" : "allow")} it.");
                checkedPairs++;
            }

            Assert.False(policies.Allows(IngressController, target, "grpc"), $"{name}: the ingress controller reaches {target}'s gRPC port.");
            Assert.False(policies.Allows(StrangerInNamespace, target, "grpc"), $"{name}: any pod reaches {target}'s gRPC port.");
        }

        Assert.True(checkedPairs >= 5 * 6, $"Only {checkedPairs} caller/target pairs checked.");
        Assert.True(policies.Allows(policies.PodOf("appraisal"), "registration", "grpc"), "Appraisal cannot make its look-ups on registration.");
        Assert.False(policies.Allows(policies.PodOf("gateway"), "registration", "grpc"), "The gateway reaches registration's gRPC port.");
    }

    [Theory]
    [MemberData(nameof(CasesWithPolicies))]
    public void No_port_is_open_beyond_http_and_grpc(string name)
    {
        var policies = Policies(name);

        foreach (var component in ChartRender.AllComponents)
        {
            Assert.False(policies.Allows(policies.PodOf("gateway"), component, "admin"), $"{name}: {component} accepts a port it does not declare.");
        }
    }

    [Fact]
    public void The_gateway_accepts_anyone_by_default()
    {
        var policies = Policies("default values");

        Assert.True(policies.Allows(IngressController, "gateway", "http"));
        Assert.True(policies.Allows(StrangerInNamespace, "gateway", "http"));
    }

    [Fact]
    public void With_edge_peers_the_gateway_accepts_only_them()
    {
        var policies = Policies("every optional setting on");

        Assert.True(policies.Allows(IngressController, "gateway", "http"));
        Assert.False(policies.Allows(StrangerInNamespace, "gateway", "http"));
        Assert.False(policies.Allows(Monitoring, "gateway", "http"));
    }

    [Fact]
    public void The_evaluation_lets_everything_through_when_no_policy_is_rendered()
    {
        // Proves the checks above depend on the policies: without them every pod is reachable.
        var policies = new NetworkPolicies(ChartRender.Render("every optional resource off"), Helm.Namespace);

        Assert.False(policies.IsIsolated("registration"));
        Assert.True(policies.Allows(StrangerInNamespace, "registration", "http"));
        Assert.True(policies.Allows(policies.PodOf("awards"), "registration", "grpc"));
    }

    private static NetworkPolicies Policies(string name) => new(ChartRender.Render(name), Helm.Namespace);
}
