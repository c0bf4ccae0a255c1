-- Scale data for build/benchmark.sh, loaded with set-based INSERT ... SELECT (seconds, not hours):
-- 50 agencies, 200,000 citizens, 1,000,000 dossiers (ten years, 99% closed, 10,000 open across
-- the demo agencies), 300,000 field reports (most answered). Procedures (2,000+) come from the demo
-- data generator (Dossiers:GeneratedProcedures). Codes are deterministic so scenarios can use them.
\set ON_ERROR_STOP on

INSERT INTO identity.agencies ("Id", "Code", "Name", "Level", "ParentId")
SELECT gen_random_uuid(), format('000.%s.%s.H57', lpad((40 + g / 10)::text, 2, '0'), lpad((g % 10)::text, 2, '0')),
       format('Ủy ban nhân dân xã số %s', g), 'Commune', '0195a1f0-0000-7000-8000-000000000006'
FROM generate_series(1, 42) g;

INSERT INTO identity.citizens ("Id", "ZaloId", "FullName", "PhoneNumberVerified", "CreatedAt", "UpdatedAt", "Version")
SELECT gen_random_uuid(), 'bench-' || g, 'Công dân ' || g, false, now(), now(), 0
FROM generate_series(1, 200000) g;

-- Dossiers: agency i of the 8 demo agencies (the ward is one in eight). Ten years of them, one a day per
-- slot, almost all closed; one in a hundred is still open (10,000 open, 1,250 per agency), submitted in the
-- last 60 days with due dates around today, so about a fifth of the open ones are overdue. The deadline
-- watcher has already raised due-soon and overdue for those (as it would have over ten years).
-- On Marten a dossier is an event stream (mt_streams) opened by its online submission (mt_events), with its
-- current state as the inline snapshot (mt_doc_dossier: JSON plus the duplicated columns the queue and the
-- lookup read); the snapshot's revision is the stream version minus one, as the application keeps it.
CREATE TEMP TABLE bench_dossiers AS
SELECT gen_random_uuid() AS id, g, open, submitted, due,
       format('BENCH-%s', lpad(g::text, 7, '0')) AS code,
       -- Open ones spread by g / 100: g itself is a multiple of 100 for them, which would land on two agencies only.
       ('0195a1f0-0000-7000-8000-00000000000' || (1 + (CASE WHEN open THEN g / 100 ELSE g END) % 8))::uuid AS agency_id,
       gen_random_uuid() AS citizen_id, gen_random_uuid() AS procedure_id,
       CASE WHEN NOT open THEN 'ResultReturned' WHEN g / 100 % 3 = 0 THEN 'New' WHEN g / 100 % 3 = 1 THEN 'Accepted' ELSE 'Processing' END AS status
FROM generate_series(1, 1000000) g,
     LATERAL (SELECT g % 100 = 0 AS open) o,
     LATERAL (SELECT CASE WHEN open THEN now() - (g / 100 % 60) * interval '1 day' ELSE now() - (g % 3650) * interval '1 day' END AS submitted) s,
     LATERAL (SELECT (CASE WHEN open THEN current_date - (g / 100 % 60) + 48 ELSE current_date - (g % 3650) + 7 END)::date AS due) d;

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
           'summary', NULL, 'delivery', 'AtOffice', 'deliveryAddress', NULL, 'files', '[]'::jsonb),
       'dossier_submitted_online', submitted, 'Province.Modules.Dossiers.Data.DossierSubmittedOnline, Province.Modules.Dossiers'
FROM bench_dossiers ORDER BY g;

INSERT INTO dossiers.mt_doc_dossier (id, data, mt_last_modified, mt_dotnet_type, mt_version, code, citizen_id, submitted_at, status, due_date, agency_id)
SELECT id,
       jsonb_build_object(
           'id', id, 'code', code, 'procedureId', procedure_id, 'procedureCode', '1.001193', 'procedureName', 'Đăng ký khai sinh',
           'field', 'Hộ tịch', 'agencyId', agency_id, 'agencyCode', '000.30.01.H57', 'agencyName', 'Cơ quan',
           'processingWorkingDays', 5, 'citizenId', citizen_id, 'applicant', jsonb_build_object('fullName', 'Công dân ' || g),
           'summary', NULL, 'delivery', 'AtOffice', 'deliveryAddress', NULL, 'status', status, 'submittedAt', submitted,
           'acceptedAt', NULL, 'dueDate', due, 'pausedOn', NULL, 'assignedOfficerId', NULL, 'assignedOfficerName', NULL,
           'feeAmount', NULL, 'feeDescription', NULL, 'supplementRequest', NULL, 'resultNote', NULL, 'completedAt', NULL,
           'returnedAt', NULL, 'updatedAt', submitted, 'revision', 0,
           'steps', jsonb_build_array(jsonb_build_object('at', submitted, 'status', status)), 'apologies', '[]'::jsonb),
       now(), 'Province.Modules.Dossiers.Data.Dossier', 1, code, citizen_id, submitted, status, due, agency_id
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

INSERT INTO field_reports.reports ("Id", "Code", "CategoryId", "Title", "Description", "Anonymous", "Status", "AgencyId", "DueAt",
    "Reopens", "Source", "CreatedAt", "UpdatedAt", "Version", "Answer", "AnsweredAt", "Latitude", "Longitude", "Area")
SELECT gen_random_uuid(), format('PB-%s', lpad(g::text, 6, '0')),
       (SELECT "Id" FROM field_reports.categories ORDER BY "Code" LIMIT 1 OFFSET g % 7),
       'Phản ánh ' || g, 'Nội dung phản ánh số ' || g, false,
       CASE WHEN g % 5 = 0 THEN 'Received' ELSE 'Resolved' END,
       '0195a1f0-0000-7000-8000-000000000006', now() + interval '3 days', 0, 'app',
       now() - (g % 1000) * interval '1 hour', now(), 0,
       CASE WHEN g % 5 = 0 THEN NULL ELSE 'Đã xử lý.' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE now() - (g % 1000) * interval '1 hour' END,
       11.25 + (g % 1000) / 10000.0, 106.05 + (g % 997) / 10000.0, 'Phường ' || (1 + g % 10)
FROM generate_series(1, 300000) g;

-- The queue-ticket scenario runs at any hour of any day: a one-stop office of the ward open around the
-- clock every day, with four service groups (one ticket counter each) and a counter per group.
INSERT INTO appointments.offices ("Id", "AgencyId", "Name", "Address", "RequiresApproval", "BookingHorizonDays", "ChangeCutoffHours", "OpeningHours")
VALUES ('0195a1f0-0000-7000-8000-0000000000b1', '0195a1f0-0000-7000-8000-000000000007', 'Bộ phận một cửa (đo tải, mở cả ngày)',
        '1 Trần Hưng Đạo, Phường 1', false, 30, 2,
        (SELECT jsonb_agg(jsonb_build_object('Day', d, 'Opens', '01:00:00.0000000', 'Closes', '23:59:59.0000000')) FROM generate_series(0, 6) d));
INSERT INTO appointments.service_groups ("Id", "OfficeId", "Code", "Name", "Field", "DefaultServiceMinutes")
SELECT ('0195a1f0-0000-7000-8000-0000000000c' || g)::uuid, '0195a1f0-0000-7000-8000-0000000000b1', 'G' || g, 'Nhóm dịch vụ ' || g, 'Hộ tịch', 10
FROM generate_series(1, 4) g;
INSERT INTO appointments.counters ("Id", "OfficeId", "Number", "Name", "ServiceGroupIds")
SELECT ('0195a1f0-0000-7000-8000-0000000000d' || g)::uuid, '0195a1f0-0000-7000-8000-0000000000b1', g, 'Quầy ' || g,
       ARRAY[('0195a1f0-0000-7000-8000-0000000000c' || g)::uuid]
FROM generate_series(1, 4) g;

-- Index-only counts need the visibility map that VACUUM builds (autovacuum would, later).
VACUUM ANALYZE;
