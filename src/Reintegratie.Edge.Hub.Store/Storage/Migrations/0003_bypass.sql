-- The retained …/bypass list per gateway as last published (docs/schemas/bypass.json).
CREATE TABLE bypass_lists (
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (site, gateway)
);
-- Every distinct list a gateway published, in arrival order (a republication of the same list is not repeated).
CREATE TABLE bypass_list_history (
    id           bigserial   PRIMARY KEY,
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL
);
-- One row per bypass (keyed by its zone_bypassed alert): current while listed, kept with ended_at once it left the list.
CREATE TABLE bypasses (
    site          text        NOT NULL,
    gateway       text        NOT NULL,
    alert_id      text        NOT NULL,
    zone          text        NOT NULL,
    reason        text        NOT NULL,
    authorised_by text[]      NOT NULL,
    since         timestamptz NOT NULL,
    until         timestamptz NOT NULL,
    renewals      integer     NOT NULL DEFAULT 0,
    first_listed  timestamptz NOT NULL,
    last_listed   timestamptz NOT NULL,
    ended_at      timestamptz NULL,
    PRIMARY KEY (site, gateway, alert_id)
);
CREATE INDEX bypasses_current ON bypasses (site) WHERE ended_at IS NULL;
CREATE INDEX bypasses_period ON bypasses (since);
