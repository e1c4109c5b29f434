-- GDPR Art. 17: when the client's personal data was erased (DELETE /api/v1/clients/{id}). The row
-- stays, without a name, so that the client's sessions still count in the statistics; a repeated
-- erasure answers the same.
ALTER TABLE client ADD COLUMN erased_at timestamptz;
