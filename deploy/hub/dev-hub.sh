#!/usr/bin/env bash
# `make hub`: PostgreSQL, one RabbitMQ node (MQTT plugin), one reintegratie-hub and three `--simulate default`
# gateways with distinct site names, all private to .run/hub/ (own ports, own node name, own data directory).
# Prints the console URL and a login; Ctrl-C stops everything it started. Built binaries are expected (the Makefile builds).
set -euo pipefail
cd "$(dirname "$0")/../.."
CONFIG="${CONFIG:-Release}"
RUN="$PWD/.run/hub"
HUB="src/Reintegratie.Edge.Hub/bin/$CONFIG/net10.0/reintegratie-hub"
GATEWAY="src/Reintegratie.Edge.Gateway/bin/$CONFIG/net10.0/reintegratie-edge"
EDGECTL="src/Reintegratie.Edge.Cli/bin/$CONFIG/net10.0/edgectl"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT="${HUB_PG_PORT:-55432}" AMQP_PORT="${HUB_AMQP_PORT:-55672}" MQTT_PORT="${HUB_MQTT_PORT:-51883}" WEB_PORT="${HUB_WEB_PORT:-8480}"
SITES=(pi-vught pi-zwolle pi-sittard)
pids=()

stop_all() {
    trap - INT TERM EXIT
    echo "make hub: stopping" >&2
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    HOME="$RUN/rabbit" RABBITMQ_NODENAME="$NODE" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$NODE" stop >/dev/null 2>&1 || true
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$RUN/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}

mkdir -p "$RUN/rabbit" "$RUN/pg"
chown postgres:postgres "$RUN/pg"
if [ ! -f "$RUN/pg/data/PG_VERSION" ]; then
    runuser -u postgres -- "$PG_BIN/initdb" -D "$RUN/pg/data" -U hub --auth=trust -E UTF8 >/dev/null
fi
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$RUN/pg/data" -l "$RUN/pg/log" -w start \
    -o "-p $PG_PORT -k $RUN/pg -c listen_addresses=127.0.0.1" >/dev/null
DB="Host=127.0.0.1;Port=$PG_PORT;Username=hub;Database=postgres"

NODE="rabbit-hub-dev@localhost"
cat > "$RUN/rabbit/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
mqtt.listeners.tcp.1 = 127.0.0.1:$MQTT_PORT
mqtt.allow_anonymous = true
mqtt.default_user = edge
mqtt.default_pass = edge-dev-only
default_user = edge
default_pass = edge-dev-only
mqtt.retained_message_store = rabbit_mqtt_retained_msg_store_dets
mqtt.durable_queue_type = quorum
CONF
: > "$RUN/rabbit/rabbitmq-env.conf"
export HOME="$RUN/rabbit" RABBITMQ_NODENAME="$NODE" RABBITMQ_MNESIA_BASE="$RUN/rabbit/mnesia" RABBITMQ_LOG_BASE="$RUN/rabbit/log" \
    RABBITMQ_CONFIG_FILE="$RUN/rabbit/rabbitmq.conf" RABBITMQ_CONF_ENV_FILE="$RUN/rabbit/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RUN/rabbit/enabled_plugins" RABBITMQ_DIST_PORT="${HUB_DIST_PORT:-55673}"
/usr/lib/rabbitmq/bin/rabbitmq-plugins --offline enable rabbitmq_mqtt >/dev/null
trap stop_all INT TERM EXIT
/usr/lib/rabbitmq/bin/rabbitmq-server > "$RUN/rabbit/server.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$MQTT_PORT") 2>/dev/null && break; sleep 1; done

"$HUB" --Hub:Database="$DB" --Hub:Brokers:0="127.0.0.1:$AMQP_PORT" --Hub:BrokerUser=edge --Hub:BrokerPassword=edge-dev-only \
    --Hub:ConsoleUrl="http://127.0.0.1:$WEB_PORT" \
    > "$RUN/hub.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q "Consuming" "$RUN/hub.log" 2>/dev/null && break; sleep 1; done
# 128 random bits as 32 hex digits: always 32 characters (base64 with '/+' removed could come out under 12).
PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
# The operator signs acknowledgements with their own key; every gateway below lists its public half for 'ack'.
OPERATOR_PUB="$(echo "$PASSWORD" | "$EDGECTL" hub user add biv --db "$DB" | sed -n 's/^public key: //p')"

for site in "${SITES[@]}"; do
    mkdir -p "$RUN/$site"
    "$GATEWAY" --simulate default --state-dir "$RUN/$site" --Mqtt:Host=127.0.0.1 --Mqtt:Port="$MQTT_PORT" --Mqtt:AllowInsecure=true \
        --Mqtt:ProtocolVersion=3.1.1 --Mqtt:Site="$site" --Mqtt:Commands:Keys:biv:PublicKey="$OPERATOR_PUB" \
        --Mqtt:Commands:Keys:biv:Verbs:0=ack > "$RUN/$site/gateway.log" 2>&1 &
    pids+=($!)
done

cat <<MSG
BIV hub console: http://127.0.0.1:$WEB_PORT/   login: biv / $PASSWORD
Sites: ${SITES[*]} (simulated gateways, journals in .run/hub/<site>/journal.db)
Reports: REINTEGRATIE_HUB_DB="$DB" $EDGECTL hub report --period 2026-T3
Logs: .run/hub/hub.log, .run/hub/<site>/gateway.log. Ctrl-C stops everything.
MSG
wait "${pids[1]}"
