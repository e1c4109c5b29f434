-- Connector registrations (G3): which connector account belongs to which channel. The account's
-- secrets (bot token, webhook secret) are stored only sealed with SecretsCipher (AES-GCM, the
-- connector id as associated data); a removed connector keeps its row, without secrets, so its
-- version keeps growing and the deletion can be announced.
CREATE TABLE connector (
    id                 uuid        PRIMARY KEY,
    channel_id         uuid        NOT NULL REFERENCES channel (id),
    connector_type     text        NOT NULL,
    account_id         text        NOT NULL,
    secrets_alg        text,
    secrets_key_id     text,
    secrets_nonce      text,
    secrets_ciphertext text,
    version            bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    deleted_at         timestamptz,
    CONSTRAINT connector_secrets_sealed_or_absent CHECK (
        (secrets_alg IS NULL) = (secrets_ciphertext IS NULL)
        AND (secrets_key_id IS NULL) = (secrets_ciphertext IS NULL)
        AND (secrets_nonce IS NULL) = (secrets_ciphertext IS NULL))
);

-- G3: one account belongs to one channel. The API checks first to name the channel in its 409;
-- this index is what holds under concurrent requests.
CREATE UNIQUE INDEX connector_account_attached_once
    ON connector (connector_type, account_id) WHERE deleted_at IS NULL;

CREATE INDEX connector_by_channel ON connector (channel_id, id) WHERE deleted_at IS NULL;
