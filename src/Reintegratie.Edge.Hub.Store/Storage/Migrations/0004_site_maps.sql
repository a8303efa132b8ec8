-- The retained …/site zone map per gateway (docs/schemas/site.json): the one in use, and every distinct one received
-- (a changed map means the gateway's site configuration changed).
CREATE TABLE site_maps (
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (site, gateway)
);
CREATE TABLE site_map_history (
    id           bigserial   PRIMARY KEY,
    site         text        NOT NULL,
    gateway      text        NOT NULL,
    body         jsonb       NOT NULL,
    received_at  timestamptz NOT NULL
);
