# A private, throwaway PostgreSQL for Liaison's tests. Sourced after scripts/setup.sh, not run.
#
#   start_test_postgres    a fresh cluster on 127.0.0.1 and a free port, with a role `liaison` (not a
#                          superuser) owning a database `liaison`; exports LIAISON_TEST_POSTGRES as
#                          postgres://liaison:PASSWORD@127.0.0.1:PORT/liaison, and
#                          LIAISON_TEST_POSTGRES_SUPERUSER for a superuser role on the same database
#   stop_test_postgres     stops that cluster by its PID and removes its directory; safe to call twice
#
# The cluster is the tests' own (its own directory, port and socket), so it never touches a PostgreSQL
# the machine already runs, and nothing of it is left behind.

# What start_test_postgres started, for stop_test_postgres.
_liaison_pg_dir=""
_liaison_pg_pid=""

# Runs a PostgreSQL program as the cluster's owner: PostgreSQL refuses to run as root, so as root that is
# the `postgres` user the Debian package creates; otherwise the current user. From / so that a working
# directory the postgres user cannot read draws no warnings.
_liaison_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

start_test_postgres() {
    ensure_debian_packages postgresql postgresql-contrib openssl
    # The newest PostgreSQL installed (Debian 12 has 15); its programs are not all on PATH.
    local bin
    bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ ! -x "$bin/initdb" ]; then
        echo "No PostgreSQL found under /usr/lib/postgresql." >&2
        return 1
    fi
    local superuser
    if [ "$(id -u)" -eq 0 ]; then superuser=postgres; else superuser=$(id -un); fi

    # As root the directory must be the postgres user's, and somewhere it can reach: /tmp.
    local dir
    if [ "$(id -u)" -eq 0 ]; then
        dir=$(mktemp -d /tmp/liaison-postgres.XXXXXX) || return 1
        chown postgres:postgres "$dir" || return 1
    else
        dir=$(mktemp -d "${TMPDIR:-/tmp}/liaison-postgres.XXXXXX") || return 1
    fi
    _liaison_pg_dir=$dir  # from here on, stop_test_postgres cleans up even if the rest fails

    # Peer authentication on the socket (only the owner gets in as the superuser), passwords over TCP.
    # --no-sync: a throwaway cluster need not wait for its files to reach the disk.
    if ! _liaison_pg_as_owner "$bin/initdb" -D "$dir/data" -U "$superuser" -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        return 1
    fi

    # A self-signed certificate for 127.0.0.1, so the tests can connect with sslmode=verify-full and
    # sslrootcert naming it (exported as LIAISON_TEST_POSTGRES_CA).
    if ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
        -addext "subjectAltName=IP:127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.crt" \
        >"$dir/openssl.log" 2>&1; then
        cat "$dir/openssl.log" >&2
        return 1
    fi
    chmod 600 "$dir/server.key"
    chmod 644 "$dir/server.crt"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir/server.key" "$dir/server.crt"; fi

    local port
    port=$(free_port)
    # fsync, full_page_writes and synchronous_commit off make a throwaway test cluster quick to use. They
    # give up durability: never anywhere else. Loopback only; the socket stays in the cluster's directory.
    # 200 connections: the test suites and two app servers each keep a pool.
    if ! _liaison_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 30 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=600 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
        >/dev/null; then
        cat "$dir/postgres.log" >&2 2>/dev/null
        # A postmaster that is up but was slow to say so is still ours to stop.
        _liaison_pg_pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
        return 1
    fi
    _liaison_pg_pid=$(head -n 1 "$dir/data/postmaster.pid")

    # The app's role as a real deployment should have it: it owns its database and is no superuser.
    # CREATEDB only so that tests can make databases of their own (tests/cluster does).
    local password
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    if ! _liaison_pg_as_owner "$bin/psql" -h "$dir" -p "$port" -U "$superuser" -d postgres -X -q \
        -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE ROLE liaison LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD '$password';
CREATE DATABASE liaison OWNER liaison;
CREATE ROLE liaison_superuser LOGIN SUPERUSER PASSWORD '$password';
SQL
    then
        return 1
    fi

    export LIAISON_TEST_POSTGRES="postgres://liaison:$password@127.0.0.1:$port/liaison"
    # A superuser, only for the test that Liaison warns about one and refuses it when told to.
    export LIAISON_TEST_POSTGRES_SUPERUSER="postgres://liaison_superuser:$password@127.0.0.1:$port/liaison"
    export LIAISON_TEST_POSTGRES_CA="$dir/server.crt"
    echo "Test PostgreSQL $(basename "$(dirname "$bin")") at postgres://liaison@127.0.0.1:$port/liaison (PID $_liaison_pg_pid, data in $dir)."
}

# True while the process runs; a zombie (exited, not yet reaped by its parent) counts as stopped.
_liaison_pg_running() {
    local state
    state=$(sed -n 's/^[0-9]* (.*) \([A-Z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

stop_test_postgres() {
    local pid=$_liaison_pg_pid dir=$_liaison_pg_dir
    _liaison_pg_pid=""
    _liaison_pg_dir=""
    unset LIAISON_TEST_POSTGRES LIAISON_TEST_POSTGRES_SUPERUSER
    # Only the postmaster we started: a PID that now names another program is left alone.
    if [ -n "$pid" ] && [ -n "$dir" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir/data"; then
        # SIGINT is PostgreSQL's fast shutdown (what `pg_ctl stop -m fast` sends): open connections are
        # ended rather than waited for, as SIGTERM would.
        kill -INT "$pid" 2>/dev/null || true
        local waited=0
        while _liaison_pg_running "$pid" && [ "$waited" -lt 100 ]; do
            sleep 0.1
            waited=$((waited + 1))
        done
        if _liaison_pg_running "$pid"; then
            echo "The test PostgreSQL (PID $pid) did not stop within 10 s; killing it." >&2
            kill -KILL "$pid" 2>/dev/null || true
            waited=0
            while _liaison_pg_running "$pid" && [ "$waited" -lt 50 ]; do
                sleep 0.1
                waited=$((waited + 1))
            done
        fi
    fi
    if [ -n "$dir" ]; then rm -rf "$dir"; fi
    return 0
}
