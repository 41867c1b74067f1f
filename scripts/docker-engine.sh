#!/usr/bin/env bash
# A Docker engine for the containers backend on a machine without one (see ../shared/DOCKER-HERE.md), as CI here
# needs it: Debian's docker.io, a daemon on loopback only that changes no netfilter rule and fails every pull at once
# (no registry is reachable here), and a JRE base image made from Debian's packages for the lab's built images.
#
#   scripts/docker-engine.sh up     start (or borrow) an engine, build the base image; prints the exports to eval
#   scripts/docker-engine.sh down   check that no container or network is left, stop the engine if `up` started it
#
# Settings (environment):
#   DOCKER_HOST         an engine to use as it is (when LAB_DOCKER_SOCKET is not set): `up` only borrows it
#   LAB_DOCKER_SOCKET   the daemon's socket (default /var/run/docker.sock). Any other path keeps the engine private:
#                       a socket at the default path changes what Testcontainers' `auto` finds for every user here.
#   LAB_DOCKER_STATE    its data root (default /var/lib/cdc-lab-docker); LAB_DOCKER_RUN its exec root, pid file and
#                       log (default /run/cdc-lab-docker)
#   LAB_BASE_IMAGE      the JRE base image to build (default localhost/cdc-lab-jre:17-bookworm)
# Logs go to stderr; stdout carries only the `export` lines.
set -euo pipefail

SOCKET=${LAB_DOCKER_SOCKET:-/var/run/docker.sock}
STATE=${LAB_DOCKER_STATE:-/var/lib/cdc-lab-docker}
RUNDIR=${LAB_DOCKER_RUN:-/run/cdc-lab-docker}
BASE_IMAGE=${LAB_BASE_IMAGE:-localhost/cdc-lab-jre:17-bookworm}
# The engine to talk to: our socket, unless the caller already points at an engine with DOCKER_HOST.
if [ -n "${LAB_DOCKER_SOCKET:-}" ] || [ -z "${DOCKER_HOST:-}" ]; then ENGINE=unix://$SOCKET; else ENGINE=$DOCKER_HOST; fi
PIDFILE=$RUNDIR/dockerd.pid
OWNED=$RUNDIR/started-by-cdc-lab   # present only when `up` started the daemon: `down` never stops a borrowed one

log() { echo "docker-engine: $*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
dk() { docker -H "$ENGINE" "$@"; }
answers() { dk version --format '{{.Server.Version}}' >/dev/null 2>&1; }

install_missing() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v xz >/dev/null 2>&1 || missing+=(xz-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    local t; t=$(now)
    log "installing ${missing[*]} with apt-get"
    # docker.io's maintainer scripts would start the system's daemon on /var/run/docker.sock where an init system
    # runs; policy-rc.d (Debian's switch for that) keeps them from it: only this script starts an engine.
    local policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 0755 "$policy"
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
      { [ -z "$policy" ] || rm -f "$policy"; return 1; }
    [ -z "$policy" ] || rm -f "$policy"
    log "installed ${missing[*]} in $(since "$t")"
  fi
}

start_daemon() {
  local driver=$1 t; t=$(now)
  mkdir -p "$RUNDIR" "$STATE" "$(dirname "$SOCKET")"
  # Loopback only, netfilter and ip_forward left alone; the proxy is a closed port so that a pull fails at once
  # instead of waiting on DNS. setsid: Ctrl-C of the calling script does not reach the daemon.
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
    setsid dockerd -H "unix://$SOCKET" --data-root "$STATE" --exec-root "$RUNDIR/exec" --pidfile "$PIDFILE" \
      --iptables=false --ip-forward=false --ip-masq=false --ip=127.0.0.1 --storage-driver="$driver" \
      >"$RUNDIR/dockerd.log" 2>&1 </dev/null &
  local pid=$!
  for _ in $(seq 1 150); do
    if answers; then
      touch "$OWNED"
      log "dockerd $(dk version --format '{{.Server.Version}}') ($driver) ready on unix://$SOCKET in $(since "$t")"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  log "dockerd with $driver did not answer; its log ends with:"; tail -n 15 "$RUNDIR/dockerd.log" >&2
  kill "$pid" 2>/dev/null || true
  return 1
}

# debootstrap's minimal Debian, imported, plus Debian's JRE: no registry involved.
build_base_image() {
  if dk image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE present (cached)"
    return 0
  fi
  local t; t=$(now)
  local mirror
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  local work; work=$(mktemp -d)
  log "building base image $BASE_IMAGE: debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log" >&2; rm -rf "$work"; return 1; }
  tar -C "$work/rootfs" -c . | dk import - "$BASE_IMAGE-rootfs" >/dev/null
  cat >"$work/Dockerfile" <<EOF
FROM $BASE_IMAGE-rootfs
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \\
      openjdk-17-jre-headless >/dev/null && rm -rf /var/lib/apt/lists/*
EOF
  # The legacy builder (no BuildKit in Debian's 20.10) warns that it is deprecated: its output is shown on failure only.
  DOCKER_BUILDKIT=0 dk build -q --network=host -t "$BASE_IMAGE" "$work" >"$work/build.log" 2>&1 ||
    { tail -n 20 "$work/build.log" >&2; rm -rf "$work"; return 1; }
  rm -rf "$work"
  log "base image $BASE_IMAGE built in $(since "$t") ($(dk image inspect -f '{{.Size}}' "$BASE_IMAGE" | awk '{ printf "%d MB", $1 / 1e6 }'))"
}

up() {
  if ! answers && [ "$ENGINE" != "unix://$SOCKET" ]; then
    log "DOCKER_HOST=$ENGINE does not answer; unset it (or set LAB_DOCKER_SOCKET) to let this script start an engine"
    return 1
  elif ! answers; then
    install_missing
    start_daemon overlay2 || start_daemon vfs
  elif [ ! -e "$OWNED" ]; then
    log "an engine already answers on $ENGINE: using it (down will not stop it)"
  fi
  build_base_image
  # What Testcontainers needs here: /.dockerenv makes it believe it runs in a container and go through the bridge
  # gateway, which refuses; Ryuk cannot be pulled (and would need privileges), so the lab removes what it started.
  cat <<EOF
export DOCKER_HOST=$ENGINE
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_RYUK_CONTAINER_PRIVILEGED=false
export LAB_CONTAINERS_BASE_IMAGE=$BASE_IMAGE
EOF
}

down() {
  local status=0
  if answers; then
    # On a borrowed engine only what Testcontainers created counts; on our own, everything.
    local filter=()
    [ -e "$OWNED" ] || filter=(--filter label=org.testcontainers=true)
    local containers networks
    containers=$(dk ps -aq "${filter[@]}")
    networks=$(dk network ls -q --filter type=custom "${filter[@]}")
    if [ -n "$containers" ] || [ -n "$networks" ]; then
      log "LEFT BEHIND by the run: containers [$(echo "$containers" | xargs)] networks [$(echo "$networks" | xargs)]; removing them"
      [ -z "$containers" ] || dk rm -f $containers >/dev/null || true
      [ -z "$networks" ] || dk network rm $networks >/dev/null || true
      status=1
    else
      log "no container or network left"
    fi
  fi
  if [ -e "$OWNED" ] && [ -s "$PIDFILE" ]; then
    local pid t; pid=$(cat "$PIDFILE"); t=$(now)
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "dockerd $pid still runs after 20 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; status=1
    fi
    rm -f "$OWNED"
    # dockerd leaves its network namespace's bind mount behind in the exec root; nothing of the engine stays mounted.
    umount "$RUNDIR/exec/netns/default" 2>/dev/null || true
    log "dockerd stopped in $(since "$t")"
  fi
  return $status
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down (see the comment at its top)" >&2; exit 2 ;;
esac
