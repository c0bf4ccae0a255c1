-- Scale data for build/benchmark.sh, written straight into the modules' Marten tables with set-based
-- INSERT ... SELECT (seconds, not hours): 50 agencies, 200,000 citizens, dossiers BENCH-<first> to BENCH-<last>
-- (1 to 1,000,000 by default: ten years of them, each with its event stream and inline snapshot, 10,000 open
-- across the demo agencies, all others closed), 300,000 field reports (most answered) likewise. Procedures
-- (2,000+) come from the demo data generator (Dossiers:GeneratedProcedures). Documents are the JSON the stores
-- write (camelCase, enums as strings); codes are deterministic so scenarios can use them.
-- Parameters (psql -v): first, last (the dossier numbers to add), base (1: also the agencies, citizens, field
-- reports and the benchmark offices; 0 when adding dossiers to an earlier load, as the growth curve does),
-- history (see below).
\set ON_ERROR_STOP on
\if :{?first}
\else
\set first 1
\endif
\if :{?last}
\else
\set last 1000000
\endif
\if :{?base}
\else
\set base 1
\endif
-- history 0: dossiers as snapshot rows (with their queue lines and lookup views) only, no stream, no event, for the growth
-- curve's 5,000,000 point, whose two reads (public lookup, officer queue) read those tables alone: minutes instead of
-- most of an hour here.
\if :{?history}
\else
\set history 1
\endif
-- Timestamps in UTC, as the stores write them.
SET TIME ZONE 'UTC';

\if :base
INSERT INTO identity.mt_doc_agency (id, data, mt_dotnet_type, code)
SELECT id, jsonb_build_object('id', id, 'code', code, 'name', format('Ủy ban nhân dân xã số %s', g), 'level', 'Commune',
           'parentId', '0195a1f0-0000-7000-8000-000000000001'),
       'Province.Modules.Identity.Data.Agency', code
FROM (SELECT g, gen_random_uuid() AS id, format('000.%s.%s.H57', lpad((40 + g / 10)::text, 2, '0'), lpad((g % 10)::text, 2, '0')) AS code
      FROM generate_series(1, 42) g) a;

INSERT INTO identity.mt_doc_citizen (id, data, mt_dotnet_type, zalo_id)
SELECT id, jsonb_build_object('id', id, 'zaloId', 'bench-' || g, 'fullName', 'Công dân ' || g, 'phoneNumberVerified', false,
           'createdAt', now(), 'updatedAt', now(), 'version', 0),
       'Province.Modules.Identity.Data.Citizen', 'bench-' || g
FROM (SELECT g, gen_random_uuid() AS id FROM generate_series(1, 200000) g) c;
\endif

-- Dossiers: agency i of the 8 demo agencies (the ward is one in eight). Ten years of them, one a day per
-- slot, almost all closed; one in ten of the first 100,000 is still open (10,000 open, 1,250 per agency, the
-- same at every size of the growth curve: history grows, the open work does not), submitted in the last 60
-- days with due dates around today, so about a fifth of the open ones are overdue. The deadline
-- watcher has already raised due-soon and overdue for those (as it would have over ten years).
-- On Marten a dossier is an event stream (mt_streams) opened by its online submission (mt_events), with its
-- current state as the inline snapshot (mt_doc_dossier: JSON plus the duplicated columns "my dossiers" reads), its
-- staff queue line and its public lookup view; the snapshot's revision is the stream version minus one, as the application keeps it.
CREATE TEMP TABLE bench_dossiers AS
SELECT gen_random_uuid() AS id, g, open, submitted, due,
       format('BENCH-%s', lpad(g::text, 7, '0')) AS code,
       -- Open ones spread by g / 10: g itself is a multiple of 10 for them, which would land on four agencies only.
       (ARRAY['0195a1f0-0000-7000-8000-000000000001', '0195a1f0-0000-7000-8000-000000000002', '0195a1f0-0000-7000-8000-000000000003',
              '0195a1f0-0000-7000-8000-000000000004', '0195a1f0-0000-7000-8000-000000000005', '0195a1f0-0000-7000-8000-000000000007',
              '0195a1f0-0000-7000-8000-000000000008', '0195a1f0-0000-7000-8000-000000000010'])[1 + (CASE WHEN open THEN g / 10 ELSE g END) % 8]::uuid AS agency_id,
       gen_random_uuid() AS citizen_id, gen_random_uuid() AS procedure_id,
       CASE WHEN NOT open THEN 'ResultReturned' WHEN g / 10 % 3 = 0 THEN 'New' WHEN g / 10 % 3 = 1 THEN 'Accepted' ELSE 'Processing' END AS status
FROM generate_series(:first, :last) g,
     LATERAL (SELECT g % 10 = 0 AND g <= 100000 AS open) o,
     LATERAL (SELECT CASE WHEN open THEN now() - (g / 10 % 60) * interval '1 day' ELSE now() - (g % 3650) * interval '1 day' END AS submitted) s,
     LATERAL (SELECT (CASE WHEN open THEN current_date - (g / 10 % 60) + 48 ELSE current_date - (g % 3650) + 7 END)::date AS due) d;

\if :history
INSERT INTO dossiers.mt_streams (id, type, version, timestamp, created)
SELECT id, 'dossier', 1, submitted, submitted FROM bench_dossiers;

INSERT INTO dossiers.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
SELECT nextval('dossiers.mt_events_sequence'), gen_random_uuid(), id, 1,
       jsonb_build_object(
           'step', jsonb_build_object('at', submitted, 'actor', 'Citizen', 'actorId', citizen_id, 'actorName', 'Công dân',
               'fromStatus', NULL, 'toStatus', 'New', 'description', 'Hồ sơ đã được nộp trực tuyến và chờ Cơ quan tiếp nhận.',
               'note', NULL, 'dueDate', due, 'pausedOn', NULL),
           'code', code, 'procedureId', procedure_id, 'procedureCode', '1.001193', 'procedureName', 'Đăng ký khai sinh',
           'field', 'Hộ tịch', 'agencyId', agency_id, 'agencyCode', '000.30.01.H57', 'agencyName', 'Cơ quan',
           'processingWorkingDays', 5, 'citizenId', citizen_id, 'applicant', jsonb_build_object('fullName', 'Công dân ' || g),
           'summary', NULL, 'delivery', 'AtOffice', 'deliveryAddress', NULL, 'files', '[]'::jsonb,
           'lookupSecret', 'B' || lpad(g::text, 7, '0')),
       'dossier_submitted_online', submitted, 'Province.Modules.Dossiers.Data.DossierSubmittedOnline, Province.Modules.Dossiers'
FROM bench_dossiers ORDER BY g;
\endif

INSERT INTO dossiers.mt_doc_dossier (id, data, mt_last_modified, mt_dotnet_type, mt_version, code, citizen_id, submitted_at, status, due_date, agency_id)
SELECT id,
       jsonb_build_object(
           'id', id, 'code', code, 'procedureId', procedure_id, 'procedureCode', '1.001193', 'procedureName', 'Đăng ký khai sinh',
           'field', 'Hộ tịch', 'agencyId', agency_id, 'agencyCode', '000.30.01.H57', 'agencyName', 'Cơ quan',
           'processingWorkingDays', 5, 'citizenId', citizen_id, 'applicant', jsonb_build_object('fullName', 'Công dân ' || g),
           'summary', NULL, 'delivery', 'AtOffice', 'deliveryAddress', NULL, 'lookupSecret', 'B' || lpad(g::text, 7, '0'),
           'status', status, 'submittedAt', submitted,
           'acceptedAt', NULL, 'dueDate', due, 'pausedOn', NULL, 'assignedOfficerId', NULL, 'assignedOfficerName', NULL,
           'feeAmount', NULL, 'feeDescription', NULL, 'supplementRequest', NULL, 'resultNote', NULL, 'completedAt', NULL,
           'returnedAt', NULL, 'updatedAt', submitted, 'revision', 0,
           'steps', jsonb_build_array(jsonb_build_object('at', submitted, 'status', status)), 'apologies', '[]'::jsonb),
       now(), 'Province.Modules.Dossiers.Data.Dossier', 1, code, citizen_id, submitted, status, due, agency_id
FROM bench_dossiers;

-- The staff queue's line of each (mt_doc_dossierqueueline: the fields of a queue row, written beside the snapshot).
INSERT INTO dossiers.mt_doc_dossierqueueline (id, data, mt_last_modified, mt_dotnet_type, mt_version, agency_id, status, due_date, submitted_at, procedure_code, search_text)
SELECT id,
       jsonb_build_object(
           'id', id, 'code', code, 'procedureCode', '1.001193', 'procedureName', 'Đăng ký khai sinh', 'field', 'Hộ tịch',
           'agencyId', agency_id, 'agencyName', 'Cơ quan', 'applicantName', 'Công dân ' || g, 'applicantPhoneNumber', NULL,
           'status', status, 'searchText', lower(code) || ' cong dan ' || g, 'submittedAt', submitted, 'dueDate', due,
           'assignedOfficerId', NULL, 'assignedOfficerName', NULL, 'revision', 0),
       now(), 'Province.Modules.Dossiers.Processing.OfficerQueue.DossierQueueLine', gen_random_uuid(), agency_id, status, due, submitted,
       '1.001193', lower(code) || ' cong dan ' || g
FROM bench_dossiers;

-- The public lookup's view of each (mt_doc_dossierlookup: what the lookup answers, found by code, written beside the snapshot).
INSERT INTO dossiers.mt_doc_dossierlookup (id, data, mt_last_modified, mt_dotnet_type, mt_version, code)
SELECT id,
       jsonb_build_object(
           'id', id, 'code', code, 'lookupSecret', 'B' || lpad(g::text, 7, '0'), 'procedureName', 'Đăng ký khai sinh',
           'agencyName', 'Cơ quan', 'status', status, 'submittedAt', submitted, 'dueDate', due,
           'steps', jsonb_build_array(jsonb_build_object('at', submitted, 'status', status))),
       now(), 'Province.Modules.Dossiers.Tracking.LookupDossier.DossierLookup', gen_random_uuid(), code
FROM bench_dossiers;

INSERT INTO dossiers.mt_doc_deadlinealert (id, data, mt_last_modified, mt_dotnet_type, mt_version)
SELECT alert_id,
       jsonb_build_object('id', alert_id, 'dossierId', id, 'kind', kind, 'dueDate', due, 'raisedAt', now()),
       now(), 'Province.Modules.Dossiers.Deadlines.DeadlineAlert', gen_random_uuid()
FROM bench_dossiers,
     LATERAL (SELECT CASE WHEN due < current_date THEN 'overdue' ELSE 'due-soon' END AS kind) k,
     LATERAL (SELECT format('%s/%s/%s', kind, replace(id::text, '-', ''), to_char(due, 'YYYYMMDD')) AS alert_id) a
WHERE open AND status <> 'ResultReturned' AND due <= current_date + 10;

DROP TABLE bench_dossiers;

\if :base
-- Field reports as the module writes them: an event stream each (submitted, then, for four in five, answered
-- straight away: the bulk load skips the assignment step) with its inline snapshot document. Timestamps in UTC,
-- as the module stores them.
CREATE TEMP TABLE bench_reports AS
SELECT g, gen_random_uuid() AS id, format('PB-%s', lpad(g::text, 6, '0')) AS code,
       (SELECT id FROM field_reports.mt_doc_category ORDER BY code LIMIT 1 OFFSET g % 7) AS category_id,
       g % 5 <> 0 AS answered,
       now() - (g % 1000) * interval '1 hour' AS created_at,
       now() + interval '3 days' AS due_at,
       11.25 + (g % 1000) / 10000.0 AS latitude, 106.05 + (g % 997) / 10000.0 AS longitude, (ARRAY['Phường Tân Ninh', 'Phường Bình Minh', 'Phường Long An', 'Phường Tân An', 'Phường Khánh Hậu'])[1 + g % 5] AS area
FROM generate_series(1, 300000) g;

INSERT INTO field_reports.mt_streams (id, type, version, timestamp, created)
SELECT id, 'field_report', CASE WHEN answered THEN 2 ELSE 1 END, created_at, created_at FROM bench_reports;

INSERT INTO field_reports.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
SELECT nextval('field_reports.mt_events_sequence'), gen_random_uuid(), id, version, data, type, created_at, dotnet_type
FROM (
    SELECT g, id, 1 AS version, created_at, 'report_submitted' AS type,
           'Province.Modules.FieldReports.Data.ReportSubmitted, Province.Modules.FieldReports' AS dotnet_type,
           jsonb_build_object('reportId', id, 'code', code, 'categoryId', category_id, 'title', 'Phản ánh ' || g, 'reportText', 'Nội dung phản ánh số ' || g,
               'latitude', latitude, 'longitude', longitude, 'address', NULL, 'area', area, 'citizenId', NULL, 'reporterName', NULL, 'reporterPhone', NULL,
               'reporterEmail', NULL, 'anonymous', false, 'agencyId', '0195a1f0-0000-7000-8000-000000000007', 'dueAt', due_at, 'source', 'app',
               'photos', '[]'::jsonb, 'at', created_at, 'actor', 'Người phản ánh', 'description', 'Phản ánh đã được gửi và chuyển ngay đến cơ quan có thẩm quyền.',
               'fromStatus', NULL, 'toStatus', 'Received', 'note', NULL) AS data
    FROM bench_reports
    UNION ALL
    SELECT g, id, 2, created_at, 'report_answered', 'Province.Modules.FieldReports.Data.ReportAnswered, Province.Modules.FieldReports',
           jsonb_build_object('answer', 'Đã xử lý.', 'photos', '[]'::jsonb, 'at', created_at, 'actor', 'Cán bộ', 'fromStatus', 'Received',
               'description', 'Cơ quan đã xử lý và trả lời công khai.', 'note', NULL, 'toStatus', 'Resolved')
    FROM bench_reports WHERE answered
    ORDER BY g, version
) events;

INSERT INTO field_reports.mt_doc_fieldreport (id, data, mt_dotnet_type, mt_version, code, agency_id, status, due_at, in_public_feed, answered_at,
    citizen_id, created_at, category_id, area)
SELECT id,
       jsonb_build_object('id', id, 'code', code, 'categoryId', category_id, 'title', 'Phản ánh ' || g, 'description', 'Nội dung phản ánh số ' || g,
           'latitude', latitude, 'longitude', longitude, 'address', NULL, 'area', area, 'citizenId', NULL, 'reporterName', NULL, 'reporterPhone', NULL,
           'reporterEmail', NULL, 'anonymous', false, 'status', status, 'agencyId', '0195a1f0-0000-7000-8000-000000000007', 'officerId', NULL,
           'officerName', NULL, 'dueAt', due_at, 'escalatedToAgencyId', NULL, 'informationRequest', NULL,
           'answer', CASE WHEN answered THEN 'Đã xử lý.' END, 'answeredAt', CASE WHEN answered THEN created_at END, 'rating', NULL, 'reopens', 0,
           'source', 'app', 'createdAt', created_at, 'updatedAt', created_at, 'revision', CASE WHEN answered THEN 1 ELSE 0 END,
           'inPublicFeed', answered, 'photos', '[]'::jsonb),
       'Province.Modules.FieldReports.Data.FieldReport', CASE WHEN answered THEN 2 ELSE 1 END, code, '0195a1f0-0000-7000-8000-000000000007', status,
       due_at, answered, CASE WHEN answered THEN created_at END, NULL, created_at, category_id, area
FROM bench_reports, LATERAL (SELECT CASE WHEN answered THEN 'Resolved' ELSE 'Received' END AS status) s;
DROP TABLE bench_reports;
RESET TIME ZONE;

-- The queue-ticket scenario runs at any hour of any day: one-stop offices of the ward open around the clock every
-- day, each with four service groups (one ticket counter each) and a counter per group. The scenario measures on the
-- first (…b1: groups …c1-c4) and warms up on the second (…b2: groups …e1-e4), so the citizens' tickets of the
-- warm-up (one waiting ticket a citizen, group and day) leave the measured office's numbers all to the measured run.
INSERT INTO appointments.mt_doc_office (id, data, mt_dotnet_type, agency_id)
SELECT office.id, jsonb_build_object(
         'id', office.id, 'agencyId', '0195a1f0-0000-7000-8000-000000000007',
         'name', office.name, 'address', '1 Trần Hưng Đạo, phường Tân Ninh',
         'requiresApproval', false, 'bookingHorizonDays', 30, 'changeCutoffHours', 2,
         'openingHours', (SELECT jsonb_agg(jsonb_build_object('day', d, 'opens', '01:00:00', 'closes', '23:59:59'))
                          FROM unnest(ARRAY['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) d),
         'serviceGroups', (SELECT jsonb_agg(jsonb_build_object('id', ('0195a1f0-0000-7000-8000-0000000000' || office.groups || g)::uuid,
                              'officeId', office.id, 'code', 'G' || g, 'name', 'Nhóm dịch vụ ' || g,
                              'field', 'Hộ tịch', 'defaultServiceMinutes', 10)) FROM generate_series(1, 4) g),
         'counters', (SELECT jsonb_agg(jsonb_build_object('id', ('0195a1f0-0000-7000-8000-0000000000' || office.counters || g)::uuid,
                              'officeId', office.id, 'number', g, 'name', 'Quầy ' || g,
                              'serviceGroupIds', jsonb_build_array(('0195a1f0-0000-7000-8000-0000000000' || office.groups || g)::uuid))) FROM generate_series(1, 4) g)),
       'Province.Modules.Appointments.Data.Office', '0195a1f0-0000-7000-8000-000000000007'
FROM (VALUES ('0195a1f0-0000-7000-8000-0000000000b1'::uuid, 'c', 'd', 'Bộ phận một cửa (đo tải, mở cả ngày)'),
             ('0195a1f0-0000-7000-8000-0000000000b2'::uuid, 'e', 'f', 'Bộ phận một cửa (khởi động đo tải, mở cả ngày)'))
  AS office(id, groups, counters, name);
\endif

-- Index-only counts need the visibility map that VACUUM builds (autovacuum would, later).
VACUUM ANALYZE;
