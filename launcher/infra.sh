#!/usr/bin/env bash
# Local infrastructure for DoanKetSangTao: real PostgreSQL 15, RabbitMQ 3.10
# and an SMTP sink, all from Debian 12 packages, bound to 127.0.0.1, with all
# state below one folder.  See docs/decisions/0004-local-infrastructure.md.
#
#   launcher/infra.sh install        install missing Debian packages (root)
#   launcher/infra.sh start  DIR     start everything, write DIR/env
#   launcher/infra.sh stop   DIR     stop everything started for DIR
#   launcher/infra.sh status DIR     show what runs (exit 0 only if all run)
#
# Ports (environment, read by start; stop/status use the recorded ones):
#   DKST_PG_PORT (55432)  DKST_RABBIT_PORT (55672)  DKST_RABBIT_MGMT_PORT (55673)
#   DKST_RABBIT_DIST_PORT (AMQP port - 10000)       DKST_SMTP_PORT (55025)
# Start timeouts in seconds: DKST_PG_START_TIMEOUT (90), DKST_RABBIT_START_TIMEOUT (180)
# install waits up to DKST_APT_LOCK_TIMEOUT seconds (600) for another apt/dpkg run (a CI machine's
# boot-time upgrade, a second infra.sh) to release the package manager's locks.
#
# Layout of DIR:
#   env            bash-sourceable exports (connection data, passwords)
#   secrets/       generated passwords and Erlang cookie (root only)
#   run/           pid and port files of the running services
#   logs/          smtp sink log
#   pg/            owned by postgres: data/, run/ (unix socket), postgres.log
#   rabbit/        owned by rabbitmq: config, home/.erlang.cookie, mnesia/, log/
#   mail/          one .eml file per received message
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
readonly SCRIPT_DIR
readonly SYS_PYTHON=/usr/bin/python3
readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly PG_EXT_DIR=/usr/share/postgresql/15/extension
readonly RABBIT_BIN=/usr/lib/rabbitmq/bin
readonly RABBIT_USER_NAME=dkst
readonly STOP_TIMEOUT=60
readonly RABBIT_START_TIMEOUT=${DKST_RABBIT_START_TIMEOUT:-180}
readonly PG_START_TIMEOUT=${DKST_PG_START_TIMEOUT:-90}
readonly APT_LOCK_TIMEOUT=${DKST_APT_LOCK_TIMEOUT:-600}
if ! [[ $RABBIT_START_TIMEOUT =~ ^[1-9][0-9]*$ && $PG_START_TIMEOUT =~ ^[1-9][0-9]*$ && $APT_LOCK_TIMEOUT =~ ^[1-9][0-9]*$ ]]; then
    printf 'infra: ERROR: DKST_*_START_TIMEOUT and DKST_APT_LOCK_TIMEOUT must be positive numbers of seconds\n' >&2
    exit 1
fi
readonly SMTP_START_TIMEOUT=20

# ---------------------------------------------------------------- helpers ---

log() { printf 'infra: %s\n' "$*" >&2; }
err() { printf 'infra: ERROR: %s\n' "$*" >&2; }
die() {
    err "$*"
    exit 1
}

# Print the last lines of a log file to stderr (if it exists).
show_log_tail() {
    local file=$1 lines=${2:-40}
    if [[ -s $file ]]; then
        printf 'infra: ---- last %s lines of %s ----\n' "$lines" "$file" >&2
        tail -n "$lines" -- "$file" >&2 || true
        printf 'infra: ---- end of %s ----\n' "$file" >&2
    fi
}

require_root() {
    [[ $(id -u) -eq 0 ]] || die "this command must run as root (it switches to the postgres/rabbitmq users)"
}

# Run a command as a system user, with cwd set to a directory that user can
# enter (postgres and Erlang tools fail when the cwd is not accessible).
# usage: as_user USER WORKDIR CMD...
as_user() {
    local user=$1 wd=$2
    shift 2
    (
        cd -- "$wd"
        exec setpriv --reuid="$(id -u "$user")" --regid="$(id -g "$user")" --init-groups -- "$@"
    )
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
tcp_open() {
    # shellcheck disable=SC2016 # $1 is expanded by the inner bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# True if PID is alive and its command line contains PATTERN.
pid_matches() {
    local pid=$1 pattern=$2 cmd
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$pattern"* ]]
}

# True while any process of process group PGID exists.
group_alive() {
    kill -0 -- "-$1" 2>/dev/null
}

read_file() {
    local file=$1
    [[ -r $file ]] || return 1
    local value
    value=$(<"$file")
    [[ -n $value ]] || return 1
    printf '%s' "$value"
}

# Generate an alphanumeric secret (safe in URIs, connection strings, configs).
gen_secret() {
    local len=${1:-32} s=""
    while ((${#s} < len)); do
        s+=$(head -c 512 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
    done
    printf '%s' "${s:0:len}"
}

# Read a persisted secret, creating it on first use.
secret() {
    local name=$1 file="$DIR/secrets/$1" value
    if ! value=$(read_file "$file"); then
        value=$(gen_secret 32)
        (umask 077 && printf '%s\n' "$value" >"$file.tmp")
        mv -f -- "$file.tmp" "$file"
        log "generated secret $name"
    fi
    printf '%s' "$value"
}

check_port_var() {
    local name=$1 value=$2
    if ! [[ $value =~ ^[0-9]+$ ]] || ((value < 1024 || value > 65535)); then
        die "$name=$value is not a valid port (1024-65535)"
    fi
}

# Make every ancestor of PATH traversable (x bit) for USER, adding o+x only
# where that user cannot pass yet (e.g. /root or a 0700 work folder).
ensure_traversable() {
    local user=$1 path=$2 d="" part
    local -a parts
    IFS=/ read -r -a parts <<<"${path#/}"
    for part in "${parts[@]}"; do
        [[ -n $part ]] || continue
        d+="/$part"
        if ! as_user "$user" / test -x "$d"; then
            chmod o+x -- "$d"
            log "chmod o+x $d (so that user $user can reach $path)"
        fi
    done
}

# ------------------------------------------------------------- settings ---

load_settings() {
    PG_PORT=${DKST_PG_PORT:-55432}
    RABBIT_PORT=${DKST_RABBIT_PORT:-55672}
    RABBIT_MGMT_PORT=${DKST_RABBIT_MGMT_PORT:-55673}
    RABBIT_DIST_PORT_GIVEN=no
    if [[ -n ${DKST_RABBIT_DIST_PORT:-} ]]; then
        RABBIT_DIST_PORT=$DKST_RABBIT_DIST_PORT
        RABBIT_DIST_PORT_GIVEN=yes
    elif [[ $RABBIT_PORT =~ ^[0-9]+$ ]] && ((RABBIT_PORT >= 11024)); then
        RABBIT_DIST_PORT=$((RABBIT_PORT - 10000))
    else
        RABBIT_DIST_PORT=$((RABBIT_PORT + 10000))
    fi
    SMTP_PORT=${DKST_SMTP_PORT:-55025}

    check_port_var DKST_PG_PORT "$PG_PORT"
    check_port_var DKST_RABBIT_PORT "$RABBIT_PORT"
    check_port_var DKST_RABBIT_MGMT_PORT "$RABBIT_MGMT_PORT"
    check_port_var DKST_RABBIT_DIST_PORT "$RABBIT_DIST_PORT"
    check_port_var DKST_SMTP_PORT "$SMTP_PORT"
    local all="$PG_PORT $RABBIT_PORT $RABBIT_MGMT_PORT $RABBIT_DIST_PORT $SMTP_PORT"
    local uniq
    uniq=$(tr ' ' '\n' <<<"$all" | sort -u | wc -l)
    ((uniq == 5)) || die "ports must be distinct (pg, amqp, mgmt, dist, smtp): $all"
}

# Resolve DIR to an absolute, physical path (creating it if asked).
set_dir() {
    local raw=${1:-} create=${2:-no}
    [[ -n $raw ]] || die "missing DIR argument"
    if [[ $create == yes ]]; then
        mkdir -p -- "$raw" || die "cannot create $raw"
    fi
    [[ -d $raw ]] || die "$raw is not a directory"
    DIR=$(cd -- "$raw" && pwd -P)
    # Paths end up inside PostgreSQL/RabbitMQ config files and the env file;
    # keep them free of quoting problems.
    [[ $DIR =~ ^/[A-Za-z0-9._/+@,-]*$ ]] ||
        die "DIR '$DIR' contains unsupported characters (allowed: letters, digits, . _ / + @ , -)"
    PGROOT=$DIR/pg
    PGDATA_DIR=$PGROOT/data
    PGSOCK_DIR=$PGROOT/run
    PGLOG=$PGROOT/postgres.log
    RDIR=$DIR/rabbit
    MAIL_DIR=$DIR/mail
    RUN_DIR=$DIR/run
    LOG_DIR=$DIR/logs
    SMTP_LOG=$LOG_DIR/smtp.log
    local hash
    hash=$(printf '%s' "$DIR" | sha256sum)
    RABBIT_NODE="dkst-${hash:0:10}@localhost"
}

# Serialise start/stop for one DIR (parallel test runners may race).
take_lock() {
    mkdir -p -- "$DIR"
    exec 9>"$DIR/.infra.lock"
    flock -w 600 9 || die "timed out waiting for the lock on $DIR/.infra.lock"
}

# --------------------------------------------------------------- install ---

missing_packages() {
    local -a missing=()
    local f ok
    ok=yes
    for f in postgres initdb pg_ctl pg_isready psql; do
        [[ -x $PG_BIN/$f ]] || ok=no
    done
    [[ $ok == yes ]] || missing+=(postgresql)
    [[ -f $PG_EXT_DIR/unaccent.control && -f $PG_EXT_DIR/pg_trgm.control ]] ||
        missing+=(postgresql-contrib)
    [[ -x /usr/sbin/rabbitmq-server && -x $RABBIT_BIN/rabbitmq-server && -x $RABBIT_BIN/rabbitmqctl ]] ||
        missing+=(rabbitmq-server)
    py_has() { [[ -x $SYS_PYTHON ]] && "$SYS_PYTHON" -c "import $1" >/dev/null 2>&1; }
    py_has grpc || missing+=(python3-grpcio)
    py_has google.protobuf || missing+=(python3-protobuf)
    py_has aiosmtpd || missing+=(python3-aiosmtpd)
    [[ -x /usr/bin/protoc ]] || missing+=(protobuf-compiler)
    # tests/EndToEnd.Tests/OutboundConnectionTests records a service's connections with it.
    [[ -x /usr/bin/strace ]] || missing+=(strace)
    if ((${#missing[@]} > 0)); then
        printf '%s\n' "${missing[@]}"
    fi
}

POLICY_RC_D=/usr/sbin/policy-rc.d
POLICY_CREATED=no

remove_temp_policy() {
    if [[ $POLICY_CREATED == yes ]]; then
        rm -f -- "$POLICY_RC_D"
        POLICY_CREATED=no
    fi
}

# Two installs started together: the second waits here for the first, then finds nothing missing.
readonly INSTALL_LOCK=/run/lock/dkst-infra-install.lock

take_install_lock() {
    mkdir -p -- "${INSTALL_LOCK%/*}"
    exec 8>"$INSTALL_LOCK"
    if ! flock -n 8; then
        log "another 'infra.sh install' is running; waiting for it (at most ${APT_LOCK_TIMEOUT}s)"
        flock -w "$APT_LOCK_TIMEOUT" 8 ||
            die "another 'infra.sh install' still held $INSTALL_LOCK after ${APT_LOCK_TIMEOUT}s; let it finish (or raise DKST_APT_LOCK_TIMEOUT) and run install again"
    fi
}

# apt-get, waiting up to APT_LOCK_TIMEOUT for the locks another package manager holds: dpkg's
# (lock-frontend, lock), the package lists' (apt-get update) and the download cache's. apt itself
# waits on all of them for DPkg::Lock::Timeout and says every few seconds which process holds them.
apt_get() {
    local errors rc=0
    errors=$(mktemp)
    # stderr is shown as it comes (apt says whom it waits for) and kept to tell a lock timeout from
    # other failures. The install lock (fd 8) is not handed to apt or what its maintainer scripts start.
    { DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout="$APT_LOCK_TIMEOUT" "$@" 2>&1 1>&3 3>&- 8>&- |
        tee -- "$errors" >&2; } 3>&1 || rc=$?
    if ((rc != 0)) && grep -Eq 'Could not get lock|Unable to lock|Unable to acquire' -- "$errors"; then
        local holder
        holder=$(grep -Eo 'held by process [0-9]+ \([^)]*\)' -- "$errors" | tail -n 1 || true)
        rm -f -- "$errors"
        die "another package manager${holder:+ ($holder)} held the apt/dpkg lock for more than ${APT_LOCK_TIMEOUT}s; let it finish (or raise DKST_APT_LOCK_TIMEOUT) and run '$SCRIPT_DIR/infra.sh install' again"
    fi
    rm -f -- "$errors"
    return "$rc"
}

cmd_install() {
    require_root
    take_install_lock
    local -a missing
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        log "all prerequisites are installed"
        return 0
    fi
    command -v apt-get >/dev/null || die "apt-get not found (Debian 12 expected)"
    log "installing: ${missing[*]}"

    # Package maintainer scripts would start system-wide postgres/rabbitmq
    # (ports 5432/5672, node rabbit@host).  Ours use other ports and node
    # names, so they would not conflict, but they are useless here: forbid
    # service starts during this installation (policy-rc.d exit 101 is
    # honoured by invoke-rc.d and deb-systemd-invoke).
    if [[ ! -e $POLICY_RC_D ]]; then
        printf '#!/bin/sh\n# temporary, created by DoanKetSangTao launcher/infra.sh install\nexit 101\n' >"$POLICY_RC_D"
        chmod 755 "$POLICY_RC_D"
        POLICY_CREATED=yes
        trap remove_temp_policy EXIT
    fi

    apt_get update || die "apt-get update failed"
    apt_get install -y "${missing[@]}" || die "apt-get install ${missing[*]} failed"
    remove_temp_policy

    mapfile -t missing < <(missing_packages)
    ((${#missing[@]} == 0)) || die "still missing after installation: ${missing[*]}"
    log "installation complete"
}

check_installed() {
    local -a missing
    mapfile -t missing < <(missing_packages)
    ((${#missing[@]} == 0)) ||
        die "missing packages: ${missing[*]} (run: $SCRIPT_DIR/infra.sh install)"
    local tool
    for tool in setpriv setsid flock timeout sha256sum; do
        command -v "$tool" >/dev/null || die "required tool '$tool' not found"
    done
    getent passwd postgres >/dev/null || die "system user 'postgres' does not exist (reinstall postgresql)"
    getent passwd rabbitmq >/dev/null || die "system user 'rabbitmq' does not exist (reinstall rabbitmq-server)"
}

# ------------------------------------------------------------ PostgreSQL ---

pg_pid() {
    local pid
    [[ -f $PGDATA_DIR/postmaster.pid ]] || return 1
    pid=$(head -n 1 -- "$PGDATA_DIR/postmaster.pid" 2>/dev/null) || return 1
    pid_matches "$pid" postgres || return 1
    printf '%s' "$pid"
}

pg_running_port() {
    sed -n '4p' -- "$PGDATA_DIR/postmaster.pid" 2>/dev/null
}

pg_ready() {
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -t 2 >/dev/null 2>&1
}

pg_write_conf() {
    local sockdirs=$PGSOCK_DIR sockpath="$PGSOCK_DIR/.s.PGSQL.$PG_PORT"
    if ((${#sockpath} > 100)); then
        log "unix socket path $sockpath is too long; PostgreSQL will listen on TCP only"
        sockdirs=""
    fi
    cat >"$PGDATA_DIR/dkst.conf.tmp" <<EOF
# Written by launcher/infra.sh on every start; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sockdirs'
max_connections = 300
password_encryption = 'scram-sha-256'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF
    chown postgres:postgres "$PGDATA_DIR/dkst.conf.tmp"
    chmod 600 "$PGDATA_DIR/dkst.conf.tmp"
    mv -f -- "$PGDATA_DIR/dkst.conf.tmp" "$PGDATA_DIR/dkst.conf"
}

pg_init() {
    local password pwfile
    if [[ -d $PGDATA_DIR ]]; then
        # An interrupted initdb leaves a directory without PG_VERSION.
        log "removing incomplete PostgreSQL data directory $PGDATA_DIR"
        rm -rf -- "$PGDATA_DIR"
    fi
    password=$(secret pg_password)
    pwfile=$PGROOT/.pwfile
    (umask 077 && printf '%s\n' "$password" >"$pwfile")
    chown postgres:postgres "$pwfile"
    log "initialising PostgreSQL cluster in $PGDATA_DIR"
    if ! as_user postgres "$PGROOT" "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres \
        --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-host=scram-sha-256 --auth-local=scram-sha-256 \
        >"$PGROOT/initdb.log" 2>&1; then
        rm -f -- "$pwfile"
        show_log_tail "$PGROOT/initdb.log"
        die "initdb failed for $PGDATA_DIR"
    fi
    rm -f -- "$pwfile"
    printf "\n# DoanKetSangTao local settings\ninclude_if_exists = 'dkst.conf'\n" >>"$PGDATA_DIR/postgresql.conf"
}

pg_start() {
    local pid port
    if pid=$(pg_pid); then
        port=$(pg_running_port)
        [[ $port == "$PG_PORT" ]] ||
            die "PostgreSQL for $DIR already runs on port $port, but DKST_PG_PORT=$PG_PORT was requested; stop it first"
        log "PostgreSQL already running (pid $pid, port $port)"
    else
        if tcp_open "$PG_PORT"; then
            die "port 127.0.0.1:$PG_PORT (DKST_PG_PORT) is already used by another process"
        fi
        mkdir -p -- "$PGROOT"
        chown postgres:postgres "$PGROOT"
        chmod 700 "$PGROOT"
        ensure_traversable postgres "$PGROOT"
        if [[ -s $PGDATA_DIR/PG_VERSION ]]; then
            [[ -s $DIR/secrets/pg_password ]] ||
                die "$PGDATA_DIR exists but $DIR/secrets/pg_password is missing; remove $PGROOT to re-initialise"
        else
            pg_init
        fi
        mkdir -p -- "$PGSOCK_DIR"
        chown postgres:postgres "$PGSOCK_DIR"
        pg_write_conf
        log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        STARTED+=(pg)
        if ! as_user postgres "$PGROOT" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" \
            -w -t "$PG_START_TIMEOUT" start >"$PGROOT/pg_ctl.log" 2>&1 9>&-; then
            show_log_tail "$PGROOT/pg_ctl.log" 10
            show_log_tail "$PGLOG"
            die "PostgreSQL did not start (log: $PGLOG)"
        fi
    fi
    local i
    for ((i = 0; i < PG_START_TIMEOUT; i++)); do
        pg_ready "$PG_PORT" && break
        sleep 1
    done
    if ! pg_ready "$PG_PORT"; then
        show_log_tail "$PGLOG"
        die "PostgreSQL does not accept connections on 127.0.0.1:$PG_PORT (log: $PGLOG)"
    fi
    pid=$(pg_pid) || die "PostgreSQL answered but its postmaster.pid is gone"
    printf '%s\n' "$pid" >"$RUN_DIR/postgres.pid"
}

pg_stop() {
    local pid
    if ! pid=$(pg_pid); then
        rm -f -- "$RUN_DIR/postgres.pid"
        return 0
    fi
    log "stopping PostgreSQL (pid $pid)"
    if ! as_user postgres "$PGROOT" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t "$STOP_TIMEOUT" stop >/dev/null 2>&1; then
        log "fast shutdown failed, trying immediate shutdown"
        as_user postgres "$PGROOT" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    if pg_pid >/dev/null; then
        show_log_tail "$PGLOG" 20
        err "PostgreSQL (pid $pid) did not stop"
        return 1
    fi
    rm -f -- "$RUN_DIR/postgres.pid"
}

# -------------------------------------------------------------- RabbitMQ ---

# Environment shared by the server and its CLI tools; both run as the rabbitmq
# user with HOME=$RDIR/home so that they read the same Erlang cookie.
rabbit_env() {
    RABBIT_ENV=(
        "HOME=$RDIR/home"
        "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
        "LANG=C.UTF-8"
        "LC_ALL=C.UTF-8"
        "RABBITMQ_NODENAME=$RABBIT_NODE"
        "RABBITMQ_USE_LONGNAME=false"
        "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
        "RABBITMQ_NODE_PORT=$RABBIT_PORT"
        "RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT"
        "RABBITMQ_MNESIA_BASE=$RDIR/mnesia"
        "RABBITMQ_LOG_BASE=$RDIR/log"
        "RABBITMQ_CONFIG_FILE=$RDIR/rabbitmq.conf"
        "RABBITMQ_CONFIG_FILES=$RDIR/conf.d"
        "RABBITMQ_ADVANCED_CONFIG_FILE=$RDIR/advanced.config"
        "RABBITMQ_CONF_ENV_FILE=$RDIR/rabbitmq-env.conf"
        "RABBITMQ_ENABLED_PLUGINS_FILE=$RDIR/enabled_plugins"
        "RABBITMQ_PID_FILE=$RDIR/rabbitmq.pid"
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
        "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
        "ERL_EPMD_ADDRESS=127.0.0.1"
    )
    if [[ -n ${ERL_EPMD_PORT:-} ]]; then
        RABBIT_ENV+=("ERL_EPMD_PORT=$ERL_EPMD_PORT")
    fi
}

rabbitmqctl_run() {
    rabbit_env
    as_user rabbitmq "$RDIR" env -i "${RABBIT_ENV[@]}" \
        timeout "$STOP_TIMEOUT" "$RABBIT_BIN/rabbitmqctl" -n "$RABBIT_NODE" "$@"
}

# Prints the recorded process group id (= pid of the server's sh wrapper) if
# that wrapper, or the beam VM it started, is still alive.
rabbit_pid() {
    local pid beam stat
    pid=$(read_file "$RUN_DIR/rabbitmq.pid") || return 1
    if ! pid_matches "$pid" "$RABBIT_BIN/rabbitmq-server"; then
        beam=$(read_file "$RDIR/rabbitmq.pid") || return 1
        pid_matches "$beam" beam || return 1
        stat=$(<"/proc/$beam/stat") || return 1
        stat=${stat##*) }
        read -r _ _ stat _ <<<"$stat"
        [[ $stat == "$pid" ]] || return 1
    fi
    printf '%s' "$pid"
}

rabbit_mgmt_ok() {
    local port=$1 user=$2 password=$3
    "$SYS_PYTHON" - "$port" "$user" "$password" <<'PY' >/dev/null 2>&1
import base64, sys, urllib.request
port, user, password = sys.argv[1:4]
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/overview")
token = base64.b64encode(f"{user}:{password}".encode()).decode()
req.add_header("Authorization", "Basic " + token)
with urllib.request.urlopen(req, timeout=3) as resp:
    sys.exit(0 if resp.status == 200 else 1)
PY
}

rabbit_write_conf() {
    local password=$1
    mkdir -p -- "$RDIR/home" "$RDIR/mnesia" "$RDIR/log" "$RDIR/conf.d"
    local cookie
    cookie=$(secret erlang_cookie)
    if [[ ! -s $RDIR/home/.erlang.cookie ]] || [[ $(<"$RDIR/home/.erlang.cookie") != "$cookie" ]]; then
        rm -f -- "$RDIR/home/.erlang.cookie"
        printf '%s' "$cookie" >"$RDIR/home/.erlang.cookie"
    fi
    cat >"$RDIR/rabbitmq.conf" <<EOF
# Written by launcher/infra.sh on every start; edits are overwritten.
listeners.tcp.1 = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
# default_* only apply when the node boots with an empty database.
default_user = $RABBIT_USER_NAME
default_pass = $password
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
default_vhost = /
log.file.level = info
log.console = false
EOF
    printf '[rabbitmq_management].\n' >"$RDIR/enabled_plugins"
    printf '[].\n' >"$RDIR/advanced.config"
    printf '# intentionally empty: settings come from launcher/infra.sh\n' >"$RDIR/rabbitmq-env.conf"
    chown -R rabbitmq:rabbitmq "$RDIR"
    chmod 750 "$RDIR"
    chmod 700 "$RDIR/home"
    chmod 400 "$RDIR/home/.erlang.cookie"
    chmod 600 "$RDIR/rabbitmq.conf"
}

# The derived distribution port (amqp - 10000) lies in Linux's ephemeral range, so an outgoing connection may hold it
# for a while and the node then dies with dist_port_already_used. Only rabbitmqctl talks to it, so when the operator did
# not name it, the next port no socket uses is as good.
port_in_use() {
    [[ -n $(ss -Htan "( sport = :$1 )" 2>/dev/null) ]]
}

rabbit_pick_dist_port() {
    [[ $RABBIT_DIST_PORT_GIVEN == yes ]] && return 0
    local tries=0
    while port_in_use "$RABBIT_DIST_PORT" && ((tries < 50)); do
        RABBIT_DIST_PORT=$((RABBIT_DIST_PORT + 1))
        while [[ " $PG_PORT $RABBIT_PORT $RABBIT_MGMT_PORT $SMTP_PORT " == *" $RABBIT_DIST_PORT "* ]]; do
            RABBIT_DIST_PORT=$((RABBIT_DIST_PORT + 1))
        done
        tries=$((tries + 1))
    done
}

rabbit_start() {
    local password pid ports
    password=$(secret rabbit_password)
    ports="$RABBIT_PORT $RABBIT_MGMT_PORT $RABBIT_DIST_PORT"
    if pid=$(rabbit_pid); then
        local running_ports
        running_ports=$(read_file "$RUN_DIR/rabbitmq.ports" || true)
        # A derived distribution port may have moved when the node started (rabbit_pick_dist_port): adopt it.
        if [[ $RABBIT_DIST_PORT_GIVEN == no && ${running_ports% *} == "$RABBIT_PORT $RABBIT_MGMT_PORT" ]]; then
            RABBIT_DIST_PORT=${running_ports##* }
            ports=$running_ports
        fi
        [[ $running_ports == "$ports" ]] ||
            die "RabbitMQ for $DIR already runs with ports (amqp mgmt dist) '$running_ports', but '$ports' was requested; stop it first"
        log "RabbitMQ already running (pid $pid, node $RABBIT_NODE)"
    else
        local p
        rabbit_pick_dist_port
        ports="$RABBIT_PORT $RABBIT_MGMT_PORT $RABBIT_DIST_PORT"
        for p in "$RABBIT_PORT:DKST_RABBIT_PORT" "$RABBIT_MGMT_PORT:DKST_RABBIT_MGMT_PORT" "$RABBIT_DIST_PORT:DKST_RABBIT_DIST_PORT"; do
            if tcp_open "${p%%:*}"; then
                die "port 127.0.0.1:${p%%:*} (${p#*:}) is already used by another process"
            fi
        done
        if [[ -d $RDIR/mnesia/$RABBIT_NODE ]] && [[ ! -s $DIR/secrets/rabbit_password ]]; then
            die "$RDIR/mnesia exists but $DIR/secrets/rabbit_password is missing; remove $RDIR to re-initialise"
        fi
        mkdir -p -- "$RDIR"
        rabbit_write_conf "$password"
        ensure_traversable rabbitmq "$RDIR"
        rabbit_env
        log "starting RabbitMQ node $RABBIT_NODE (amqp 127.0.0.1:$RABBIT_PORT, management 127.0.0.1:$RABBIT_MGMT_PORT, dist $RABBIT_DIST_PORT)"
        : >"$RDIR/log/startup.log"
        chown rabbitmq:rabbitmq "$RDIR/log/startup.log"
        # New session: the recorded pid is also the process group id, so a
        # forced stop can signal the whole tree (sh wrapper, beam, helpers).
        (
            cd -- "$RDIR"
            exec setsid setpriv --reuid="$(id -u rabbitmq)" --regid="$(id -g rabbitmq)" --init-groups -- \
                env -i "${RABBIT_ENV[@]}" "$RABBIT_BIN/rabbitmq-server"
        ) </dev/null >>"$RDIR/log/startup.log" 2>&1 9>&- &
        pid=$!
        STARTED+=(rabbit)
        printf '%s\n' "$pid" >"$RUN_DIR/rabbitmq.pid"
        printf '%s\n' "$ports" >"$RUN_DIR/rabbitmq.ports"
    fi

    local i ok=no
    for ((i = 0; i < RABBIT_START_TIMEOUT; i++)); do
        # The pid itself, not its group: right after the fork the child has
        # not yet called setsid, so the group does not exist for a moment.
        if ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        if tcp_open "$RABBIT_PORT" && rabbit_mgmt_ok "$RABBIT_MGMT_PORT" "$RABBIT_USER_NAME" "$password"; then
            ok=yes
            break
        fi
        sleep 1
    done
    if [[ $ok != yes ]]; then
        show_log_tail "$RDIR/log/startup.log" 20
        show_log_tail "$RDIR/log/$RABBIT_NODE.log"
        if kill -0 "$pid" 2>/dev/null; then
            die "RabbitMQ (pid $pid) did not become ready within ${RABBIT_START_TIMEOUT}s (amqp $RABBIT_PORT, management $RABBIT_MGMT_PORT)"
        fi
        die "RabbitMQ exited during startup (logs: $RDIR/log)"
    fi
}

rabbit_stop() {
    local pid
    if ! pid=$(rabbit_pid); then
        rm -f -- "$RUN_DIR/rabbitmq.pid" "$RUN_DIR/rabbitmq.ports"
        return 0
    fi
    log "stopping RabbitMQ node $RABBIT_NODE (pid $pid)"
    # The CLI environment must describe the running node, whatever the
    # caller's DKST_* variables say now.
    local recorded
    recorded=$(read_file "$RUN_DIR/rabbitmq.ports" || true)
    read -r RABBIT_PORT RABBIT_MGMT_PORT RABBIT_DIST_PORT <<<"${recorded:-55672 55673 45672}"
    if ! rabbitmqctl_run stop "$RDIR/rabbitmq.pid" >"$RDIR/log/stop.log" 2>&1; then
        log "rabbitmqctl stop failed (see $RDIR/log/stop.log); sending SIGTERM"
        kill -TERM -- "-$pid" 2>/dev/null || true
    fi
    local i
    for ((i = 0; i < STOP_TIMEOUT; i++)); do
        group_alive "$pid" || break
        sleep 1
    done
    if group_alive "$pid"; then
        log "RabbitMQ still running after ${STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || true
        sleep 1
    fi
    if group_alive "$pid"; then
        err "RabbitMQ (process group $pid) did not stop"
        return 1
    fi
    rm -f -- "$RUN_DIR/rabbitmq.pid" "$RUN_DIR/rabbitmq.ports"
}

# ------------------------------------------------------------- SMTP sink ---

smtp_pid() {
    local pid
    pid=$(read_file "$RUN_DIR/smtp.pid") || return 1
    pid_matches "$pid" smtp-sink.py || return 1
    printf '%s' "$pid"
}

smtp_start() {
    local pid
    if pid=$(smtp_pid); then
        local running_port
        running_port=$(read_file "$RUN_DIR/smtp.port" || true)
        [[ $running_port == "$SMTP_PORT" ]] ||
            die "SMTP sink for $DIR already runs on port $running_port, but DKST_SMTP_PORT=$SMTP_PORT was requested; stop it first"
        log "SMTP sink already running (pid $pid, port $SMTP_PORT)"
    else
        if tcp_open "$SMTP_PORT"; then
            die "port 127.0.0.1:$SMTP_PORT (DKST_SMTP_PORT) is already used by another process"
        fi
        mkdir -p -- "$MAIL_DIR"
        log "starting SMTP sink on 127.0.0.1:$SMTP_PORT (mail in $MAIL_DIR)"
        (
            cd -- "$DIR"
            exec setsid "$SYS_PYTHON" "$SCRIPT_DIR/smtp-sink.py" \
                --host 127.0.0.1 --port "$SMTP_PORT" --mail-dir "$MAIL_DIR"
        ) </dev/null >>"$SMTP_LOG" 2>&1 9>&- &
        pid=$!
        STARTED+=(smtp)
        printf '%s\n' "$pid" >"$RUN_DIR/smtp.pid"
        printf '%s\n' "$SMTP_PORT" >"$RUN_DIR/smtp.port"
    fi
    local i
    for ((i = 0; i < SMTP_START_TIMEOUT * 4; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        tcp_open "$SMTP_PORT" && return 0
        sleep 0.25
    done
    show_log_tail "$SMTP_LOG" 20
    die "SMTP sink did not start on 127.0.0.1:$SMTP_PORT (log: $SMTP_LOG)"
}

smtp_stop() {
    local pid i
    if ! pid=$(smtp_pid); then
        rm -f -- "$RUN_DIR/smtp.pid" "$RUN_DIR/smtp.port"
        return 0
    fi
    log "stopping SMTP sink (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    if kill -0 "$pid" 2>/dev/null; then
        err "SMTP sink (pid $pid) did not stop"
        return 1
    fi
    rm -f -- "$RUN_DIR/smtp.pid" "$RUN_DIR/smtp.port"
}

# ------------------------------------------------------------- commands ---

write_env() {
    local pg_password rabbit_password
    pg_password=$(secret pg_password)
    rabbit_password=$(secret rabbit_password)
    local -a vars=(
        "DKST_INFRA_DIR=$DIR"
        "DKST_PG_HOST=127.0.0.1"
        "DKST_PG_PORT=$PG_PORT"
        "DKST_PG_USER=postgres"
        "DKST_PG_PASSWORD=$pg_password"
        "DKST_PG_CONNECTION=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$pg_password"
        "DKST_RABBIT_HOST=127.0.0.1"
        "DKST_RABBIT_PORT=$RABBIT_PORT"
        "DKST_RABBIT_USER=$RABBIT_USER_NAME"
        "DKST_RABBIT_PASSWORD=$rabbit_password"
        "DKST_RABBIT_URI=amqp://$RABBIT_USER_NAME:$rabbit_password@127.0.0.1:$RABBIT_PORT/"
        "DKST_RABBIT_MGMT_PORT=$RABBIT_MGMT_PORT"
        "DKST_RABBIT_MGMT_URL=http://127.0.0.1:$RABBIT_MGMT_PORT"
        "DKST_RABBIT_NODE=$RABBIT_NODE"
        "DKST_SMTP_HOST=127.0.0.1"
        "DKST_SMTP_PORT=$SMTP_PORT"
        "DKST_MAIL_DIR=$MAIL_DIR"
    )
    local v
    {
        printf '# Written by launcher/infra.sh start; source it: . %s/env\n' "$DIR"
        for v in "${vars[@]}"; do
            # Values are alphanumeric secrets, ports and checked paths: no
            # single quotes, so plain single quoting is exact.
            printf "export %s='%s'\n" "${v%%=*}" "${v#*=}"
        done
    } >"$DIR/env.tmp"
    chmod 600 "$DIR/env.tmp"
    mv -f -- "$DIR/env.tmp" "$DIR/env"
}

STARTED=()
START_DONE=no

rollback_on_failure() {
    local rc=$?
    if [[ $START_DONE != yes ]] && ((${#STARTED[@]} > 0)); then
        err "start failed; stopping what this run started: ${STARTED[*]}"
        local s i
        for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
            s=${STARTED[i]}
            case $s in
                pg) pg_stop || true ;;
                rabbit) rabbit_stop || true ;;
                smtp) smtp_stop || true ;;
            esac
        done
    fi
    exit "$rc"
}

cmd_start() {
    require_root
    check_installed
    load_settings
    set_dir "${1:-}" yes
    take_lock
    mkdir -p -- "$DIR/secrets" "$RUN_DIR" "$LOG_DIR" "$MAIL_DIR"
    chmod 700 "$DIR/secrets"
    trap rollback_on_failure EXIT
    pg_start
    rabbit_start
    smtp_start
    write_env
    START_DONE=yes
    log "ready: . $DIR/env   (postgres 127.0.0.1:$PG_PORT, amqp 127.0.0.1:$RABBIT_PORT, management http://127.0.0.1:$RABBIT_MGMT_PORT, smtp 127.0.0.1:$SMTP_PORT)"
}

cmd_stop() {
    require_root
    if [[ -n ${1:-} && ! -d $1 ]]; then
        log "$1 does not exist; nothing to stop"
        return 0
    fi
    set_dir "${1:-}" no
    take_lock
    local rc=0
    smtp_stop || rc=1
    rabbit_stop || rc=1
    pg_stop || rc=1
    if ((rc != 0)); then
        err "some services did not stop (see above)"
        return 1
    fi
    log "stopped everything for $DIR"
}

cmd_status() {
    if [[ -n ${1:-} && ! -d $1 ]]; then
        printf 'postgres  stopped\nrabbitmq  stopped\nsmtp      stopped\n'
        return 3
    fi
    set_dir "${1:-}" no
    local all=0 pid port
    if pid=$(pg_pid); then
        port=$(pg_running_port)
        if pg_ready "$port"; then
            printf 'postgres  running   pid %-7s 127.0.0.1:%s  data %s\n' "$pid" "$port" "$PGDATA_DIR"
        else
            printf 'postgres  starting  pid %-7s 127.0.0.1:%s  (not accepting connections)\n' "$pid" "$port"
            all=3
        fi
    else
        printf 'postgres  stopped\n'
        all=3
    fi
    if pid=$(rabbit_pid); then
        local ports mgmt user=$RABBIT_USER_NAME password
        ports=$(read_file "$RUN_DIR/rabbitmq.ports" || true)
        read -r port mgmt _ <<<"$ports"
        password=$(read_file "$DIR/secrets/rabbit_password" || true)
        if [[ -n ${port:-} ]] && tcp_open "$port" && rabbit_mgmt_ok "$mgmt" "$user" "$password"; then
            printf 'rabbitmq  running   pid %-7s amqp 127.0.0.1:%s  management http://127.0.0.1:%s  node %s\n' "$pid" "$port" "$mgmt" "$RABBIT_NODE"
        else
            printf 'rabbitmq  starting  pid %-7s (not answering yet)  node %s\n' "$pid" "$RABBIT_NODE"
            all=3
        fi
    else
        printf 'rabbitmq  stopped\n'
        all=3
    fi
    if pid=$(smtp_pid); then
        port=$(read_file "$RUN_DIR/smtp.port" || true)
        if [[ -n $port ]] && tcp_open "$port"; then
            printf 'smtp      running   pid %-7s 127.0.0.1:%s  mail %s\n' "$pid" "$port" "$MAIL_DIR"
        else
            printf 'smtp      starting  pid %-7s (not answering)\n' "$pid"
            all=3
        fi
    else
        printf 'smtp      stopped\n'
        all=3
    fi
    return "$all"
}

usage() {
    cat >&2 <<EOF
usage: $0 install | start DIR | stop DIR | status DIR
  ports: DKST_PG_PORT (55432) DKST_RABBIT_PORT (55672) DKST_RABBIT_MGMT_PORT (55673)
         DKST_RABBIT_DIST_PORT (amqp-10000) DKST_SMTP_PORT (55025)
EOF
}

main() {
    local cmd=${1:-}
    shift || true
    case $cmd in
        install) cmd_install "$@" ;;
        start) cmd_start "$@" ;;
        stop) cmd_stop "$@" ;;
        status) cmd_status "$@" ;;
        -h | --help | help)
            usage
            ;;
        *)
            usage
            exit 2
            ;;
    esac
}

# Sourced (by the tests of apt_get), it only defines its functions.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
