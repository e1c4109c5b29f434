-- A row Kafka refuses for good (larger than its request limit, an invalid topic) is taken out of
-- the line with the reason, so the rows behind it go out (OutboxRelay); it stays for inspection.
ALTER TABLE outbox
    ADD COLUMN failed_at      timestamptz,
    ADD COLUMN failure_reason text;
DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;
