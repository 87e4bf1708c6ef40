-- ── Hand-written (EHR records): isolation, grants and immutability ──

-- Tenant isolation, as every tenant table (prisma/migrations/*_security).
ALTER TABLE "medical_record_diagnoses" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "medical_record_diagnoses" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "medical_record_diagnoses"
  USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);

ALTER TABLE "record_templates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "record_templates" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "record_templates"
  USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);

-- A draft's diagnoses are replaced as a whole on save (hence DELETE); templates are deactivated,
-- never deleted (records point at them).
GRANT SELECT, INSERT, UPDATE, DELETE ON "medical_record_diagnoses" TO prontivus_app;
GRANT SELECT, INSERT, UPDATE ON "record_templates" TO prontivus_app;

-- One encounter per appointment (addenda point at the encounter, not at the appointment slot).
CREATE UNIQUE INDEX medical_records_one_per_appointment ON medical_records (tenant_id, appointment_id)
  WHERE appointment_id IS NOT NULL AND amends_id IS NULL;
-- At most one main diagnosis per record.
CREATE UNIQUE INDEX medical_record_diagnoses_one_main ON medical_record_diagnoses (tenant_id, medical_record_id)
  WHERE is_main;

-- ── Signed records are immutable, for every role (CFM 1.821/2007, Lei 13.787/2018) ──
-- The UPDATE trigger of *_security stays; DELETE is refused too (the app has no DELETE grant,
-- but the owner does). Only a trigger disabled by the owner gets round this, and then the
-- stored hash and signature no longer match what verification recomputes.
CREATE OR REPLACE FUNCTION forbid_signed_record_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'SIGNED' THEN
    RAISE EXCEPTION 'signed medical record % is immutable; write an addendum', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER medical_records_immutable_delete BEFORE DELETE ON medical_records
  FOR EACH ROW EXECUTE FUNCTION forbid_signed_record_change();

-- Diagnoses are part of the signed content: none added, changed or removed once signed. A parent
-- the trigger cannot see (no tenant set under FORCE'd RLS) is refused too: fail closed.
CREATE FUNCTION forbid_signed_diagnosis_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  target record;
  parent_status text;
BEGIN
  -- The row as it is (OLD) for UPDATE/DELETE: a forged tenant_id in NEW is RLS's to refuse.
  IF TG_OP = 'INSERT' THEN target := NEW; ELSE target := OLD; END IF;
  -- A row for another tenant than the one set is row-level security's to refuse, not ours.
  IF coalesce(current_setting('app.tenant_id', true), '') <> ''
     AND target.tenant_id::text <> current_setting('app.tenant_id', true) THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  SELECT status::text INTO parent_status FROM medical_records
    WHERE tenant_id = target.tenant_id AND id = target.medical_record_id;
  IF parent_status IS NULL OR parent_status = 'SIGNED'
     OR (TG_OP = 'UPDATE' AND OLD.medical_record_id <> NEW.medical_record_id) THEN
    RAISE EXCEPTION 'diagnoses of signed medical record % are immutable', target.medical_record_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER medical_record_diagnoses_immutable BEFORE INSERT OR UPDATE OR DELETE ON medical_record_diagnoses
  FOR EACH ROW EXECUTE FUNCTION forbid_signed_diagnosis_change();
