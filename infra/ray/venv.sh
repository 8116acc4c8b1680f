#!/usr/bin/env bash
# Prints the path of a Python virtualenv holding Ray (the version RGrid's cluster mode speaks), creating
# it first when missing. Cached under $RGRID_CACHE_DIR (default ~/.cache/rgrid) keyed by the Ray version
# and the Python that made it, so a rerun costs nothing. The cluster's Java workers and RGrid's driver use
# the jar inside it (ray/jars/ray_dist.jar): the raylet and the Java core worker must be the same version.
#
#   infra/ray/venv.sh            # → /root/.cache/rgrid/ray-2.58.0-py3.11
set -euo pipefail
RAY_VERSION="${RGRID_RAY_VERSION:-2.58.0}"
cache="${RGRID_CACHE_DIR:-$HOME/.cache/rgrid}"
python="${RGRID_PYTHON:-python3}"
py=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
venv="$cache/ray-${RAY_VERSION}-py${py}"

if [ -x "$venv/bin/ray" ] && [ -f "$venv/.complete" ]; then
  echo "$venv"
  exit 0
fi
echo "[ray] installing ray==${RAY_VERSION} into $venv (about 20 s)" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
# Use the machine's own indexes when pip has some configured, only those that exist, and nothing else:
# pip then never waits on unreachable hosts.
index_args=()
for url in $(pip config get global.extra-index-url 2>/dev/null || true) $(pip config get global.index-url 2>/dev/null || true); do
  case "$url" in file://*) [ -d "${url#file://}" ] || continue ;; esac
  if [ ${#index_args[@]} -eq 0 ]; then index_args+=(--index-url "$url"); else index_args+=(--extra-index-url "$url"); fi
done
for links in $(pip config get global.find-links 2>/dev/null || true); do
  [ -d "$links" ] && index_args+=(--find-links "$links")
done
# (A file index without a package's directory makes pip warn for every package: noise, dropped.)
PIP_CONFIG_FILE=/dev/null "$venv/bin/pip" install -q "${index_args[@]}" "ray==${RAY_VERSION}" 2>&1 \
  | grep -v "is ignored: it is neither a file nor a directory" >&2 || true
[ -x "$venv/bin/ray" ] || { echo "[ray] installing ray==${RAY_VERSION} failed" >&2; exit 1; }
touch "$venv/.complete"   # only a finished install counts: a cut-off one is redone next time
echo "$venv"
