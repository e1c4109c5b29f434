-- Offers and transfers (issue 5).

-- A transfer to another channel's queue moves the session to that channel, but the client keeps
-- writing through the connector of the channel the conversation came in by: the client's next
-- message must still find this session. So "one open session per client" is per channel of origin.
ALTER TABLE session ADD COLUMN origin_channel_id text;
UPDATE session SET origin_channel_id = channel_id;
ALTER TABLE session ALTER COLUMN origin_channel_id SET NOT NULL;
DROP INDEX session_one_open_per_client_and_channel;
CREATE UNIQUE INDEX session_one_open_per_client_and_origin
    ON session (client_id, origin_channel_id) WHERE state <> 'CLOSED';

-- The agent who had the session before its last transfer: the previousAgentId of the SessionAssigned
-- that ends the transfer (cleared then).
ALTER TABLE session ADD COLUMN transferred_from_agent_id text;

-- routing-service's open offers as its events on oc.routing.events.v1 tell them (OfferMade,
-- OfferExpired, OfferWithdrawn): one row per offer and agent. routing-service is the arbiter (the
-- offers live in its Redis); this copy only lets an agent's list show what is offered to them.
-- A settled offer keeps its row with closed_at set, so a late or replayed OfferMade cannot reopen it
-- (and an OfferWithdrawn seen before its OfferMade leaves a closed row that the OfferMade finds).
CREATE TABLE offer (
    id                uuid        PRIMARY KEY,
    offer_id          text        NOT NULL,
    agent_id          text        NOT NULL,
    session_id        uuid        NOT NULL,
    channel_id        text        NOT NULL,
    distribution_mode text,
    expires_at        timestamptz,
    offered_at        timestamptz,
    -- Set when the offer expired, was withdrawn, or its session was assigned, transferred or closed.
    closed_at         timestamptz,
    close_reason      text,
    CONSTRAINT offer_once_per_agent UNIQUE (offer_id, agent_id)
);
CREATE INDEX offer_open_by_agent ON offer (agent_id, session_id) WHERE closed_at IS NULL;
CREATE INDEX offer_open_by_session ON offer (session_id) WHERE closed_at IS NULL;
