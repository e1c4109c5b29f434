-- A4: when routing-service reports NoAgentAvailable, the channel's automatic reply (the off-hours
-- text, W2) goes to the client once per session.

-- oc.config.channels.v1: automation.noAgentAction (NONE | OFF_HOURS_TEXT; null = NONE) and
-- workingTime.offHoursText.
ALTER TABLE channel_copy ADD COLUMN no_agent_action text;
ALTER TABLE channel_copy ADD COLUMN off_hours_text text;
-- The copies hold each channel's newest version, read before these columns existed; the topic is
-- re-read from the beginning at every start, and a copy keeps only a higher version. One version
-- less lets the same newest record fill the new columns once, while no older one can come back.
UPDATE channel_copy SET version = version - 1;

-- Which automatic text a SYSTEM message is (NO_AGENT_AVAILABLE for A4; later the greeting, closing
-- and timeout texts), null for every other message. At most one of each kind per session: a
-- redelivered or repeated NoAgentAvailable (routing may report one after every round) finds it.
ALTER TABLE message ADD COLUMN automatic_text text;
CREATE UNIQUE INDEX message_automatic_text_once
    ON message (session_id, automatic_text) WHERE automatic_text IS NOT NULL;
