namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>A pod that opens a connection: its namespace, the namespace's labels and its own labels.</summary>
public sealed record Peer(string Name, string Namespace, IReadOnlyDictionary<string, string> PodLabels)
{
    public IReadOnlyDictionary<string, string> NamespaceLabels { get; } =
        new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = Namespace };

    public override string ToString() => Name;
}

/// <summary>
/// Kubernetes' ingress NetworkPolicy rules, evaluated on rendered objects: a pod no policy selects
/// accepts every connection; a selected pod accepts one that some rule of some policy selecting
/// it allows (its ports, or all when it names none; its peers, or all when it names none). A
/// podSelector peer without a namespaceSelector means the policy's own namespace. matchExpressions
/// and ipBlock are not evaluated: a policy using them fails the test rather than being guessed.
/// </summary>
public sealed class NetworkPolicies(IReadOnlyList<Manifest> manifests, string releaseNamespace)
{
    private readonly List<Dictionary<string, object?>> policies =
        manifests.Where(m => m.Kind == "NetworkPolicy").Select(m => m.Content).ToList();

    /// <summary>The pod of a component, labelled as its Deployment's pod template.</summary>
    public Peer PodOf(string component) =>
        new(component, releaseNamespace, StringMap(Deployment(component).At("spec.template.metadata.labels")));

    public bool IsIsolated(string component) => policies.Any(p => Matches(p.At("spec.podSelector"), PodOf(component).PodLabels));

    public bool Allows(Peer source, string component, string portName)
    {
        var target = PodOf(component);
        var selecting = policies.Where(p => Matches(p.At("spec.podSelector"), target.PodLabels)).ToList();
        if (selecting.Count == 0)
        {
            return true;
        }

        var portNumber = ContainerPort(component, portName);
        return selecting.Any(policy =>
            Chart.AsList(policy.At("spec.ingress")).Cast<Dictionary<string, object?>>().Any(rule =>
                AllowsPort(rule, portName, portNumber) && AllowsPeer(rule, source)));
    }

    private static bool AllowsPort(Dictionary<string, object?> rule, string portName, long? portNumber)
    {
        var ports = Chart.AsList(rule.At("ports")).Cast<Dictionary<string, object?>>().ToList();
        return ports.Count == 0 || ports.Any(p =>
            (p.At("protocol") ?? "TCP") is "TCP" && (Equals(p.At("port"), portName) || (portNumber is not null && Equals(p.At("port"), portNumber))));
    }

    private bool AllowsPeer(Dictionary<string, object?> rule, Peer source)
    {
        var peers = Chart.AsList(rule.At("from")).Cast<Dictionary<string, object?>>().ToList();
        return peers.Count == 0 || peers.Any(peer =>
        {
            Assert.False(peer.ContainsKey("ipBlock"), "ipBlock peers are not evaluated by this test.");
            var namespaceSelector = peer.At("namespaceSelector");
            var namespaceOk = namespaceSelector is null
                ? source.Namespace == releaseNamespace
                : Matches(namespaceSelector, source.NamespaceLabels);
            var podSelector = peer.At("podSelector");
            return namespaceOk && (podSelector is null || Matches(podSelector, source.PodLabels));
        });
    }

    private static bool Matches(object? selector, IReadOnlyDictionary<string, string> labels)
    {
        var map = selector as Dictionary<string, object?> ?? [];
        Assert.False(map.ContainsKey("matchExpressions"), "matchExpressions are not evaluated by this test.");
        return StringMap(map.GetValueOrDefault("matchLabels")).All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);
    }

    private Dictionary<string, object?> Deployment(string component) =>
        Assert.Single(manifests, m => m.Kind == "Deployment" && m.Component == component).Content;

    private long? ContainerPort(string component, string portName)
    {
        var container = (Dictionary<string, object?>)Chart.AsList(Deployment(component).At("spec.template.spec.containers"))[0]!;
        return Chart.AsList(container.At("ports")).Cast<Dictionary<string, object?>>()
            .Where(p => Equals(p.At("name"), portName)).Select(p => p.At("containerPort") as long?).FirstOrDefault();
    }

    private static Dictionary<string, string> StringMap(object? value) =>
        (value as Dictionary<string, object?> ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);
}
