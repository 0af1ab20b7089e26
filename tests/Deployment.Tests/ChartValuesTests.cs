using System.Text.RegularExpressions;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>Facts about Chart.yaml and the values files, read without Helm.</summary>
public sealed partial class ChartValuesTests
{
    [Fact]
    public void Chart_yaml_is_a_v2_application_chart_named_after_its_folder()
    {
        var chart = Yaml.LoadMap(Chart.ChartFile);

        Assert.Equal("v2", chart.At("apiVersion"));
        Assert.Equal("application", chart.At("type"));
        Assert.Equal(Path.GetFileName(Repo.ChartDir), chart.At("name"));
        Assert.Matches(SemVer(), Assert.IsType<string>(chart.At("version")));
        Assert.False(string.IsNullOrWhiteSpace(chart.At("appVersion") as string), "appVersion is the default image tag.");
    }

    [Fact]
    public void Every_component_is_complete_once_the_default_block_is_merged()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            foreach (var (name, c) in Chart.Components(values))
            {
                var where = $"{source}: components.{name}";
                Assert.False(string.IsNullOrWhiteSpace(c.At("image.repository") as string), $"{where}.image.repository is empty.");
                Assert.Contains(c.At("image.pullPolicy") as string, new[] { "Always", "IfNotPresent", "Never" });
                Assert.IsType<bool>(c.At("enabled"));
                var http = Assert.IsType<long>(c.At("ports.http"));
                Assert.InRange(http, 1, 65535);
                foreach (var path in new[] { "resources.requests.cpu", "resources.requests.memory", "resources.limits.memory" })
                {
                    Assert.True(c.At(path) is not null, $"{where}.{path} is missing.");
                }

                foreach (var (probe, endpoint) in new[] { ("startup", "/health/live"), ("liveness", "/health/live"), ("readiness", "/health/ready") })
                {
                    Assert.Equal(endpoint, c.At($"probes.{probe}.path"));
                }
            }
        }
    }

    [Fact]
    public void No_component_enables_both_hpa_and_keda()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            foreach (var (name, c) in Chart.Components(values))
            {
                Assert.False(
                    c.IsTrue("autoscaling.hpa.enabled") && c.IsTrue("autoscaling.keda.enabled"),
                    $"{source}: components.{name} enables both HPA and KEDA.");
            }
        }
    }

    [Fact]
    public void Keda_components_name_their_queues_and_keep_a_replica()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            foreach (var (name, c) in Chart.Components(values).Where(kv => kv.Value.IsTrue("autoscaling.keda.enabled")))
            {
                Assert.True(c.IsTrue("messaging.enabled"), $"{source}: {name} scales on queues but has no broker.");
                Assert.NotEmpty(Chart.AsList(c.At("autoscaling.keda.queues")));
                Assert.True((long)c.At("autoscaling.keda.minReplicaCount")! >= 1, $"{source}: {name} would scale to zero and stop serving HTTP.");
            }
        }
    }

    [Fact]
    public void Pod_security_defaults_are_hardened()
    {
        var values = Chart.Values();

        Assert.True(values.IsTrue("default.podSecurityContext.runAsNonRoot"));
        Assert.Equal(1654L, values.At("default.podSecurityContext.runAsUser"));
        Assert.Equal("RuntimeDefault", values.At("default.podSecurityContext.seccompProfile.type"));
        Assert.True(values.IsTrue("default.securityContext.runAsNonRoot"));
        Assert.True(values.IsTrue("default.securityContext.readOnlyRootFilesystem"));
        Assert.True(values.At("default.securityContext.allowPrivilegeEscalation") is false);
        Assert.True(values.At("default.securityContext.privileged") is false or null);
        Assert.Contains("ALL", Chart.AsList(values.At("default.securityContext.capabilities.drop")));
    }

    [Fact]
    public void No_component_weakens_the_pod_security_defaults()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            foreach (var (name, c) in Chart.Components(values))
            {
                var where = $"{source}: components.{name}";
                Assert.True(c.IsTrue("podSecurityContext.runAsNonRoot"), $"{where} may run as root.");
                Assert.True(c.IsTrue("securityContext.readOnlyRootFilesystem"), $"{where} has a writable root filesystem.");
                Assert.True(c.At("securityContext.allowPrivilegeEscalation") is false, $"{where} allows privilege escalation.");
                Assert.Contains("ALL", Chart.AsList(c.At("securityContext.capabilities.drop")));
            }
        }
    }

    [Fact]
    public void Grpc_clients_and_gateway_routes_name_existing_components()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            var components = Chart.EnabledComponents(values);
            foreach (var (name, c) in components)
            {
                foreach (var target in Chart.AsList(c.At("grpcClients")).Cast<string>())
                {
                    Assert.True(components.TryGetValue(target, out var t) && t.At("ports.grpc") is long, $"{source}: {name} calls {target} over gRPC, which has no grpc port.");
                }

                foreach (var target in Chart.AsList(c.At("routes")).Cast<string>())
                {
                    Assert.True(components.ContainsKey(target), $"{source}: {name} routes to {target}, which is not an enabled component.");
                }
            }
        }
    }

    [Fact]
    public void The_gateway_routes_to_every_other_component()
    {
        var components = Chart.Components(Chart.Values());
        var gateway = components["gateway"];

        var routed = Chart.AsList(gateway.At("routes")).Cast<string>().Order(StringComparer.Ordinal);
        var others = components.Keys.Where(k => k != "gateway").Order(StringComparer.Ordinal);
        Assert.Equal(others, routed);
    }

    [Fact]
    public void Appraisal_calls_registration_over_grpc()
    {
        var appraisal = Chart.Components(Chart.Values())["appraisal"];

        Assert.Contains("registration", Chart.AsList(appraisal.At("grpcClients")));
        // Registration asks appraisal who on a council reads a dossier.
        Assert.Contains("appraisal", Chart.AsList(Chart.Components(Chart.Values())["registration"].At("grpcClients")));
    }

    [Fact]
    public void No_component_holds_a_shared_service_key()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            Assert.False(values.Map("secrets").ContainsKey("service-auth"), $"{source}: the shared service key is gone; each service has its own client.");
            foreach (var (name, c) in Chart.Components(values))
            {
                Assert.DoesNotContain(c.Map("secretEnv").Keys, k => k.StartsWith("ServiceAuth__", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Every_platform_service_has_a_client_at_identity_with_the_scopes_the_code_grants_it()
    {
        var granted = PlatformScopes.GrantedToService;
        foreach (var (source, values) in Chart.ValueSets())
        {
            var clients = values.Map("identity.serviceClients");
            Assert.Equal(granted.Keys.Order(StringComparer.Ordinal), clients.Keys.Order(StringComparer.Ordinal));
            foreach (var (service, scopes) in granted)
            {
                Assert.Equal(scopes.Order(StringComparer.Ordinal), Chart.AsList(clients[service]).Cast<string>().Order(StringComparer.Ordinal));
            }

            // Every component but the gateway is a platform service, and each one that calls gRPC methods has a client.
            Assert.Equal(Chart.Components(values).Keys.Where(k => k != "gateway").Order(StringComparer.Ordinal), granted.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Created_client_secrets_exist_for_every_service_and_the_seed_is_identitys_mounted_file()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            var secretName = (string)values.At("identity.clientSecrets")!;
            if (values.IsTrue($"secrets.{secretName}.create"))
            {
                var data = values.Map($"secrets.{secretName}.stringData");
                Assert.All(values.Map("identity.serviceClients").Keys, service =>
                    Assert.True(data.GetValueOrDefault(service) is string { Length: >= 32 }, $"{source}: {secretName} has no secret of 32 characters or more for {service}."));
            }

            var identity = Chart.Components(values)["identity"];
            var mount = identity.At($"secretVolumes.{values.At("identity.seedSecret")}") as string;
            Assert.NotNull(mount);
            Assert.Equal($"{mount}/seed.json", identity.At("config.IdentityServer__SeedFile"));
        }
    }

    [Fact]
    public void Every_referenced_secret_is_declared_once()
    {
        foreach (var (source, values) in Chart.ValueSets())
        {
            var secrets = values.Map("secrets");
            var referenced = new List<string> { (string)values.At("rabbitmq.external.secret")! };
            foreach (var (_, c) in Chart.Components(values))
            {
                if (c.IsTrue("database.enabled"))
                {
                    referenced.Add((string)c.At("database.secret")!);
                }

                referenced.AddRange(c.Map("secretEnv").Values.Cast<Dictionary<string, object?>>().Select(r => (string)r["secret"]!));
            }

            foreach (var name in referenced)
            {
                Assert.True(secrets.TryGetValue(name, out var raw), $"{source}: secret '{name}' is referenced but not declared.");
                var secret = Assert.IsType<Dictionary<string, object?>>(raw);
                var existing = secret.At("existingSecret") is string { Length: > 0 };
                Assert.True(existing ^ secret.IsTrue("create"), $"{source}: secrets.{name} needs exactly one of existingSecret and create.");
            }
        }
    }

    [Fact]
    public void Gateway_keeps_the_development_token_issuer_off_by_default()
    {
        var gateway = Chart.Components(Chart.Values())["gateway"];

        Assert.Equal("false", gateway.At("config.DevIdentity__Enabled"));
    }

    /// <summary>
    /// Every `.Values.x.y` path in the templates exists in values.yaml, and every path read from
    /// a merged component (`$c.x`, `.c.x`, or a variable assigned from one) exists in the default
    /// block or in some component. Catches typos Helm would render as empty strings.
    /// </summary>
    [Fact]
    public void Templates_reference_only_values_that_exist()
    {
        var values = Chart.Values();
        var componentShape = Chart.Components(values).Values.Aggregate(values.Map("default"), Yaml.Overlay);
        var problems = new List<string>();
        var checkedPaths = 0;

        foreach (var template in Chart.Templates())
        {
            var text = Repo.Read(template);
            var aliases = new Dictionary<string, (bool FromComponent, string Path)>(StringComparer.Ordinal);
            foreach (Match m in Alias().Matches(text))
            {
                aliases[m.Groups["name"].Value] = (m.Groups["root"].Value == "$c", m.Groups["path"].Value.TrimStart('.'));
            }

            foreach (Match m in ValuesPath().Matches(text))
            {
                checkedPaths++;
                Require(values, m.Groups["path"].Value.TrimStart('.'), $"{template}: .Values{m.Groups["path"].Value}");
            }

            foreach (Match m in ComponentPath().Matches(text))
            {
                checkedPaths++;
                Require(componentShape, m.Groups["path"].Value.TrimStart('.'), $"{template}: component{m.Groups["path"].Value}");
            }

            foreach (Match m in VariablePath().Matches(text))
            {
                if (aliases.TryGetValue(m.Groups["name"].Value, out var alias))
                {
                    checkedPaths++;
                    var path = $"{alias.Path}.{m.Groups["path"].Value.TrimStart('.')}".TrimStart('.');
                    Require(alias.FromComponent ? componentShape : values, path, $"{template}: ${m.Groups["name"].Value}{m.Groups["path"].Value}");
                }
            }
        }

        Assert.True(checkedPaths > 50, $"Only {checkedPaths} value references found; the patterns no longer match the templates.");
        Assert.True(problems.Count == 0, "Unknown value paths:\n" + string.Join("\n", problems));

        void Require(Dictionary<string, object?> map, string path, string where)
        {
            if (!HasPath(map, path))
            {
                problems.Add(where);
            }
        }
    }

    private static bool HasPath(Dictionary<string, object?> map, string dottedPath)
    {
        object? current = map;
        foreach (var key in dottedPath.Split('.'))
        {
            if (current is not Dictionary<string, object?> step || !step.TryGetValue(key, out current))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"\.Values(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPath();

    [GeneratedRegex(@"(\$c|(?<![\w$)])\.c)(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ComponentPath();

    // A plain `{{ $x := <path> }}`; range variables (`range $k, $v := ...`) hold elements, not the path.
    [GeneratedRegex(@"\{\{-?\s*\$(?<name>[A-Za-z][A-Za-z0-9_]*)\s*:=\s*(?<root>\$c|\$\.Values|\.Values)(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)*)\s*-?\}\}")]
    private static partial Regex Alias();

    [GeneratedRegex(@"\$(?<name>[A-Za-z][A-Za-z0-9_]*)(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex VariablePath();
}
