-- Attachments of a signed medical record are frozen with it (CFM 1.821/2007; OpenEMR once let
-- forms be added to locked encounters): no file may be added to, changed on or removed from a
-- record once it is signed, whatever the code above does. The record row is read FOR SHARE, so
-- a signature being written at the same moment waits for the upload to commit (and then covers
-- it), or the upload sees the signed status and is refused.

CREATE FUNCTION forbid_attachment_on_signed_record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  target_status text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Only key rotation may touch a stored attachment: re-sealing its data key changes neither
    -- the file nor what it belongs to.
    IF (to_jsonb(NEW) - ARRAY['data_key_enc', 'encryption_key_id'])
       IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['data_key_enc', 'encryption_key_id']) THEN
      RAISE EXCEPTION 'attachment % is immutable; only its data key may be re-sealed', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT r.status::text INTO target_status FROM medical_records r
   WHERE r.tenant_id = coalesce(NEW.tenant_id, OLD.tenant_id)
     AND r.id = coalesce(NEW.medical_record_id, OLD.medical_record_id)
   FOR SHARE;
  -- No visible record (another clinic's id under RLS): foreign key and row-level security refuse it.
  IF target_status IS NOT NULL AND target_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'medical record % is signed: its attachments cannot change', coalesce(NEW.medical_record_id, OLD.medical_record_id)
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN coalesce(NEW, OLD);
END $$;

CREATE TRIGGER medical_record_attachments_frozen BEFORE INSERT OR UPDATE OR DELETE ON medical_record_attachments
  FOR EACH ROW EXECUTE FUNCTION forbid_attachment_on_signed_record();

-- The app writes an attachment once; afterwards it may only re-seal the data key (rotation).
REVOKE UPDATE ON medical_record_attachments FROM prontivus_app;
GRANT UPDATE (data_key_enc, encryption_key_id) ON medical_record_attachments TO prontivus_app;
