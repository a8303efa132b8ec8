-- Console sessions: only the SHA-256 of the cookie token is stored, so a database read does not yield a login.
CREATE TABLE operator_sessions (
    token_hash   text        PRIMARY KEY,
    operator     text        NOT NULL REFERENCES operators (name) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
-- Every console login attempt and acknowledgement, accepted or refused.
CREATE TABLE console_audit (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL,
    operator     text        NOT NULL,
    action       text        NOT NULL,
    detail       text        NOT NULL
);
