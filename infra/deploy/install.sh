#!/usr/bin/env bash
# Installs one machine of an RGrid deployment, run as root from a built tree (`mvn install -DskipTests`):
#
#   infra/deploy/install.sh server   # control plane: rgrid-server, driving the cluster (and the Ray head)
#   infra/deploy/install.sh worker   # a worker node: Docker, the runtime images, Ray joined to the head
#
# Everything goes under /opt/rgrid (RGrid's jars in lib/, Ray's venv in ray/), settings under /etc/rgrid
# (server.env, node.env: edit, then `systemctl restart`), and the systemd units beside this script. Worker
# nodes must hold the same jars at the same paths as the server: Ray's Java workers load RGrid from
# /opt/rgrid/lib (RGRID_RAY_CODE_SEARCH_PATH). infra/deploy/cloud-init-worker.yaml does the worker part on a
# fresh Hetzner Cloud machine.
set -euo pipefail
role=${1:?usage: install.sh server|worker}
root="$(cd "$(dirname "$0")/../.." && pwd)"
prefix=/opt/rgrid

say() { echo "[install] $*" >&2; }

install_jars() {
  local target="$root/rgrid-server/server/target"
  [ -f "$target/rgrid-server.jar" ] || { say "build first: mvn install -DskipTests"; exit 1; }
  mkdir -p "$prefix/lib"
  rm -f "$prefix"/lib/*.jar
  cp "$target/rgrid-server.jar" "$prefix/lib/"
  # Maven's Ray jars stay out: a cluster's driver and workers use the cluster's own ray_dist.jar.
  find "$target/lib" -name '*.jar' ! -name 'ray-api-*' ! -name 'ray-runtime-*' -exec cp {} "$prefix/lib/" \;
  sed -n 's:.*<rgrid.jvm.opens>\(.*\)</rgrid.jvm.opens>.*:\1:p' "$root/pom.xml" | tr ' ' '\n' > "$prefix/jvm.options"
}

install_ray() {
  RGRID_CACHE_DIR="$prefix" "$root/infra/ray/venv.sh" >/dev/null
  ln -sfn "$(ls -d "$prefix"/ray-*-py* | head -1)" "$prefix/ray"
}

install_env() {  # file, contents: written once, never overwritten (it holds the operator's settings)
  mkdir -p /etc/rgrid
  if [ ! -f "/etc/rgrid/$1" ]; then
    printf '%s\n' "$2" > "/etc/rgrid/$1"
    chmod 600 "/etc/rgrid/$1"
    say "wrote /etc/rgrid/$1: edit it"
  fi
}

case "$role" in
  server)
    install_jars
    install_ray
    install_env server.env "RGRID_DATABASE_URL=jdbc:postgresql://db.internal:5432/rgrid?user=rgrid&password=CHANGE_ME
RGRID_RAY_ADDRESS=127.0.0.1:6380
RGRID_RAY_CODE_SEARCH_PATH=$prefix/lib
RGRID_S3_ENDPOINT=https://s3.internal:9000
RGRID_S3_ACCESS_KEY=CHANGE_ME
RGRID_S3_SECRET_KEY=CHANGE_ME
RGRID_HEARTBEAT_INTERVAL=10s"
    cp "$root/infra/deploy/rgrid-ray-head.service" "$root/infra/deploy/rgrid-server.service" /etc/systemd/system/
    say "then: systemctl daemon-reload && systemctl enable --now rgrid-ray-head rgrid-server"
    ;;
  worker)
    "$root/infra/setup.sh"   # Docker engine and the runtime images
    install_jars
    install_ray
    install_env node.env "RGRID_RAY_HEAD=10.0.0.2:6380
RGRID_NODE_CPUS=$(nproc)
RGRID_NODE_SLOTS=$(nproc)
RGRID_NODE_HOME=/var/lib/rgrid-node"
    mkdir -p "$prefix/bin" && cp "$root/infra/deploy/worker-start.sh" "$prefix/bin/"
    cp "$root/infra/deploy/rgrid-ray-worker.service" /etc/systemd/system/
    say "then: systemctl daemon-reload && systemctl enable --now rgrid-ray-worker"
    ;;
  *) echo "usage: install.sh server|worker" >&2; exit 2 ;;
esac
