-- Hand-written part of 20261201233926_audit_subject_keys_free_text_enc (issue 8, item 4):
-- grants and row-level security for data_subject_keys, a key once shredded stays shredded, and
-- free text about patients may only be written sealed (the *_enc columns).

-- ── data_subject_keys ──
GRANT SELECT, INSERT ON data_subject_keys TO prontivus_app;
-- Shredding (key_enc → NULL) and keyring rotation (key_enc re-sealed) are the only updates.
GRANT UPDATE (key_enc, shredded_at) ON data_subject_keys TO prontivus_app;

ALTER TABLE data_subject_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_subject_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON data_subject_keys
  USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);

-- A shredded key cannot come back (not even a new one under the same row: the values sealed
-- under the old key must stay unreadable, and new history gets a new row only by design).
CREATE FUNCTION forbid_unshred_subject_key() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.shredded_at IS NOT NULL OR (OLD.key_enc IS NULL AND NEW.key_enc IS NOT NULL) THEN
    RAISE EXCEPTION 'data subject key % was shredded and cannot be restored', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.key_enc IS NULL AND NEW.shredded_at IS NULL THEN
    NEW.shredded_at := now();
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER data_subject_keys_no_unshred BEFORE UPDATE ON data_subject_keys
  FOR EACH ROW EXECUTE FUNCTION forbid_unshred_subject_key();

-- ── Free text sealed at rest ──
-- The plain columns stay until every deployment has run the backfill (`npm run db:migrate` runs
-- it right after the migrations: scripts/lib/free-text-backfill.ts). NOT VALID: rows written
-- before the backfill are not checked here, but no insert or update may put plain text again;
-- the backfill VALIDATEs the constraints once it has emptied the plain columns.
ALTER TABLE appointments ADD CONSTRAINT appointments_free_text_sealed
  CHECK (reason IS NULL AND encaixe_reason IS NULL AND cancellation_reason IS NULL) NOT VALID;
ALTER TABLE patient_allergies ADD CONSTRAINT patient_allergies_free_text_sealed
  CHECK (reaction IS NULL) NOT VALID;
ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_free_text_sealed
  CHECK (notes IS NULL) NOT VALID;

-- An encaixe still needs a reason: now the sealed one (the plain one only on rows not yet
-- backfilled). A sealed value is never empty: the app refuses a reason shorter than 3 characters.
ALTER TABLE appointments DROP CONSTRAINT appointments_encaixe_reason;
ALTER TABLE appointments ADD CONSTRAINT appointments_encaixe_reason
  CHECK (NOT is_encaixe OR encaixe_reason_enc IS NOT NULL OR length(trim(coalesce(encaixe_reason, ''))) > 0);
