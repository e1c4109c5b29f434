-- The gateway's copy of the connector registrations, from the compacted oc.config.connectors.v1.
-- Kept here (not only in memory) so that a restarted instance answers webhooks before it has read
-- the topic again. A row is replaced only by a higher version; a deletion keeps its row
-- (deleted = true) so that its webhook answers 410, not 404.
CREATE TABLE connector_registration (
    connector_id       text        PRIMARY KEY,
    channel_id         text        NOT NULL,
    connector_type     text        NOT NULL,
    account_id         text        NOT NULL,
    version            bigint      NOT NULL,
    deleted            boolean     NOT NULL,
    -- The secrets stay sealed at rest (SecretsCipher, associated data = connector_id); absent when
    -- the connector has none or is deleted.
    secrets_alg        text,
    secrets_key_id     text,
    secrets_nonce      text,
    secrets_ciphertext text,
    event_id           text        NOT NULL,
    changed_at         timestamptz NOT NULL,
    stored_at          timestamptz NOT NULL DEFAULT now()
);
