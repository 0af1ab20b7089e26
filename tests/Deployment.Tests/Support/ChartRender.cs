using System.Collections.Concurrent;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>A set of values to render the chart with: values.yaml, optionally values-dev.yaml, then an overlay.</summary>
public sealed record RenderCase(string Name, bool Dev, string Overlay);

/// <summary>A set of values the chart must refuse, and the message it must refuse with.</summary>
public sealed record RefusedCase(string Name, string Overlay, string Message);

/// <summary>
/// The value sets the chart is rendered with: the default values, the dev values and every
/// switch values.schema.json offers (HPA or KEDA, operators or external servers, the optional
/// resources on and off), and the values it must refuse. Renders are cached per process.
/// </summary>
public static class ChartRender
{
    /// <summary>The default values leave the OIDC issuer empty on purpose (the chart refuses them).</summary>
    public const string Authority = """
        identity:
          authority: https://dkst.example.vn/
        """;

    public static readonly string[] Services = ["registration", "appraisal", "awards", "reporting", "notification", "identity"];

    public static readonly string[] AllComponents = [.. Services, "gateway"];

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Manifest>>> Renders = new(StringComparer.Ordinal);

    private static readonly Lazy<string> OverlayDir = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"dkst-helm-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        return dir;
    });

    public static IReadOnlyList<RenderCase> Cases { get; } =
    [
        new("default values", false, Authority),
        new("dev values", true, string.Empty),
        new("postgresql operator, external rabbitmq", false, Authority + """

            postgresql:
              operator:
                enabled: true
            """),
        new("external postgresql, rabbitmq operator", false, Authority + """

            rabbitmq:
              operator:
                enabled: true
            """),
        new("hpa on every component", false, Authority + "\ncomponents:\n" + string.Concat(AllComponents.Select(c => $"""
              {c}:
                autoscaling:
                  hpa:
                    enabled: true
                    minReplicas: 2
                    maxReplicas: 5

            """))),
        new("keda on every service, external rabbitmq", false, Authority + "\n" + KedaOnEveryService),
        new("keda on every service, rabbitmq operator", true, KedaOnEveryService),
        new("every optional setting on", false, Authority + """

            fullnameOverride: dkst-prod
            imagePullSecrets:
              - name: registry-credentials
            serviceAccount:
              create: true
              name: dkst-workloads
              annotations:
                example.vn/owner: platform
            observability:
              otlpEndpoint: http://otel-collector.observability:4317
            postgresql:
              operator:
                enabled: true
                imageName: ghcr.io/cloudnative-pg/postgresql:17.5
                storage:
                  storageClass: fast-ssd
            rabbitmq:
              operator:
                enabled: true
                image: rabbitmq:4.1-management
                persistence:
                  storageClassName: fast-ssd
            ingress:
              enabled: true
              className: nginx
              annotations:
                nginx.ingress.kubernetes.io/proxy-body-size: 50m
              hosts:
                - host: dkst.example.vn
                  paths:
                    - path: /
                      pathType: Prefix
              trustedProxies: [10.244.0.0/16]
              tls:
                - hosts: [dkst.example.vn]
                  secretName: dkst-tls
            networkPolicy:
              enabled: true
              edgeFrom:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: ingress-nginx
              httpFrom:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: monitoring
            migrations:
              job:
                enabled: true
            secrets:
              smtp:
                existingSecret: ""
                create: true
                stringData:
                  username: mailer
                  password: mat-khau
            default:
              env:
                - name: DOTNET_gcServer
                  value: "0"
              podAnnotations:
                example.vn/team: platform
              podLabels:
                example.vn/tier: backend
              nodeSelector:
                kubernetes.io/os: linux
              tolerations:
                - key: dedicated
                  operator: Equal
                  value: dkst
                  effect: NoSchedule
              affinity:
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      podAffinityTerm:
                        topologyKey: kubernetes.io/hostname
                        labelSelector:
                          matchLabels:
                            app.kubernetes.io/part-of: doanketsangtao
              topologySpreadConstraints:
                - maxSkew: 1
                  topologyKey: topology.kubernetes.io/zone
                  whenUnsatisfiable: ScheduleAnyway
                  labelSelector:
                    matchLabels:
                      app.kubernetes.io/part-of: doanketsangtao
            components:
              gateway:
                service:
                  type: LoadBalancer
                env:
                  - name: EXTRA
                    valueFrom:
                      fieldRef:
                        fieldPath: metadata.name
            """),
        new("every optional resource off", false, Authority + """

            serviceAccount:
              create: false
            networkPolicy:
              enabled: false
            default:
              pdb:
                enabled: false
            components:
              notification:
                enabled: false
              gateway:
                autoscaling:
                  hpa:
                    enabled: false
                routes: [registration, appraisal, awards, reporting]
            """),
    ];

    public static IReadOnlyList<RefusedCase> RefusedCases { get; } =
    [
        new("default values without an OIDC issuer", string.Empty, "identity.authority is required"),
        new("hpa and keda on one component", Authority + """

            components:
              registration:
                autoscaling:
                  hpa: {enabled: true}
                  keda: {enabled: true, queues: [registration-work]}
            """, "components.registration: enable autoscaling.hpa or autoscaling.keda, not both"),
        new("keda on the gateway, which has no broker", Authority + """

            components:
              gateway:
                autoscaling:
                  hpa: {enabled: false}
                  keda: {enabled: true, queues: [gateway-work]}
            """, "components.gateway: autoscaling.keda scales on RabbitMQ queues, but messaging.enabled is false"),
        new("keda without queues", Authority + """

            components:
              awards:
                autoscaling:
                  keda: {enabled: true, queues: []}
            """, "components.awards: autoscaling.keda.queues must name at least one queue"),
        new("a grpc client of a component without a grpc port", Authority + """

            components:
              awards:
                grpcClients: [gateway]
            """, "\"gateway\" is not a component with a grpc port"),
        new("a gateway route to no component", Authority + """

            components:
              gateway:
                routes: [registration, nowhere]
            """, "\"nowhere\" is not a component"),
        new("a secret both created and existing", Authority + """

            secrets:
              smtp:
                existingSecret: doanketsangtao-smtp
                create: true
                stringData: {username: a, password: b}
            """, "secrets.smtp: set either create or existingSecret, not both"),
        new("an ingress without the proxies' address ranges", Authority + """

            ingress:
              enabled: true
            """, "ingress.trustedProxies must list the ingress controller's address ranges"),
        new("a misspelt component key", Authority + """

            components:
              awards:
                replica: 3
            """, "additional properties 'replica' not allowed"),
        new("an external database without its secret", Authority + """

            components:
              reporting:
                database:
                  secret: ""
            """, "components.reporting: database.secret must name the Secret"),
    ];

    public static RenderCase Case(string name) => Cases.Single(c => c.Name == name);

    public static RefusedCase Refused(string name) => RefusedCases.Single(c => c.Name == name);

    /// <summary>`helm template` of a case, which must succeed; the objects it rendered.</summary>
    public static IReadOnlyList<Manifest> Render(RenderCase renderCase) =>
        Renders.GetOrAdd(renderCase.Name, _ => new Lazy<IReadOnlyList<Manifest>>(() =>
        {
            var result = Helm.Template(ValuesFiles(renderCase.Name, renderCase.Dev, renderCase.Overlay));
            Assert.True(result.ExitCode == 0, $"helm template ({renderCase.Name}) failed:\n{result.Error}");
            return Manifests.Parse(result.Output);
        })).Value;

    public static IReadOnlyList<Manifest> Render(string name) => Render(Case(name));

    public static IReadOnlyList<string> ValuesFiles(string name, bool dev, string overlay)
    {
        var files = new List<string>();
        if (dev)
        {
            files.Add(Repo.Path(Chart.DevValuesFile));
        }

        if (overlay.Length > 0)
        {
            var file = Path.Combine(OverlayDir.Value, string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')) + ".yaml");
            File.WriteAllText(file, overlay + "\n");
            files.Add(file);
        }

        return files;
    }

    private static string KedaOnEveryService => "components:\n" + string.Concat(Services.Select(s => $"""
          {s}:
            autoscaling:
              hpa:
                enabled: false
              keda:
                enabled: true
                queues: [{s}-work, {s}-retry]

        """));
}
