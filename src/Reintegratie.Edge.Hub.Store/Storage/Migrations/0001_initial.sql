-- Alert revisions exactly as the gateways journaled them: idempotent on (alert id, revision).
CREATE TABLE alert_revisions (
    alert_id     text        NOT NULL,
    revision     integer     NOT NULL,
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    type         text        NOT NULL,
    kind         text        NOT NULL,
    severity     text        NOT NULL,
    first_seen   timestamptz NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (alert_id, revision)
);
CREATE INDEX alert_revisions_site ON alert_revisions (site, first_seen);

-- The newest revision of every alert (gateway alerts and the hub's own, e.g. journal_discontinuity).
CREATE TABLE alerts (
    alert_id         text        PRIMARY KEY,
    revision         integer     NOT NULL,
    site             text        NOT NULL,
    gateway          text        NOT NULL,
    source           text        NOT NULL,            -- 'gateway' or 'hub'
    kind             text        NOT NULL,
    severity         text        NOT NULL,
    title            text        NOT NULL,
    zones            text[]      NOT NULL,
    first_seen       timestamptz NOT NULL,
    last_seen        timestamptz NOT NULL,
    ended_at         timestamptz NULL,
    acknowledged_by  text        NULL,
    acknowledged_at  timestamptz NULL,
    body             jsonb       NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX alerts_active ON alerts (site) WHERE ended_at IS NULL;

-- Revisions that arrived after a newer one was applied, or with a gap before them: counted, never applied.
CREATE TABLE alert_anomalies (
    id           bigserial   PRIMARY KEY,
    alert_id     text        NOT NULL,
    revision     integer     NOT NULL,
    held         integer     NOT NULL,
    what         text        NOT NULL,
    received_at  timestamptz NOT NULL
);

CREATE TABLE gateway_status (
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    state        text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (site, gateway)
);
CREATE TABLE gateway_status_history (
    id           bigserial   PRIMARY KEY,
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    state        text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL
);

CREATE TABLE sensor_health (
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    sensor_id    text        NOT NULL,
    family       text        NOT NULL,
    zone         text        NULL,
    status       text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (site, gateway, sensor_id)
);
CREATE TABLE sensor_health_history (
    id           bigserial   PRIMARY KEY,
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    sensor_id    text        NOT NULL,
    status       text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL
);

-- The retained alerts/active list per gateway, as published.
CREATE TABLE active_lists (
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (site, gateway)
);

-- Every distinct journal head a gateway published (evidence for `edgectl log verify --heads`).
CREATE TABLE journal_heads (
    id            bigserial   PRIMARY KEY,
    site          text        NOT NULL,
    gateway       text        NOT NULL,
    seq           bigint      NOT NULL,
    hash          text        NOT NULL,
    at            timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    times_seen    integer     NOT NULL DEFAULT 1,
    discontinuity boolean     NOT NULL DEFAULT false,
    UNIQUE (site, gateway, seq, hash)
);
-- The head each gateway's next head must extend.
CREATE TABLE journal_tips (
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    seq          bigint      NOT NULL,
    hash         text        NOT NULL,
    PRIMARY KEY (site, gateway)
);

-- Console operators: PBKDF2-SHA256 hashes, no default account.
CREATE TABLE operators (
    name         text        PRIMARY KEY,
    password     text        NOT NULL,
    created_at   timestamptz NOT NULL
);

-- Messages the hub could not read: kept (hex, capped) so an attack on the ingest path is on record.
CREATE TABLE rejected_messages (
    id           bigserial   PRIMARY KEY,
    routing_key  text        NOT NULL,
    reason       text        NOT NULL,
    body_hex     text        NOT NULL,
    received_at  timestamptz NOT NULL
);
