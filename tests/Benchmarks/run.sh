#!/usr/bin/env bash
# Measures what the thin flow costs (latency from registration to notification, registrations per
# second, memory per process) on real PostgreSQL, RabbitMQ and SMTP servers started by
# launcher/infra.sh, with every service a real Release process; times registration's gRPC look-ups beside
# HTTP/1.1 requests on its port; then bulk-loads a million initiatives
# into registration's database and measures listing and search through the gateway (with the plans
# PostgreSQL chose), and appraisal's similar initiatives over a million earlier ones. Prints a Markdown report.
#   bash tests/Benchmarks/run.sh
# Tunables (environment): DKST_BENCH_REGISTRATIONS (200), DKST_BENCH_WARMUP (20),
# DKST_BENCH_POLL_MS (10), DKST_BENCH_CLIENTS (8), DKST_BENCH_PER_CLIENT (25), DKST_BENCH_SETTLE_S (10),
# DKST_BENCH_FLOW (1; 0 leaves the thin flow out), DKST_BENCH_SEARCH_ROWS (1000000; 0 leaves search out),
# DKST_BENCH_SEARCH_WARMUP (20), DKST_BENCH_SEARCH_REQUESTS (200), DKST_BENCH_SEARCH_CASE_S (60),
# DKST_BENCH_SIMILAR_ROWS (1000000; 0 leaves the similar-initiatives stage out; with DKST_BENCH_FLOW=0 and
# DKST_BENCH_SEARCH_ROWS=0 it runs alone, without starting the services), DKST_BENCH_SIMILAR_QUERIES_PER_KIND (80),
# DKST_BENCH_SIMILAR_ALTERNATIVES (0; 1 also measures the rejected queries, each with its own index),
# DKST_BENCH_INTAKE_DOSSIERS (100; 0 leaves out the time from dossier submission to an open appraisal case),
# DKST_BENCH_GRPC_CALLS (2000; 0 leaves out registration's gRPC look-ups and their HTTP/1.1 baseline),
# DKST_BENCH_CERTIFICATES (1000; 0 leaves out awards: one decision of that many certificates issued, rendered and
# downloaded in one PDF, then the public verification), DKST_BENCH_VERIFY_CALLS (500 verifications of each kind),
# DKST_BENCH_WAVE (1; 0 leaves out the reminder wave), DKST_BENCH_WAVE_UNITS (3321, the communes of 2025: units seeded
# with a confirmed initiative and three officers each, reminded at D-3 by Zalo, SMS and e-mail through the local provider
# servers and the SMTP sink, with the inbox's latency measured idle and during the wave), DKST_BENCH_WAVE_TIMEOUT_S (1800).
# DKST_BENCH_STATS (0; 1 adds statistics at national scale, issue 13's P5: DKST_BENCH_STATS_ROWS initiatives, 1000000, generated
# into reporting's read models and a registration-shaped baseline, then GET /api/v1/reports/statistics through the gateway beside
# the GROUP BY, DKST_BENCH_STATS_REQUESTS (200) of each after 20 warm-up, DKST_BENCH_STATS_CASE_S (120) per question at most).
# The wave alone: DKST_BENCH_FLOW=0 DKST_BENCH_SEARCH_ROWS=0 DKST_BENCH_SIMILAR_ROWS=0 DKST_BENCH_INTAKE_DOSSIERS=0
# DKST_BENCH_GRPC_CALLS=0 DKST_BENCH_TOKEN_CALLS=0 DKST_BENCH_CERTIFICATES=0 bash tests/Benchmarks/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
infra="$root/launcher/infra.sh"
state="$root/.local/bench/infra"

# Ports of their own, apart from launcher/start.sh's and tests/run.sh's, so all can run on one machine.
export DKST_PG_PORT="${DKST_BENCH_PG_PORT:-58432}"
export DKST_RABBIT_PORT="${DKST_BENCH_RABBIT_PORT:-58672}"
export DKST_RABBIT_MGMT_PORT="${DKST_BENCH_RABBIT_MGMT_PORT:-58673}"
export DKST_SMTP_PORT="${DKST_BENCH_SMTP_PORT:-58025}"

bash "$infra" install
bash "$infra" start "$state"
trap 'bash "$infra" stop "$state"' EXIT
# shellcheck disable=SC1091
. "$state/env"

# Build output to stderr: stdout carries only the report.
dotnet build "$root/tests/Benchmarks/Benchmarks.csproj" -c Release -nologo -v quiet >&2
dotnet "$root/tests/Benchmarks/bin/Release/net10.0/DoanKetSangTao.Benchmarks.dll" "$root"
