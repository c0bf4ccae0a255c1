-- Moves a Province database from the old three-tier structure (province, district, commune) to the two-tier local
-- government in force since 1 July 2025, using the map in schema two_tier_map (see build/two-tier-map.tay-ninh.sql
-- for its shape and docs/two-tier.md for how to write a province's own). Run it with the host stopped, after the
-- upgraded host's schema is in place (build/db-migrate.sh --apply), in one transaction:
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f <your map>.sql -f build/migrate-two-tier.sql
-- Safe to run again: a second run finds nothing left to move.
--
-- What it does:
--   identity    agencies of the map inserted or renamed; agencies that no longer exist removed (district level
--               included), their staff and their children moved to the agency that took over;
--   dossiers    procedures of a removed agency moved; every OPEN dossier of a removed agency gets a
--               DossierTransferred event in its stream (the history says who took it over and why) and its
--               snapshot, queue line and lookup view move to the new agency; closed dossiers stay as they were decided;
--               applicants' communes filled from the old place names in their addresses;
--   field_reports open reports of a removed agency get a ReportForwarded event and move; areas and routing rules
--               are rewritten to the current communes;
--   appointments offices of a removed agency move.
BEGIN;
SET LOCAL timezone = 'UTC';

-- The agencies that no longer exist go first (their codes may be reused); what pointed at them is moved below.
DELETE FROM identity.mt_doc_agency a USING two_tier_map.agency_moves m WHERE a.id = m.old_id;

-- The agencies as they are now: insert the new ones, rename those that keep an old id.
INSERT INTO identity.mt_doc_agency (id, data, mt_dotnet_type, code, mt_last_modified)
SELECT a.id,
       jsonb_build_object('id', a.id, 'code', a.code, 'name', a.name, 'level', a.level, 'parentId', a.parent_id),
       'Province.Modules.Identity.Data.Agency', a.code, now()
FROM two_tier_map.agencies a
ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, code = EXCLUDED.code, mt_last_modified = now()
WHERE identity.mt_doc_agency.data IS DISTINCT FROM EXCLUDED.data;

-- Staff, child agencies and offices of a removed agency follow its work.
UPDATE identity.mt_doc_staffmember s
SET data = jsonb_set(s.data, '{agencyId}', to_jsonb(m.new_id)), agency_id = m.new_id, mt_last_modified = now()
FROM two_tier_map.agency_moves m WHERE s.agency_id = m.old_id;

UPDATE identity.mt_doc_agency a
SET data = jsonb_set(a.data, '{parentId}', to_jsonb(m.new_id)), mt_last_modified = now()
FROM two_tier_map.agency_moves m WHERE (a.data ->> 'parentId')::uuid = m.old_id;

UPDATE appointments.mt_doc_office o
SET data = jsonb_set(o.data, '{agencyId}', to_jsonb(m.new_id)), agency_id = m.new_id, mt_last_modified = now()
FROM two_tier_map.agency_moves m WHERE o.agency_id = m.old_id;

UPDATE dossiers.mt_doc_procedure p
SET data = jsonb_set(p.data, '{agencyId}', to_jsonb(m.new_id)), mt_last_modified = now()
FROM two_tier_map.agency_moves m WHERE (p.data ->> 'agencyId')::uuid = m.old_id;

-- Open dossiers: a transfer step appended to each stream (the legal history), then the snapshot moved with it.
CREATE TEMP TABLE moved_dossiers ON COMMIT DROP AS
SELECT d.id, d.data, s.version AS stream_version, n.id AS new_id, n.code AS new_code, n.name AS new_name,
       (SELECT e.mt_dotnet_type FROM dossiers.mt_events e WHERE e.stream_id = d.id AND e.version = 1) AS first_type
FROM dossiers.mt_doc_dossier d
JOIN two_tier_map.agency_moves m ON d.agency_id = m.old_id
JOIN two_tier_map.agencies n ON n.id = m.new_id
JOIN dossiers.mt_streams s ON s.id = d.id
WHERE d.status IN ('New', 'Accepted', 'Processing', 'SupplementRequested', 'FeeRequested');

INSERT INTO dossiers.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
SELECT nextval('dossiers.mt_events_sequence'), gen_random_uuid(), md.id, md.stream_version + 1,
       jsonb_build_object(
           'step', jsonb_build_object(
               'at', to_jsonb(now()), 'actor', 'System', 'actorId', NULL, 'actorName', 'Hệ thống',
               'fromStatus', md.data ->> 'status', 'toStatus', md.data ->> 'status',
               'description', format('%s không còn từ ngày 01/7/2025 (chính quyền địa phương hai cấp); hồ sơ được chuyển đến %s.', md.data ->> 'agencyName', md.new_name),
               'note', NULL, 'dueDate', md.data -> 'dueDate', 'pausedOn', md.data -> 'pausedOn'),
           'fromAgencyId', md.data -> 'agencyId', 'fromAgencyName', md.data -> 'agencyName',
           'toAgencyId', md.new_id, 'toAgencyCode', md.new_code, 'toAgencyName', md.new_name),
       'dossier_transferred', now(), '*DEFAULT*', replace(md.first_type, 'DossierSubmittedOnline', 'DossierTransferred'), false
FROM moved_dossiers md;

UPDATE dossiers.mt_streams s SET version = s.version + 1, timestamp = now() FROM moved_dossiers md WHERE s.id = md.id;

UPDATE dossiers.mt_doc_dossier d
SET data = d.data || jsonb_build_object(
        'agencyId', md.new_id, 'agencyCode', md.new_code, 'agencyName', md.new_name,
        'revision', (d.data ->> 'revision')::int + 1, 'updatedAt', to_jsonb(now()),
        'steps', coalesce(d.data -> 'steps', '[]'::jsonb) || jsonb_build_array(jsonb_build_object('at', to_jsonb(now()), 'status', d.data ->> 'status'))),
    agency_id = md.new_id, mt_version = md.stream_version + 1, mt_last_modified = now()
FROM moved_dossiers md WHERE d.id = md.id;

-- Their queue lines follow (the staff queue reads those, not the dossiers).
UPDATE dossiers.mt_doc_dossierqueueline l
SET data = l.data || jsonb_build_object('agencyId', md.new_id, 'agencyName', md.new_name, 'revision', (l.data ->> 'revision')::int + 1),
    agency_id = md.new_id, mt_last_modified = now()
FROM moved_dossiers md WHERE l.id = md.id;

-- And their public lookup views (the lookup reads those): the new agency's name, the transfer's step on the timeline.
UPDATE dossiers.mt_doc_dossierlookup v
SET data = v.data || jsonb_build_object(
        'agencyName', md.new_name,
        'steps', coalesce(v.data -> 'steps', '[]'::jsonb) || jsonb_build_array(jsonb_build_object('at', to_jsonb(now()), 'status', v.data ->> 'status'))),
    mt_last_modified = now()
FROM moved_dossiers md WHERE v.id = md.id;

-- Applicants' addresses written with an old unit: the commune they are in now (a whole word match, so "Phường 1"
-- is not "Phường 10"). Only where no commune was resolved yet.
UPDATE dossiers.mt_doc_dossier d
SET data = jsonb_set(d.data, '{applicant,commune}', to_jsonb(a.new_area)), mt_last_modified = now()
FROM two_tier_map.areas a
WHERE d.data -> 'applicant' ->> 'commune' IS NULL
  AND lower(d.data -> 'applicant' ->> 'address') ~ ('(^|[ ,;])' || regexp_replace(a.old_area, '([.^$*+?()\[\]{}|\\])', '\\\1', 'g') || '($|[ ,;])');

-- Open field reports of a removed agency: forwarded (a step of their history), officer cleared, back to "received".
CREATE TEMP TABLE moved_reports ON COMMIT DROP AS
SELECT r.id, r.data, s.version AS stream_version, n.id AS new_id, n.name AS new_name,
       (SELECT e.mt_dotnet_type FROM field_reports.mt_events e WHERE e.stream_id = r.id AND e.version = 1) AS first_type
FROM field_reports.mt_doc_fieldreport r
JOIN two_tier_map.agency_moves m ON r.agency_id = m.old_id
JOIN two_tier_map.agencies n ON n.id = m.new_id
JOIN field_reports.mt_streams s ON s.id = r.id
WHERE r.status IN ('Received', 'Assigned', 'InProgress', 'WaitingForInformation');

INSERT INTO field_reports.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
SELECT nextval('field_reports.mt_events_sequence'), gen_random_uuid(), mr.id, mr.stream_version + 1,
       jsonb_build_object('toAgencyId', mr.new_id, 'at', to_jsonb(now()), 'actor', 'Hệ thống', 'fromStatus', mr.data ->> 'status',
           'description', format('Phản ánh được chuyển đến %s (sắp xếp đơn vị hành chính, chính quyền địa phương hai cấp từ 01/7/2025).', mr.new_name),
           'note', NULL),
       'report_forwarded', now(), '*DEFAULT*', replace(mr.first_type, 'ReportSubmitted', 'ReportForwarded'), false
FROM moved_reports mr;

UPDATE field_reports.mt_streams s SET version = s.version + 1, timestamp = now() FROM moved_reports mr WHERE s.id = mr.id;

UPDATE field_reports.mt_doc_fieldreport r
SET data = r.data || jsonb_build_object('agencyId', mr.new_id, 'officerId', NULL, 'officerName', NULL, 'status', 'Received',
        'revision', (r.data ->> 'revision')::int + 1, 'updatedAt', to_jsonb(now())),
    agency_id = mr.new_id, status = 'Received', mt_version = mr.stream_version + 1, mt_last_modified = now()
FROM moved_reports mr WHERE r.id = mr.id;

-- Places: report areas (the snapshot; the submission event keeps what the reporter typed) and routing rules.
UPDATE field_reports.mt_doc_fieldreport r
SET data = jsonb_set(r.data, '{area}', to_jsonb(a.new_area)), area = a.new_area, mt_last_modified = now()
FROM two_tier_map.areas a WHERE lower(trim(r.area)) = a.old_area;

UPDATE field_reports.mt_doc_routingrule r
SET data = jsonb_set(r.data, '{area}', to_jsonb(a.new_area)), mt_last_modified = now()
FROM two_tier_map.areas a WHERE lower(trim(r.data ->> 'area')) = a.old_area;

UPDATE field_reports.mt_doc_routingrule r
SET data = jsonb_set(r.data, '{agencyId}', to_jsonb(m.new_id)), mt_last_modified = now()
FROM two_tier_map.agency_moves m WHERE (r.data ->> 'agencyId')::uuid = m.old_id;

UPDATE field_reports.mt_doc_category c
SET data = jsonb_set(c.data, '{escalationAgencyId}', to_jsonb(m.new_id)), mt_last_modified = now()
FROM two_tier_map.agency_moves m WHERE (c.data ->> 'escalationAgencyId')::uuid = m.old_id;

-- No district-level agency may be left: the upgraded host cannot read one (its level no longer exists).
DO $$
DECLARE left_over text;
BEGIN
    SELECT string_agg(data ->> 'name', ', ') INTO left_over FROM identity.mt_doc_agency WHERE data ->> 'level' = 'District';
    IF left_over IS NOT NULL THEN
        RAISE EXCEPTION 'District-level agencies not in two_tier_map.agency_moves: %', left_over;
    END IF;
END $$;

COMMIT;
