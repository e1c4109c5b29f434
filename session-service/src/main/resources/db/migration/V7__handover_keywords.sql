-- B1 "or on the client's request": a client message equal to one of the channel's handover keywords
-- in a session with the bot hands the session over to people, as the bot's handover does.

-- oc.config.channels.v1, settings.bots.handoverKeywords: a JSON array of the keywords as
-- channel-config publishes them (compared ignoring case and surrounding punctuation when a message
-- arrives); null = none.
ALTER TABLE channel_copy ADD COLUMN handover_keywords text;
-- As in V6: the copies hold each channel's newest version, read before this column existed; one
-- version less lets the same newest record, re-read from the beginning at the next start, fill it
-- once, while no older record can come back.
UPDATE channel_copy SET version = version - 1;
