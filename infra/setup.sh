#!/usr/bin/env bash
# Makes this machine ready to run RGrid, idempotently: a Docker engine (installed from Debian's
# packages and started in the background where there is no systemd), the runtime images (built from
# Debian packages, cached by recipe under $RGRID_CACHE_DIR), and the rgrid build. A second run
# costs a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${RGRID_CACHE_DIR:-$HOME/.cache/rgrid}"
mkdir -p "$cache"

say() { echo "[setup] $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

docker_up() { docker info >/dev/null 2>&1; }

if ! docker_up; then
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  if ! docker_up; then
    say "starting dockerd in the background (log: $cache/dockerd.log)"
    as_root sh -c "nohup dockerd >>'$cache/dockerd.log' 2>&1 &"
    for _ in $(seq 1 60); do docker_up && break; sleep 1; done
    docker_up || { say "dockerd did not come up; see $cache/dockerd.log"; exit 1; }
  fi
fi

# Job containers never reach a cloud's metadata address (169.254.169.254: on Hetzner, a node's user data is readable
# there), --network or not: Docker sends containers' traffic through its DOCKER-USER chain. Where iptables cannot be
# used (no root, no iptables), say so: the node is then not safe to provision from a cloud.
metadata_rule=(DOCKER-USER -d 169.254.169.254/32 -j DROP)
if as_root iptables -C "${metadata_rule[@]}" >/dev/null 2>&1 || as_root iptables -I "${metadata_rule[@]}" >/dev/null 2>&1; then
  :
else
  say "warning: could not close the metadata address 169.254.169.254 to containers (iptables DOCKER-USER)"
fi

apt_install debootstrap
as_root env RGRID_CACHE_DIR="$cache" infra/images/build.sh python3.11 python3.13 node20

# Modules nest (rgrid-core/model, rgrid-server/engine): every pom and source file beneath the top level counts.
if [ ! -f rgrid-cli/target/rgrid-cli.jar ] || [ -n "$(find pom.xml rgrid-* examples bench -type f \( -name pom.xml -o -path '*/src/*' \) \
    -not -path '*/target/*' -newer rgrid-cli/target/rgrid-cli.jar -print -quit 2>/dev/null)" ]; then
  say "building rgrid (mvn install -DskipTests)"
  # Debian's Maven prints colour codes even with -q -B; strip them.
  mvn -q -B install -DskipTests 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2
  # Maven leaves a jar whose own classes did not change untouched; the build is current now (see ./rgrid).
  touch rgrid-cli/target/rgrid-cli.jar
fi
# The launcher's class-data archive (see ./rgrid), made by a first command as a user's first command would be: a run
# of the hello example in a scratch home, whose engine and database are stopped after.
if [[ ! rgrid-cli/target/rgrid-cli.jsa -nt rgrid-cli/target/rgrid-cli.jar ]]; then
  say "making the CLI's class-data archive (one run of examples/hello.py)"
  scratch="$(mktemp -d)"
  # Quiet unless it fails: then its output is what tells why the first real command would fail too.
  if ! out="$(RGRID_HOME="$scratch" ./rgrid run examples/hello.py 2>&1)"; then
    echo "$out" >&2; RGRID_HOME="$scratch" ./rgrid shutdown >/dev/null 2>&1 || true; rm -rf "$scratch"
    say "the hello example failed in a scratch home (output above)"; exit 1
  fi
  RGRID_HOME="$scratch" ./rgrid shutdown >/dev/null
  rm -rf "$scratch"
fi
say "ready"
