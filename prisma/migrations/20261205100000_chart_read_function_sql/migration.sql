-- The chart read in one statement (lib/ehr/records/read-logged.ts, docs/performance.md).
--
-- A doctor opening an encounter cost five round trips through Prisma's interactive transaction:
-- BEGIN, the tenant's set_config, the record with its relations, the data_access_logs row,
-- COMMIT. This function does the same work as one statement, whose implicit transaction is the
-- unit: it first sets the tenant, user and request exactly as withTenant does
-- (transaction-local, so the pooled connection keeps nothing once the statement ends), then reads
-- the record under row-level security and, when it exists, writes its access-log row. The read
-- and its log commit together or not at all, as before.
--
-- SECURITY INVOKER (the default): it runs as the application role, so RLS decides what it may
-- see; a caller naming another clinic's record finds nothing, as through Prisma. It never decides
-- who may read: the caller has already checked the records:read permission (break-glass reads,
-- which need a grant lookup first, keep the transaction path).
--
-- The JSON mirrors recordSelect in lib/ehr/records/load.ts field for field (times as epoch
-- milliseconds); lib/ehr/records/read-logged.int.test.ts compares the two on the same rows.

CREATE FUNCTION json_epoch_ms(t timestamptz) RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT floor(extract(epoch FROM t) * 1000)::bigint $$;

CREATE FUNCTION read_medical_record(
  p_tenant text, p_user text, p_request text, p_record text, p_log_id text, p_purpose text, p_ip text)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp
AS $fn$
DECLARE
  record jsonb;
  patient uuid;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true),
          set_config('app.user_id', coalesce(p_user, ''), true),
          set_config('app.request_id', coalesce(p_request, ''), true);

  SELECT m.patient_id, jsonb_build_object(
      'id', m.id, 'tenantId', m.tenant_id, 'type', m.type, 'status', m.status, 'version', m.version,
      'patientId', m.patient_id, 'doctorId', m.doctor_id, 'appointmentId', m.appointment_id,
      'templateId', m.template_id, 'contentEnc', m.content_enc, 'amendsId', m.amends_id,
      'occurredAt', json_epoch_ms(m.occurred_at), 'updatedAt', json_epoch_ms(m.updated_at),
      'submittedAt', json_epoch_ms(m.submitted_at), 'reviewerId', m.reviewer_id,
      'reviewedAt', json_epoch_ms(m.reviewed_at), 'reviewCommentEnc', m.review_comment_enc,
      'signedAt', json_epoch_ms(m.signed_at), 'signedBy', m.signed_by, 'contentHash', m.content_hash,
      'signedContentEnc', m.signed_content_enc, 'signature', m.signature,
      'patient', jsonb_build_object('fullName', p.full_name, 'socialName', p.social_name,
                                    'birthDate', json_epoch_ms(p.birth_date::timestamp AT TIME ZONE 'UTC'), 'sex', p.sex),
      'doctor', jsonb_build_object('name', d.name, 'crm', d.crm, 'crmUf', d.crm_uf),
      'template', CASE WHEN t.id IS NULL THEN NULL ELSE jsonb_build_object('id', t.id, 'name', t.name) END,
      'addenda', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                 'id', a.id, 'contentEnc', a.content_enc, 'signedAt', json_epoch_ms(a.signed_at),
                 'doctor', jsonb_build_object('name', ad.name)) ORDER BY a.occurred_at, a.id)
          FROM medical_records a
          JOIN users ad ON ad.tenant_id = a.tenant_id AND ad.id = a.doctor_id
         WHERE a.tenant_id = m.tenant_id AND a.amends_id = m.id AND a.type = 'ADDENDUM'), '[]'::jsonb),
      'diagnoses', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                 'code', g.code, 'isMain', g.is_main, 'certainty', g.certainty, 'position', g.position,
                 'cid10', jsonb_build_object('description', c.description, 'sexRestriction', c.sex_restriction,
                                             'isCategory', c.is_category)) ORDER BY g.position)
          FROM medical_record_diagnoses g
          JOIN cid10_codes c ON c.code = g.code
         WHERE g.tenant_id = m.tenant_id AND g.medical_record_id = m.id), '[]'::jsonb))
    INTO patient, record
    FROM medical_records m
    JOIN patients p ON p.tenant_id = m.tenant_id AND p.id = m.patient_id
    JOIN users d ON d.tenant_id = m.tenant_id AND d.id = m.doctor_id
    LEFT JOIN record_templates t ON t.tenant_id = m.tenant_id AND t.id = m.template_id
   WHERE m.tenant_id = p_tenant::uuid AND m.id = p_record::uuid;

  IF record IS NULL THEN
    RETURN NULL;
  END IF;

  INSERT INTO data_access_logs (id, user_id, patient_id, data_type, entity_id, action, purpose, legal_basis, ip, request_id)
  VALUES (p_log_id::uuid, p_user::uuid, patient, 'medical_record', p_record, 'VIEW', p_purpose, 'HEALTH_PROTECTION', p_ip, p_request);
  RETURN record;
END
$fn$;
