-- Hand-written part of ehr_vitals_break_glass: isolation, grants and the constraints Prisma's
-- schema language cannot express.

-- Break-glass grants: tenant-isolated like every tenant table; history, so the app may add and
-- read rows, never change or remove them (an expired grant stays as evidence).
ALTER TABLE "break_glass_grants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "break_glass_grants" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "break_glass_grants"
  USING (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid)
  WITH CHECK (tenant_id = (NULLIF(current_setting('app.tenant_id', true), ''))::uuid);
GRANT SELECT, INSERT ON "break_glass_grants" TO prontivus_app;
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_window" CHECK (expires_at > starts_at);

-- Vital signs: the valid ranges of lib/ehr/vitals/schemas.ts (VITAL_MEASURES[*].valid), so that
-- no writer, however buggy, stores an impossible value. Plausible ranges stay in code: a value
-- outside them is legal once the recorder confirms it.
ALTER TABLE "vital_signs"
  ADD CONSTRAINT "vital_signs_systolic_valid" CHECK (systolic_mmhg BETWEEN 40 AND 300),
  ADD CONSTRAINT "vital_signs_diastolic_valid" CHECK (diastolic_mmhg BETWEEN 20 AND 200),
  ADD CONSTRAINT "vital_signs_pressure_order" CHECK (systolic_mmhg IS NULL OR diastolic_mmhg IS NULL OR systolic_mmhg > diastolic_mmhg),
  ADD CONSTRAINT "vital_signs_pressure_pair" CHECK ((systolic_mmhg IS NULL) = (diastolic_mmhg IS NULL)),
  ADD CONSTRAINT "vital_signs_heart_rate_valid" CHECK (heart_rate_bpm BETWEEN 20 AND 300),
  ADD CONSTRAINT "vital_signs_respiratory_rate_valid" CHECK (respiratory_rate BETWEEN 4 AND 100),
  ADD CONSTRAINT "vital_signs_temperature_valid" CHECK (temperature_c BETWEEN 25 AND 45),
  ADD CONSTRAINT "vital_signs_spo2_valid" CHECK (spo2_percent BETWEEN 30 AND 100),
  ADD CONSTRAINT "vital_signs_weight_valid" CHECK (weight_grams BETWEEN 200 AND 500000),
  ADD CONSTRAINT "vital_signs_height_valid" CHECK (height_cm BETWEEN 20 AND 260),
  ADD CONSTRAINT "vital_signs_glucose_valid" CHECK (glucose_mgdl BETWEEN 10 AND 1500),
  ADD CONSTRAINT "vital_signs_pain_valid" CHECK (pain_score BETWEEN 0 AND 10),
  ADD CONSTRAINT "vital_signs_head_circumference_valid" CHECK (head_circumference_cm BETWEEN 20 AND 70);
