{{/*
Helpers shared by every template. Per-component helpers take a dict:
  root - the top-level context ($)
  name - the component key under .Values.components
  c    - the merged component (from "dks.component"), where needed
*/}}

{{/* Value of the app.kubernetes.io/name label. */}}
{{- define "dks.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every resource name. Kept short so that "<prefix>-<component>" and the names
     the operators derive from it stay within Kubernetes' 63-character limit. */}}
{{- define "dks.prefix" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "dks.componentName" -}}
{{- printf "%s-%s" (include "dks.prefix" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dks.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dks.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .name }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{- define "dks.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "dks.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: doanketsangtao
{{- end -}}

{{- define "dks.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (printf "%s-doanketsangtao" (include "dks.prefix" .)) .Values.serviceAccount.name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The component with the default block merged under it (the component wins), validated.
Returned as YAML; callers use `include ... | fromYaml`. `env` lists are concatenated rather
than replaced, so that a component adds to the defaults instead of silently dropping them.
*/}}
{{- define "dks.component" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $components := $root.Values.components -}}
{{- $own := index $components $name -}}
{{- $c := mergeOverwrite (deepCopy $root.Values.default) (deepCopy $own) -}}
{{- $_ := set $c "env" (concat ($root.Values.default.env | default list) ($own.env | default list)) -}}
{{- if $c.enabled -}}
{{- if and $c.autoscaling.hpa.enabled $c.autoscaling.keda.enabled -}}
{{- fail (printf "components.%s: enable autoscaling.hpa or autoscaling.keda, not both: each would fight the other over the replica count" $name) -}}
{{- end -}}
{{- if $c.autoscaling.keda.enabled -}}
{{- if not $c.messaging.enabled -}}
{{- fail (printf "components.%s: autoscaling.keda scales on RabbitMQ queues, but messaging.enabled is false" $name) -}}
{{- end -}}
{{- if not $c.autoscaling.keda.queues -}}
{{- fail (printf "components.%s: autoscaling.keda.queues must name at least one queue" $name) -}}
{{- end -}}
{{- end -}}
{{- if and $c.database.enabled (not $root.Values.postgresql.operator.enabled) (not $c.database.secret) -}}
{{- fail (printf "components.%s: database.secret must name the Secret holding the connection string when postgresql.operator.enabled is false" $name) -}}
{{- end -}}
{{- range $c.grpcClients -}}
{{- $target := index $components . | default dict -}}
{{- if not (dig "ports" "grpc" nil $target) -}}
{{- fail (printf "components.%s.grpcClients: %q is not a component with a grpc port" $name .) -}}
{{- end -}}
{{- end -}}
{{- if $c.grpcClients -}}
{{- if not (dig "identity" "enabled" false $components) -}}
{{- fail (printf "components.%s calls gRPC methods with tokens of the identity component, which is not enabled" $name) -}}
{{- end -}}
{{- if not (hasKey $root.Values.identity.serviceClients $name) -}}
{{- fail (printf "components.%s calls gRPC methods but identity.serviceClients has no client for it" $name) -}}
{{- end -}}
{{- end -}}
{{- range $c.routes -}}
{{- if not (hasKey $components .) -}}
{{- fail (printf "components.%s.routes: %q is not a component" $name .) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $c -}}
{{- end -}}

{{- define "dks.image" -}}
{{- printf "%s:%s" .c.image.repository (.c.image.tag | default .root.Chart.AppVersion | toString) -}}
{{- end -}}

{{/* Actual name of a Secret declared by logical name under .Values.secrets. */}}
{{- define "dks.secretName" -}}
{{- $secrets := .root.Values.secrets | default dict -}}
{{- $entry := index $secrets .name -}}
{{- if not $entry -}}
{{- fail (printf "secret %q is referenced but not declared under secrets" .name) -}}
{{- end -}}
{{- if and $entry.create $entry.existingSecret -}}
{{- fail (printf "secrets.%s: set either create or existingSecret, not both" .name) -}}
{{- end -}}
{{- if $entry.create -}}
{{- printf "%s-%s" (include "dks.prefix" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- required (printf "secrets.%s: set existingSecret, or create: true with stringData" .name) $entry.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* CloudNativePG Cluster of a component; the operator derives <name>-rw and <name>-app. */}}
{{- define "dks.pgClusterName" -}}
{{- printf "%s-%s-pg" (include "dks.prefix" .root) .name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{- define "dks.rabbitmqName" -}}
{{- printf "%s-rabbitmq" (include "dks.prefix" .) | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/*
Non-secret settings of a component as a map of strings (the ConfigMap's data). Entries in the
component's `config` come last and therefore win.
*/}}
{{- define "dks.config" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $cfg := dict -}}
{{- $_ := set $cfg "ASPNETCORE_HTTP_PORTS" (toString $c.ports.http) -}}
{{- $_ := set $cfg "Identity__Authority" (required "identity.authority is required: the OIDC issuer every component validates tokens against" $root.Values.identity.authority) -}}
{{- $_ := set $cfg "Identity__Audience" $root.Values.identity.audience -}}
{{- $_ := set $cfg "Identity__RequireHttpsMetadata" (toString $root.Values.identity.requireHttpsMetadata) -}}
{{- $_ := set $cfg "OTEL_SERVICE_NAME" .name -}}
{{- $_ := set $cfg "OTEL_RESOURCE_ATTRIBUTES" "service.namespace=doanketsangtao" -}}
{{- with $root.Values.observability.otlpEndpoint -}}
{{- $_ := set $cfg "OTEL_EXPORTER_OTLP_ENDPOINT" . -}}
{{- end -}}
{{- if $c.messaging.enabled -}}
{{- $_ := set $cfg "Messaging__QuorumQueues" (toString $root.Values.messaging.quorumQueues) -}}
{{- end -}}
{{- if eq .name "identity" -}}
{{- $_ := set $cfg "IdentityServer__Issuer" $root.Values.identity.authority -}}
{{- end -}}
{{- if eq .name "registration" -}}
{{- /* The gallery's DCAT catalogue links its files at the platform's public address. */ -}}
{{- $_ := set $cfg "Gallery__PublicBaseUrl" (trimSuffix "/" $root.Values.identity.authority) -}}
{{- end -}}
{{- if eq .name "awards" -}}
{{- /* The certificates' QR codes lead to the verification page at the platform's public address. */ -}}
{{- $_ := set $cfg "Certificates__PublicBaseUrl" (trimSuffix "/" $root.Values.identity.authority) -}}
{{- end -}}
{{- range $c.grpcClients -}}
{{- $target := index $root.Values.components . -}}
{{- $_ := set $cfg (printf "Services__%s__Grpc" (title .)) (printf "http://%s:%v" (include "dks.componentName" (dict "root" $root "name" .)) $target.ports.grpc) -}}
{{- end -}}
{{- if $c.grpcClients -}}
{{- /* Tokens for its gRPC calls straight from identity's Service, not through the gateway's public limits. */ -}}
{{- $_ := set $cfg "ServiceAuth__TokenEndpoint" (printf "http://%s:%v/connect/token" (include "dks.componentName" (dict "root" $root "name" "identity")) $root.Values.components.identity.ports.http) -}}
{{- end -}}
{{- range $c.routes -}}
{{- $target := index $root.Values.components . -}}
{{- $_ := set $cfg (printf "ReverseProxy__Clusters__%s__Destinations__primary__Address" .) (printf "http://%s:%v" (include "dks.componentName" (dict "root" $root "name" .)) $target.ports.http) -}}
{{- end -}}
{{- range $key, $value := $c.config -}}
{{- $_ := set $cfg $key (toString $value) -}}
{{- end -}}
{{- toYaml $cfg -}}
{{- end -}}

{{/*
Container env entries that come from Secrets: database, broker, `secretEnv`, then the raw
`env` entries. Kubernetes expands $(VAR) from entries defined earlier in the same list, which
is how connection strings are assembled from the credentials the operators generate.
*/}}
{{- define "dks.env" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- if $c.database.enabled -}}
{{- if $root.Values.postgresql.operator.enabled -}}
{{- $cluster := include "dks.pgClusterName" . }}
- name: DATABASE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $cluster }}-app
      key: username
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $cluster }}-app
      key: password
- name: ConnectionStrings__Database
  value: {{ printf "Host=%s-rw;Port=5432;Database=%s;Username=$(DATABASE_USERNAME);Password='$(DATABASE_PASSWORD)';SSL Mode=%s" $cluster (default .name $c.database.name) $root.Values.postgresql.operator.sslMode | quote }}
{{- else }}
- name: ConnectionStrings__Database
  valueFrom:
    secretKeyRef:
      name: {{ include "dks.secretName" (dict "root" $root "name" $c.database.secret) }}
      key: {{ $c.database.key }}
{{- end }}
{{- end }}
{{- if $c.messaging.enabled -}}
{{- if $root.Values.rabbitmq.operator.enabled -}}
{{- $rabbit := include "dks.rabbitmqName" $root }}
- name: RABBITMQ_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $rabbit }}-default-user
      key: username
- name: RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $rabbit }}-default-user
      key: password
- name: ConnectionStrings__RabbitMq
  value: {{ printf "amqp://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@%s:5672/" $rabbit | quote }}
{{- else }}
- name: ConnectionStrings__RabbitMq
  valueFrom:
    secretKeyRef:
      name: {{ include "dks.secretName" (dict "root" $root "name" $root.Values.rabbitmq.external.secret) }}
      key: {{ $root.Values.rabbitmq.external.key }}
{{- end }}
{{- end }}
{{- if $c.grpcClients }}
- name: ServiceAuth__ClientSecret
  valueFrom:
    secretKeyRef:
      name: {{ include "dks.secretName" (dict "root" $root "name" $root.Values.identity.clientSecrets) }}
      key: {{ .name }}
{{- end }}
{{- range $envName, $ref := $c.secretEnv }}
- name: {{ $envName }}
  valueFrom:
    secretKeyRef:
      name: {{ include "dks.secretName" (dict "root" $root "name" $ref.secret) }}
      key: {{ required (printf "secretEnv.%s.key is required" $envName) $ref.key }}
{{- end }}
{{- if and $root.Values.ingress.enabled (eq .name $root.Values.ingress.component) }}
{{- range $i, $cidr := $root.Values.ingress.trustedProxies }}
- name: Gateway__TrustedProxies__{{ $i }}
  value: {{ $cidr | quote }}
{{- end }}
{{- end }}
{{- with $c.env }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "dks.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
periodSeconds: {{ .periodSeconds }}
timeoutSeconds: {{ .timeoutSeconds }}
failureThreshold: {{ .failureThreshold }}
{{- end -}}

{{/* Pod-level settings shared by the Deployments and the migration Jobs. */}}
{{- define "dks.podSpecCommon" -}}
serviceAccountName: {{ include "dks.serviceAccountName" .root }}
# The services never call the Kubernetes API.
automountServiceAccountToken: false
# Service-link variables would add noise to an environment the services read config from.
enableServiceLinks: false
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .c.podSecurityContext | nindent 2 }}
{{- with .c.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .c.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .c.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
volumes:
  # The root filesystem is read-only; the runtime still needs a scratch /tmp.
  - name: tmp
    emptyDir:
      sizeLimit: {{ .c.tmpSizeLimit }}
  {{- range $secret, $_ := .c.secretVolumes }}
  - name: secret-{{ $secret }}
    secret:
      secretName: {{ include "dks.secretName" (dict "root" $.root "name" $secret) }}
  {{- end }}
{{- end -}}

{{/* Mounts of the component's `secretVolumes`, read-only. */}}
{{- define "dks.secretMounts" -}}
{{- range $secret, $path := .c.secretVolumes }}
- name: secret-{{ $secret }}
  mountPath: {{ $path }}
  readOnly: true
{{- end }}
{{- end -}}

{{/*
Identity's seed file of the services' own clients (IdentityServer:SeedFile): each client of
identity.serviceClients with its secret from the stringData of identity.clientSecrets. Only for a
seed Secret the chart creates (development); otherwise the operator provides both Secrets.
*/}}
{{- define "dks.identitySeed" -}}
{{- $secrets := index .Values.secrets .Values.identity.clientSecrets | default dict -}}
{{- $clients := list -}}
{{- range $service, $scopes := .Values.identity.serviceClients -}}
{{- $secret := required (printf "secrets.%s.stringData.%s: the client secret of %s, to write identity's seed file" $.Values.identity.clientSecrets $service $service) (index ($secrets.stringData | default dict) $service) -}}
{{- $clients = append $clients (dict "clientId" (printf "svc-%s" $service) "clientSecret" (toString $secret) "displayName" (printf "Dịch vụ %s" $service) "scopes" ($scopes | default list)) -}}
{{- end -}}
{{- dict "clients" $clients | toJson -}}
{{- end -}}
