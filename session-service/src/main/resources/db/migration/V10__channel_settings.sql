-- Issue 13: session-service acts on the channel's working time (W1), consent (C1), automatic
-- actions (A1-A7) and ratings (R1-R2), so it keeps the whole settings of each channel.

-- oc.config.channels.v1, settings: the sections routing, crm, workingTime, consent, automation,
-- quality, bots, kpi and other as published (read as ChannelSections with defaults filled in);
-- null = every default (a row written before this column, or a deleted channel).
ALTER TABLE channel_copy ADD COLUMN settings jsonb;
-- As in V6 and V7: the copies hold each channel's newest version, read before this column existed;
-- one version less lets the same newest record, re-read from the beginning at the next start, fill
-- it once, while no older record can come back.
UPDATE channel_copy SET version = version - 1;
