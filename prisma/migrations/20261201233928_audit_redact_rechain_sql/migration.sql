-- Issue 8, item 4: audit rows written before this release kept registration values in clear
-- (`metadata.changes = { field: { from, to } }`: names, phones, birth dates, addresses). Audit
-- rows are append-only for the app, so that personal data could never be corrected or erased.
--
-- Decision (docs/security.md, "Audit"): redact and re-chain, audited. For every clinic whose
-- chain holds such a row, as the schema owner:
--   1. `changes` becomes `changed` (the sorted field names) plus `redacted` (this migration's
--      name); the values are dropped (the current values are in the patient's row; the history
--      of values before this release is given up);
--   2. every row from the first redacted one to the head gets its prev_hash/hash recomputed with
--      the same audit_row_hash() the insert trigger uses, so `npm run audit:verify` holds;
--   3. one new row `audit.chain_rewritten` (through the normal insert trigger, so it is chained
--      on the new head) records the migration, the first rewritten seq, the counts, and the old
--      head's seq and hash: an auditor holding an anchor exported before (audit_log_archives,
--      off-database copies) can see where and why the hashes changed.
-- Idempotent: a second run finds no `changes` object and does nothing.

DO $$
DECLARE
  t record;
  r audit_logs%ROWTYPE;
  first_seq bigint;
  old_head audit_logs%ROWTYPE;
  prev text;
  redacted integer;
  rehashed integer;
BEGIN
  FOR t IN SELECT id FROM tenants ORDER BY id LOOP
    -- The owner may itself be subject to FORCE'd row-level security: scope to the clinic.
    PERFORM set_config('app.tenant_id', t.id::text, true);
    SELECT min(seq) INTO first_seq FROM audit_logs
      WHERE tenant_id = t.id AND jsonb_typeof(metadata -> 'changes') = 'object';
    CONTINUE WHEN first_seq IS NULL;
    SELECT * INTO old_head FROM audit_logs WHERE tenant_id = t.id ORDER BY seq DESC LIMIT 1;

    UPDATE audit_logs SET metadata = (metadata - 'changes') || jsonb_build_object(
        'changed', (SELECT coalesce(jsonb_agg(k ORDER BY k), '[]'::jsonb) FROM jsonb_object_keys(metadata -> 'changes') AS k),
        'redacted', '20261201233928_audit_redact_rechain')
      WHERE tenant_id = t.id AND jsonb_typeof(metadata -> 'changes') = 'object';
    GET DIAGNOSTICS redacted = ROW_COUNT;

    SELECT hash INTO prev FROM audit_logs WHERE tenant_id = t.id AND seq = first_seq - 1;
    prev := coalesce(prev, repeat('0', 64));
    rehashed := 0;
    FOR r IN SELECT * FROM audit_logs WHERE tenant_id = t.id AND seq >= first_seq ORDER BY seq LOOP
      r.prev_hash := prev;
      prev := audit_row_hash(r);
      UPDATE audit_logs SET prev_hash = r.prev_hash, hash = prev WHERE tenant_id = t.id AND id = r.id;
      rehashed := rehashed + 1;
    END LOOP;

    INSERT INTO audit_logs (id, tenant_id, action, entity_type, entity_id, request_id, risk_score, metadata)
    VALUES (gen_random_uuid(), t.id, 'audit.chain_rewritten', 'audit_log', NULL, 'migration', 50, jsonb_build_object(
      'migration', '20261201233928_audit_redact_rechain',
      'reason', 'personal data removed from audit metadata',
      'fromSeq', first_seq, 'rowsRedacted', redacted, 'rowsRehashed', rehashed,
      'previousHeadSeq', old_head.seq, 'previousHeadHash', old_head.hash));
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END $$;
