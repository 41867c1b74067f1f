#!/bin/sh
# Debezium's connect image's documented contract ("start"):
#  - BOOTSTRAP_SERVERS (required), GROUP_ID (default 1), CONFIG_STORAGE_TOPIC, OFFSET_STORAGE_TOPIC,
#    STATUS_STORAGE_TOPIC, KEY_CONVERTER / VALUE_CONVERTER (default JsonConverter), OFFSET_FLUSH_INTERVAL_MS
#    (60000), OFFSET_FLUSH_TIMEOUT_MS (5000), SHUTDOWN_TIMEOUT (10000, task.shutdown.graceful.timeout.ms),
#    HEAP_OPTS (KAFKA_HEAP_OPTS), REST_PORT / ADVERTISED_HOST_NAME / ADVERTISED_PORT, LOG_LEVEL;
#  - every CONNECT_FOO_BAR variable becomes the worker property foo.bar (values of secret-looking names are not
#    printed); plugin.path is /kafka/connect.
# Not supported: the image's optional extras (ENABLE_APICURIO_CONVERTERS, ENABLE_DEBEZIUM_SCRIPTING, JMX settings).
set -eu
[ "${1:-start}" = start ] || exec "$@"
if [ -z "${BOOTSTRAP_SERVERS:-}" ]; then
  echo "The BOOTSTRAP_SERVERS variable must be set to the Kafka brokers (host:port,...)." >&2
  exit 1
fi
HOST_NAME=${HOST_NAME:-$(hostname -i 2>/dev/null | cut -d' ' -f1)}
HOST_NAME=${HOST_NAME:-$(hostname)}
export CONNECT_BOOTSTRAP_SERVERS="$BOOTSTRAP_SERVERS"
export CONNECT_GROUP_ID="${GROUP_ID:-1}"
[ -z "${CONFIG_STORAGE_TOPIC:-}" ] || export CONNECT_CONFIG_STORAGE_TOPIC="$CONFIG_STORAGE_TOPIC"
[ -z "${OFFSET_STORAGE_TOPIC:-}" ] || export CONNECT_OFFSET_STORAGE_TOPIC="$OFFSET_STORAGE_TOPIC"
[ -z "${STATUS_STORAGE_TOPIC:-}" ] || export CONNECT_STATUS_STORAGE_TOPIC="$STATUS_STORAGE_TOPIC"
export CONNECT_KEY_CONVERTER="${KEY_CONVERTER:-org.apache.kafka.connect.json.JsonConverter}"
export CONNECT_VALUE_CONVERTER="${VALUE_CONVERTER:-org.apache.kafka.connect.json.JsonConverter}"
export CONNECT_OFFSET_FLUSH_INTERVAL_MS="${OFFSET_FLUSH_INTERVAL_MS:-60000}"
export CONNECT_OFFSET_FLUSH_TIMEOUT_MS="${OFFSET_FLUSH_TIMEOUT_MS:-5000}"
export CONNECT_TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS="${SHUTDOWN_TIMEOUT:-10000}"
export CONNECT_LISTENERS="${CONNECT_LISTENERS:-http://0.0.0.0:${REST_PORT:-8083}}"
export CONNECT_REST_ADVERTISED_HOST_NAME="${ADVERTISED_HOST_NAME:-$HOST_NAME}"
export CONNECT_REST_ADVERTISED_PORT="${ADVERTISED_PORT:-${REST_PORT:-8083}}"
export CONNECT_PLUGIN_PATH="${CONNECT_PLUGIN_PATH:-$KAFKA_CONNECT_PLUGINS_DIR}"
[ -z "${HEAP_OPTS:-}" ] || export KAFKA_HEAP_OPTS="$HEAP_OPTS"

config=$KAFKA_HOME/config
cp -n "$KAFKA_HOME"/config.orig/* "$config"/ 2>/dev/null || true
properties=$config/connect-distributed.properties
sed -i "s/^rootLogger.level *=.*/rootLogger.level = ${LOG_LEVEL:-INFO}/" "$config/log4j2.properties"

# CONNECT_FOO_BAR=value -> foo.bar=value, replacing the default's line. Names are [A-Z0-9_], so eval is safe.
for name in $(env | sed -n 's/^\(CONNECT_[A-Z0-9_]*\)=.*/\1/p'); do
  eval "value=\${$name}"
  property=$(echo "${name#CONNECT_}" | tr 'A-Z_' 'a-z.')
  grep -v "^#*$property=" "$properties" > "$properties.new" || true
  printf '%s=%s\n' "$property" "$value" >> "$properties.new"
  mv "$properties.new" "$properties"
  case "$name" in
    *PASSWORD*|*SECRET*|*JAAS*|*CREDENTIAL*|*TOKEN*) echo "--- Setting property from $name: $property=[hidden]" ;;
    *) echo "--- Setting property from $name: $property=$value" ;;
  esac
done

# connect-distributed.sh's defaults.
# shellcheck disable=SC2086 # each *_OPTS is a list of JVM arguments
exec java ${KAFKA_HEAP_OPTS:--Xms256M -Xmx2G} \
  ${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true} \
  -Dlog4j2.configurationFile="$config/log4j2.properties" ${KAFKA_OPTS:-} \
  -cp "$KAFKA_HOME/libs/*" org.apache.kafka.connect.cli.ConnectDistributed "$properties"
