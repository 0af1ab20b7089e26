#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL, RabbitMQ and SMTP servers, installed from
# Debian's packages if missing and started on loopback by launcher/infra.sh, then stopped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
infra="$root/launcher/infra.sh"
state="$root/.local/test-infra"

export DKST_PG_PORT="${DKST_TEST_PG_PORT:-56432}"
export DKST_RABBIT_PORT="${DKST_TEST_RABBIT_PORT:-56672}"
export DKST_RABBIT_MGMT_PORT="${DKST_TEST_RABBIT_MGMT_PORT:-56673}"
export DKST_SMTP_PORT="${DKST_TEST_SMTP_PORT:-56025}"

bash "$infra" install
# tests/Identity.Tests signs a person in with a real browser: Debian's Chromium, driven through its chromedriver.
# Installed only if missing, with infra.sh's own apt handling (its install lock, waiting for another package manager).
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    (
        # shellcheck disable=SC1090
        . "$infra"
        require_root
        take_install_lock
        apt_get update || die "apt-get update failed"
        apt_get install -y chromium chromium-driver || die "apt-get install chromium chromium-driver failed"
    )
fi
# tests/Awards.CertificateTests read certificates back as a person's tools would: poppler (pdftotext, pdfimages, pdfsig)
# and zbar (the QR code), from Debian's packages, installed only if missing.
if [[ ! -x /usr/bin/pdftotext || ! -x /usr/bin/zbarimg ]]; then
    (
        # shellcheck disable=SC1090
        . "$infra"
        require_root
        take_install_lock
        apt_get update || die "apt-get update failed"
        apt_get install -y poppler-utils zbar-tools || die "apt-get install poppler-utils zbar-tools failed"
    )
fi
bash "$root/deploy/helm/tools.sh" >/dev/null  # helm v4 for tests/Deployment.Tests
bash "$infra" start "$state"
trap 'bash "$infra" stop "$state"' EXIT
# shellcheck disable=SC1091
. "$state/env"

dotnet build "$root/DoanKetSangTao.sln" -c Release -nologo -v quiet
log=$(mktemp)
# One test assembly at a time: the end-to-end tests start six processes, and the machine has two cores.
set +e
dotnet test "$root/DoanKetSangTao.sln" -c Release --no-build -nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over every assembly, in the form CI reads.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
