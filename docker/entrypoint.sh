#!/bin/sh
# The service image's entrypoint, run by /bin/sh (dash in eclipse-temurin).
set -eu

# Each replica advertises its own container address to the others (application.server).
if [ -z "${APPLICATION_SERVER:-}" ]; then
  APPLICATION_SERVER="$(hostname -i | cut -d' ' -f1):${HTTP_PORT:-8080}"
  export APPLICATION_SERVER
fi

# Replicas of one Compose service mount the same named volume, and two instances must never share
# a Kafka Streams state directory. Each takes the first slot directory whose lock is free and keeps
# the lock (fd 9, inherited by java through exec) until the JVM exits, however it exits; a
# replacement container then takes over that slot and finds its state instead of restoring it.
if [ -z "${DATA_DIR:-}" ]; then
  volume="${DATA_VOLUME:-/data}"
  slot=1
  while :; do
    mkdir -p "$volume/slot-$slot"
    exec 9>"$volume/slot-$slot/.lock"
    if flock -n 9; then
      break
    fi
    exec 9>&-
    slot=$((slot + 1))
  done
  DATA_DIR="$volume/slot-$slot"
  export DATA_DIR
fi

# shellcheck disable=SC2086 # JAVA_OPTS holds several flags
exec java ${JAVA_OPTS:-} -jar /app/sync-view.jar "$@"
