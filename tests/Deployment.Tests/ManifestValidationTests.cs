using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>
/// The schema check that HelmRenderTests relies on rejects what the API server or an operator
/// would: each case breaks one object the chart really renders, in one way.
/// </summary>
public sealed class ManifestValidationTests
{
    [Fact]
    public void The_unbroken_objects_pass()
    {
        foreach (var manifest in new[] { Deployment(), One("ScaledObject"), One("Cluster"), One("RabbitmqCluster") })
        {
            Assert.Empty(Manifests.Validate(manifest));
        }
    }

    [Theory]
    // A misspelt field, deep inside the pod template.
    [InlineData("containerPort: 8080", "containerPortt: 8080", "containerPortt")]
    // A pod field at the Deployment's level (mis-indented template output).
    [InlineData("  revisionHistoryLimit: 5", "  revisionHistoryLimit: 5\n  terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds")]
    // A number where the API wants a number, given as a word.
    [InlineData("revisionHistoryLimit: 5", "revisionHistoryLimit: five", "'five'")]
    // A list where the API wants a string.
    [InlineData("imagePullPolicy: IfNotPresent", "imagePullPolicy: [IfNotPresent]", "System.String")]
    // A value outside the API's enumeration.
    [InlineData("imagePullPolicy: IfNotPresent", "imagePullPolicy: Sometimes", "/imagePullPolicy: must be equal to one of the allowed values")]
    [InlineData("protocol: TCP", "protocol: TCPX", "/protocol: must be equal to one of the allowed values")]
    // A required field left out: a container without a name.
    [InlineData("- name: registration\n          image:", "- image:", "/containers/0: must have required property name")]
    // A quantity Kubernetes cannot parse.
    [InlineData("memory: 512Mi", "memory: lots", "'lots'")]
    public void A_broken_built_in_object_is_rejected(string from, string to, string mentions)
    {
        var errors = Manifests.Validate(Break(Deployment(), from, to));

        Assert.True(errors.Any(e => e.Contains(mentions, StringComparison.Ordinal)), "Errors:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void An_api_version_kubernetes_no_longer_serves_is_rejected()
    {
        var hpa = ChartRender.Render("default values").First(m => m.Kind == "HorizontalPodAutoscaler");

        var errors = Manifests.Validate(Break(hpa, "apiVersion: autoscaling/v2", "apiVersion: autoscaling/v2beta1"));

        Assert.Contains(errors, e => e.Contains("no schema for autoscaling/v2beta1 HorizontalPodAutoscaler", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_with_no_schema_is_rejected_rather_than_passed()
    {
        var errors = Manifests.Validate(Break(One("Cluster"), "kind: Cluster", "kind: Pooler"));

        Assert.Contains(errors, e => e.Contains("no schema for postgresql.cnpg.io/v1 Pooler", StringComparison.Ordinal));
    }

    [Theory]
    // KEDA's CRD types trigger metadata as strings: an unquoted number is refused by the API server.
    [InlineData("ScaledObject", "value: \"20\"", "value: 20", "/spec/triggers/0/metadata/value")]
    [InlineData("ScaledObject", "scaleTargetRef:", "scaleTarget:", "/spec")]
    // A misspelt CloudNativePG field would be pruned silently by the API server.
    [InlineData("Cluster", "  instances: 1", "  instance: 1", "/spec")]
    [InlineData("Cluster", "size: 1Gi", "size: one-gigabyte", "/spec/storage/size")]
    [InlineData("RabbitmqCluster", "replicas: 1", "replicas: one", "/spec/replicas")]
    public void A_broken_custom_resource_is_rejected(string kind, string from, string to, string location)
    {
        var errors = Manifests.Validate(Break(One(kind), from, to));

        Assert.True(errors.Any(e => e.Contains($": {location}: ", StringComparison.Ordinal)), "Errors:\n" + string.Join("\n", errors));
    }

    // The dev values render the operators' resources; KEDA is switched on for the services.
    private static IReadOnlyList<Manifest> Rendered() => ChartRender.Render("keda on every service, rabbitmq operator");

    private static Manifest Deployment() => One("Deployment", "registration");

    private static Manifest One(string kind, string? component = null) =>
        Rendered().First(m => m.Kind == kind && (component is null || m.Component == component));

    private static Manifest Break(Manifest manifest, string from, string to)
    {
        Assert.Contains(from, manifest.Text, StringComparison.Ordinal);
        var index = manifest.Text.IndexOf(from, StringComparison.Ordinal);
        var text = string.Concat(manifest.Text.AsSpan(0, index), to, manifest.Text.AsSpan(index + from.Length));
        return Assert.Single(Manifests.Parse(text));
    }
}
