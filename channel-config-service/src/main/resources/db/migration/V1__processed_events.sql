-- Every consumer of this service is idempotent: the id of an event it has handled is recorded here in the
-- same transaction as the event's effects, and an event whose id is already present is skipped.
CREATE TABLE processed_event (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
