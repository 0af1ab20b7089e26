#!/usr/bin/env bash
# Starts DoanKetSangTao locally: installs PostgreSQL, RabbitMQ and an SMTP sink from Debian's
# packages if missing, starts them on loopback with all data under .local/, builds the solution,
# starts the five services and the gateway, seeds demo data and prints a token. Ctrl-C stops it all.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
infra="$root/launcher/infra.sh"
state="$root/.local/dev"

# Defaults apart from the test suite's, so both can run on one machine.
export DKST_PG_PORT="${DKST_PG_PORT:-55432}"
export DKST_RABBIT_PORT="${DKST_RABBIT_PORT:-55672}"
export DKST_RABBIT_MGMT_PORT="${DKST_RABBIT_MGMT_PORT:-55673}"
export DKST_SMTP_PORT="${DKST_SMTP_PORT:-55025}"

bash "$infra" install
bash "$infra" start "$state/infra"
trap 'bash "$infra" stop "$state/infra"' EXIT
# shellcheck disable=SC1091
. "$state/infra/env"

dotnet build "$root/DoanKetSangTao.sln" -c Release -nologo -v quiet
dotnet "$root/launcher/Launcher/bin/Release/net10.0/DoanKetSangTao.Launcher.dll" "$root"
