-- Hand-written part of prescriptions_documents: isolation, grants and the invariants Prisma's
-- schema language cannot express (lib/prescriptions, lib/documents).

-- Reference catalogue: readable by the app, written only by the seed and the importer (owner).
GRANT SELECT ON drug_ingredients, medication_ingredients TO prontivus_app;

ALTER TABLE "drug_ingredients" ADD CONSTRAINT "drug_ingredients_control_list_valid"
  CHECK (control_list IS NULL OR control_list IN ('A1','A2','A3','B1','B2','C1','C2','C3','C4','C5','D1','D2','E','F1','F2','F3','F4'));
-- One row per unordered pair.
ALTER TABLE "drug_interactions" ADD CONSTRAINT "drug_interactions_pair_order" CHECK (ingredient_a_id < ingredient_b_id);

-- Tenant tables of this migration: isolated like every tenant table.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['prescription_overrides', 'clinic_medications', 'clinical_documents',
                           'pharmacy_credentials', 'dispensings', 'dispensing_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
      WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)$p$, t);
  END LOOP;
END $$;

-- Overrides and dispensing are evidence: added and read, never changed or removed.
GRANT SELECT, INSERT ON prescription_overrides, dispensings, dispensing_items TO prontivus_app;
GRANT SELECT, INSERT, UPDATE ON clinic_medications, clinical_documents, pharmacy_credentials TO prontivus_app;
-- Draft items are replaced as the doctor edits; the trigger below refuses it once signed.
GRANT DELETE ON prescription_items TO prontivus_app;

ALTER TABLE "prescription_items"
  ADD CONSTRAINT "prescription_items_quantity_positive" CHECK (quantity > 0),
  -- Racing dispensing requests each add to dispensed_quantity under the row lock: the loser of
  -- the last units fails here instead of over-dispensing.
  ADD CONSTRAINT "prescription_items_dispensed_within" CHECK (dispensed_quantity BETWEEN 0 AND quantity),
  ADD CONSTRAINT "prescription_items_one_source" CHECK (medication_id IS NULL OR clinic_medication_id IS NULL),
  ADD CONSTRAINT "prescription_items_free_text_flag" CHECK (free_text = (medication_id IS NULL AND clinic_medication_id IS NULL)),
  ADD CONSTRAINT "prescription_items_duration_days" CHECK (duration_days IS NULL OR duration_days BETWEEN 1 AND 3650);
ALTER TABLE "dispensing_items" ADD CONSTRAINT "dispensing_items_quantity_positive" CHECK (quantity > 0);
ALTER TABLE "prescriptions" ADD CONSTRAINT "prescriptions_cancel_reason" CHECK ((cancelled_at IS NULL) = (cancel_reason_enc IS NULL));
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_cancel_reason"
  CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL) AND (cancelled_at IS NULL) = (cancel_reason_enc IS NULL));

-- A signed prescription changes only by being cancelled (the columns renamed by this migration).
CREATE OR REPLACE FUNCTION forbid_signed_prescription_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'SIGNED' AND (
    NEW.status <> 'CANCELLED'
    OR (to_jsonb(NEW) - ARRAY['status', 'cancelled_at', 'cancelled_by', 'cancel_reason_enc', 'updated_at'])
       IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'cancelled_at', 'cancelled_by', 'cancel_reason_enc', 'updated_at'])
  ) THEN
    RAISE EXCEPTION 'signed prescription % is immutable; it can only be cancelled', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD.status = 'CANCELLED' THEN
    RAISE EXCEPTION 'cancelled prescription % is immutable', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

-- Items: free while the prescription is a draft; once signed, only dispensed_quantity may grow.
CREATE OR REPLACE FUNCTION forbid_signed_prescription_item_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT p.status INTO parent_status FROM prescriptions p
   WHERE p.tenant_id = coalesce(NEW.tenant_id, OLD.tenant_id)
     AND p.id = coalesce(NEW.prescription_id, OLD.prescription_id);
  -- Not visible (another clinic's, or absent): row-level security and the foreign key refuse it.
  IF NOT FOUND THEN
    RETURN coalesce(NEW, OLD);
  END IF;
  IF parent_status <> 'DRAFT' THEN
    IF TG_OP = 'UPDATE' AND parent_status = 'SIGNED'
       AND NEW.dispensed_quantity >= OLD.dispensed_quantity
       AND (to_jsonb(NEW) - 'dispensed_quantity') = (to_jsonb(OLD) - 'dispensed_quantity') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'items of a signed prescription are immutable'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN coalesce(NEW, OLD);
END $$;

DROP TRIGGER prescription_items_immutable ON prescription_items;
CREATE TRIGGER prescription_items_immutable BEFORE INSERT OR UPDATE OR DELETE ON prescription_items
  FOR EACH ROW EXECUTE FUNCTION forbid_signed_prescription_item_change();

-- Overrides belong to the draft being signed; none may be added afterwards.
CREATE FUNCTION forbid_late_prescription_override() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT p.status INTO parent_status FROM prescriptions p
   WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.prescription_id;
  -- Not visible (another clinic's, or absent): row-level security and the foreign key refuse it.
  IF FOUND AND parent_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'overrides can only be recorded on a draft prescription'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER prescription_overrides_draft_only BEFORE INSERT ON prescription_overrides
  FOR EACH ROW EXECUTE FUNCTION forbid_late_prescription_override();

-- An issued document changes only by being cancelled, once. AFTER, so that a write into another
-- clinic's row is refused by row-level security first, as on every other table.
CREATE FUNCTION forbid_clinical_document_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'CANCELLED' OR NEW.status <> 'CANCELLED'
     OR (to_jsonb(NEW) - ARRAY['status', 'cancelled_at', 'cancelled_by', 'cancel_reason_enc'])
        IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'cancelled_at', 'cancelled_by', 'cancel_reason_enc']) THEN
    RAISE EXCEPTION 'clinical document % is immutable; it can only be cancelled', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER clinical_documents_immutable AFTER UPDATE ON clinical_documents
  FOR EACH ROW EXECUTE FUNCTION forbid_clinical_document_change();
