using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>
/// The chart as the real Helm v4 lints and renders it, for the default values, the dev values and
/// every switch; every rendered object checked against the schema of its kind.
/// </summary>
public sealed class HelmRenderTests
{
    public static TheoryData<string> CaseNames() => new(ChartRender.Cases.Select(c => c.Name));

    public static TheoryData<string> RefusedNames() => new(ChartRender.RefusedCases.Select(c => c.Name));

    [Fact]
    public void Helm_is_version_4()
    {
        var result = Helm.Run("version", "--template", "{{.Version}}");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("v4.", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Lint_passes_strictly(string name)
    {
        var renderCase = ChartRender.Case(name);

        var result = Helm.Lint(ChartRender.ValuesFiles(name, renderCase.Dev, renderCase.Overlay));

        Assert.True(result.ExitCode == 0, result.Both);
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", result.Both, StringComparison.Ordinal);
        // Lint makes the templates' `fail` non-fatal and only logs it: a failed guard must still fail here.
        Assert.DoesNotContain("funcMap fail", result.Both, StringComparison.Ordinal);
        Assert.DoesNotContain("funcMap required", result.Both, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_rendered_object_satisfies_the_schema_of_its_kind(string name)
    {
        var manifests = ChartRender.Render(name);

        Assert.Contains(manifests, m => m.Kind == "Deployment");
        var errors = Manifests.ValidateAll(manifests);
        Assert.True(errors.Count == 0, $"{name}:\n" + string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Object_names_are_unique_per_kind(string name)
    {
        var duplicates = ChartRender.Render(name)
            .GroupBy(m => $"{m.Kind}/{m.Name}")
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();

        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public void The_chart_refuses_inconsistent_values_with_a_message(string name)
    {
        var refused = ChartRender.Refused(name);

        var result = Helm.Template(ChartRender.ValuesFiles(name, dev: false, refused.Overlay));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(refused.Message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_values_render_the_seven_components_against_external_servers()
    {
        var manifests = ChartRender.Render("default values");

        foreach (var kind in new[] { "Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy" })
        {
            Assert.Equal(ChartRender.AllComponents.Order(StringComparer.Ordinal), manifests.Where(m => m.Kind == kind).Select(m => m.Component).Order(StringComparer.Ordinal));
        }

        Assert.Equal(["gateway"], manifests.Where(m => m.Kind == "HorizontalPodAutoscaler").Select(m => m.Component));
        Assert.DoesNotContain(manifests, m => m.Kind is "Cluster" or "RabbitmqCluster" or "ScaledObject" or "Secret" or "Ingress" or "Job");
        foreach (var service in ChartRender.Services)
        {
            var env = Env(manifests, service);
            Assert.Equal($"doanketsangtao-{service}-db", env["ConnectionStrings__Database"].At("valueFrom.secretKeyRef.name"));
            Assert.Equal("doanketsangtao-rabbitmq", env["ConnectionStrings__RabbitMq"].At("valueFrom.secretKeyRef.name"));
        }
    }

    [Fact]
    public void The_postgresql_operator_switch_renders_one_cluster_per_service_and_points_each_service_at_its_own()
    {
        var manifests = ChartRender.Render("postgresql operator, external rabbitmq");

        var clusters = manifests.Where(m => m.Kind == "Cluster").ToList();
        Assert.Equal(ChartRender.Services.Order(StringComparer.Ordinal), clusters.Select(m => m.Component).Order(StringComparer.Ordinal));
        foreach (var service in ChartRender.Services)
        {
            var env = Env(manifests, service);
            Assert.Equal($"dkst-{service}-pg-app", env["DATABASE_PASSWORD"].At("valueFrom.secretKeyRef.name"));
            Assert.StartsWith($"Host=dkst-{service}-pg-rw;", env["ConnectionStrings__Database"].At("value") as string, StringComparison.Ordinal);
            Assert.Equal("doanketsangtao-rabbitmq", env["ConnectionStrings__RabbitMq"].At("valueFrom.secretKeyRef.name"));
        }

        Assert.DoesNotContain(manifests, m => m.Kind == "RabbitmqCluster");
    }

    [Fact]
    public void The_rabbitmq_operator_switch_renders_one_broker_and_reads_its_generated_credentials()
    {
        var manifests = ChartRender.Render("external postgresql, rabbitmq operator");

        var broker = Assert.Single(manifests, m => m.Kind == "RabbitmqCluster");
        Assert.DoesNotContain(manifests, m => m.Kind == "Cluster");
        foreach (var service in ChartRender.Services)
        {
            var env = Env(manifests, service);
            Assert.Equal($"{broker.Name}-default-user", env["RABBITMQ_USERNAME"].At("valueFrom.secretKeyRef.name"));
            Assert.Equal($"amqp://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@{broker.Name}:5672/", env["ConnectionStrings__RabbitMq"].At("value"));
            Assert.Equal($"doanketsangtao-{service}-db", env["ConnectionStrings__Database"].At("valueFrom.secretKeyRef.name"));
        }
    }

    [Fact]
    public void The_hpa_switch_scales_each_component_and_leaves_it_the_replica_count()
    {
        var manifests = ChartRender.Render("hpa on every component");

        foreach (var component in ChartRender.AllComponents)
        {
            var hpa = Assert.Single(manifests, m => m.Kind == "HorizontalPodAutoscaler" && m.Component == component);
            var deployment = Deployment(manifests, component);
            Assert.Equal(deployment.Name, hpa.Content.At("spec.scaleTargetRef.name"));
            Assert.Equal(2L, hpa.Content.At("spec.minReplicas"));
            Assert.Null(deployment.Content.At("spec.replicas"));
        }

        Assert.DoesNotContain(manifests, m => m.Kind == "ScaledObject");
    }

    [Theory]
    [InlineData("keda on every service, external rabbitmq", false)]
    [InlineData("keda on every service, rabbitmq operator", true)]
    public void The_keda_switch_scales_each_service_on_its_queues_instead_of_an_hpa(string name, bool brokerOperator)
    {
        var manifests = ChartRender.Render(name);

        foreach (var service in ChartRender.Services)
        {
            var scaled = Assert.Single(manifests, m => m.Kind == "ScaledObject" && m.Component == service);
            var deployment = Deployment(manifests, service);
            Assert.Equal(deployment.Name, scaled.Content.At("spec.scaleTargetRef.name"));
            Assert.Null(deployment.Content.At("spec.replicas"));
            Assert.DoesNotContain(manifests, m => m.Kind == "HorizontalPodAutoscaler" && m.Component == service);
            var triggers = Chart.AsList(scaled.Content.At("spec.triggers")).Cast<Dictionary<string, object?>>().ToList();
            Assert.Equal([$"{service}-work", $"{service}-retry"], triggers.Select(t => t.At("metadata.queueName")));
            var env = Env(manifests, service);
            foreach (var trigger in triggers)
            {
                Assert.Equal("rabbitmq", trigger.At("type"));
                // KEDA reads these names from the target container's environment.
                var fromEnv = brokerOperator
                    ? new[] { (string)trigger.At("metadata.usernameFromEnv")!, (string)trigger.At("metadata.passwordFromEnv")! }
                    : [(string)trigger.At("metadata.hostFromEnv")!];
                Assert.All(fromEnv, variable => Assert.True(env.ContainsKey(variable), $"{service} has no {variable} for KEDA."));
            }
        }
    }

    [Fact]
    public void The_optional_settings_render_the_ingress_to_the_gateway_the_migration_hooks_and_created_secrets()
    {
        var manifests = ChartRender.Render("every optional setting on");

        var ingress = Assert.Single(manifests, m => m.Kind == "Ingress");
        Assert.Equal("dkst-prod-gateway", ingress.Content.At("spec.rules") is List<object?> rules
            ? ((Dictionary<string, object?>)rules[0]!).At("http.paths") is List<object?> paths ? ((Dictionary<string, object?>)paths[0]!).At("backend.service.name") : null
            : null);
        Assert.Equal(ChartRender.Services.Order(StringComparer.Ordinal), manifests.Where(m => m.Kind == "Job").Select(m => m.Name.Replace("dkst-prod-", "", StringComparison.Ordinal).Replace("-migrate", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(manifests, m => m.Kind == "Secret" && m.Name == "dkst-prod-smtp");
        Assert.Equal("dkst-workloads", Deployment(manifests, "gateway").Content.At("spec.template.spec.serviceAccountName"));
        // Behind the ingress the gateway limits each caller by the address the ingress forwards, not by the ingress pod's.
        var env = Deployment(manifests, "gateway").Content.At("spec.template.spec.containers") is List<object?> containers
            ? ((Dictionary<string, object?>)containers[0]!).At("env") as List<object?>
            : null;
        Assert.Contains(env ?? [], e => e is Dictionary<string, object?> d && Equals(d["name"], "Gateway__TrustedProxies__0") && Equals(d["value"], "10.244.0.0/16"));
    }

    [Fact]
    public void Callers_of_grpc_methods_get_their_own_client_secret_and_identitys_token_endpoint_and_identity_seeds_their_clients()
    {
        var manifests = ChartRender.Render("dev values");
        var values = Chart.DevValues();
        var secrets = values.Map("secrets.service-clients.stringData");

        foreach (var caller in new[] { "registration", "appraisal", "awards" })
        {
            var secret = Env(manifests, caller)["ServiceAuth__ClientSecret"];
            Assert.EndsWith("-service-clients", secret.At("valueFrom.secretKeyRef.name") as string, StringComparison.Ordinal);
            Assert.Equal(caller, secret.At("valueFrom.secretKeyRef.key"));
            var config = Assert.Single(manifests, m => m.Kind == "ConfigMap" && m.Component == caller);
            Assert.Matches(@"^http://[a-z0-9-]+-identity:8080/connect/token$", config.Content.At("data.ServiceAuth__TokenEndpoint") as string);
        }

        Assert.DoesNotContain("ServiceAuth__ClientSecret", Env(manifests, "reporting").Keys);
        var identity = Assert.Single(manifests, m => m.Kind == "ConfigMap" && m.Component == "identity");
        Assert.Equal(values.At("identity.authority"), identity.Content.At("data.IdentityServer__Issuer"));
        var seed = Assert.Single(manifests, m => m.Kind == "Secret" && m.Name.EndsWith("-identity-seed", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse((string)seed.Content.Map("stringData")["seed.json"]!);
        var clients = json.RootElement.GetProperty("clients").EnumerateArray()
            .ToDictionary(c => c.GetProperty("clientId").GetString()!, c => (Secret: c.GetProperty("clientSecret").GetString(), Scopes: c.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToList()));
        foreach (var (service, scopes) in DoanKetSangTao.ServiceDefaults.Security.PlatformScopes.GrantedToService)
        {
            Assert.Equal(secrets[service], clients[$"svc-{service}"].Secret);
            Assert.Equal(scopes, clients[$"svc-{service}"].Scopes);
        }
    }

    [Fact]
    public void Switching_the_optional_resources_off_removes_them()
    {
        var manifests = ChartRender.Render("every optional resource off");

        Assert.DoesNotContain(manifests, m => m.Kind is "NetworkPolicy" or "PodDisruptionBudget" or "ServiceAccount" or "HorizontalPodAutoscaler");
        Assert.DoesNotContain(manifests, m => m.Component == "notification");
        Assert.Equal(6, manifests.Count(m => m.Kind == "Deployment"));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_pod_runs_hardened_with_a_writable_tmp_and_no_service_account_token(string name)
    {
        var workloads = ChartRender.Render(name).Where(m => m.Kind is "Deployment" or "Job").ToList();

        Assert.NotEmpty(workloads);
        foreach (var workload in workloads)
        {
            var pod = workload.Content.Map("spec.template.spec");
            Assert.True(pod.At("automountServiceAccountToken") is false, $"{name}: {workload} mounts a service account token.");
            Assert.True(pod.IsTrue("securityContext.runAsNonRoot"), $"{name}: {workload} may run as root.");
            var tmp = Chart.AsList(pod.At("volumes")).Cast<Dictionary<string, object?>>().Single(v => Equals(v["name"], "tmp"));
            Assert.True(tmp.ContainsKey("emptyDir"), $"{name}: {workload}'s /tmp is not an emptyDir.");
            foreach (var container in Chart.AsList(pod.At("containers")).Cast<Dictionary<string, object?>>())
            {
                Assert.True(container.IsTrue("securityContext.readOnlyRootFilesystem"), $"{name}: {workload} has a writable root filesystem.");
                Assert.True(container.At("securityContext.allowPrivilegeEscalation") is false, $"{name}: {workload} allows privilege escalation.");
                Assert.Contains("ALL", Chart.AsList(container.At("securityContext.capabilities.drop")));
                Assert.Contains(Chart.AsList(container.At("volumeMounts")).Cast<Dictionary<string, object?>>(), m => Equals(m["name"], "tmp") && Equals(m["mountPath"], "/tmp"));
            }
        }
    }

    internal static Manifest Deployment(IReadOnlyList<Manifest> manifests, string component) =>
        Assert.Single(manifests, m => m.Kind == "Deployment" && m.Component == component);

    /// <summary>The env entries of a component's container, by name.</summary>
    private static Dictionary<string, Dictionary<string, object?>> Env(IReadOnlyList<Manifest> manifests, string component)
    {
        var container = (Dictionary<string, object?>)Chart.AsList(Deployment(manifests, component).Content.At("spec.template.spec.containers"))[0]!;
        return Chart.AsList(container.At("env")).Cast<Dictionary<string, object?>>().ToDictionary(e => (string)e["name"]!, StringComparer.Ordinal);
    }
}
