-- Each operator's own ECDSA P-256 command key (edgectl hub user add): the public half as base64 SubjectPublicKeyInfo
-- (for the gateways' Mqtt:Commands:Keys:{operator}), the private half as an encrypted PKCS#8 PEM (PBES2: PBKDF2-SHA256
-- from the operator's password, 600,000 iterations, AES-256-CBC). Accounts from before this migration have neither.
ALTER TABLE operators ADD COLUMN public_key text NULL, ADD COLUMN private_key text NULL;
-- The key while its operator is logged in: PKCS#8 sealed with AES-256-GCM under a key derived from the session cookie,
-- which only the browser holds (the table keeps the cookie's SHA-256), so a database read yields no usable key.
ALTER TABLE operator_sessions ADD COLUMN signing_key bytea NULL;
