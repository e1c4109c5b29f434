-- The settings sections of a channel (FEATURES Q5-Q15, W, C, A, R, B, K, O3-O4) as one JSON
-- document, {"routing": {...}, "workingTime": {...}, ...}. Sections or fields missing from it take
-- their defaults when read, so a channel made before this column exists has the safe defaults.
ALTER TABLE channel ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;
