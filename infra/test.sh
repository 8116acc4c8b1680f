#!/usr/bin/env bash
# Runs the whole test suite with real parts: a Docker engine and runtime images (infra/setup.sh),
# an external PostgreSQL for the second leg of the store contract, and the embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
infra/setup.sh
RGRID_TEST_DATABASE_URL="$(infra/dev/start-postgres.sh)"
export RGRID_TEST_DATABASE_URL
mvn -B -ntp verify "$@"
