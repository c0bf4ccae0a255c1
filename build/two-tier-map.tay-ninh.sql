-- The map from the old (three-tier) structure to the two-tier one of 1 July 2025, for the demo province (Tây Ninh,
-- merged with the former Long An), as Province's demo data had it before and has it now. A province writes its own
-- file in the same shape, then runs build/migrate-two-tier.sql (see docs/two-tier.md):
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f build/two-tier-map.tay-ninh.sql -f build/migrate-two-tier.sql
-- Sources of the ward mergers: docs/two-tier.md (Tân Ninh and Bình Minh, Resolution of the NA Standing Committee on
-- Tây Ninh's communes, 2025). Agency codes are the demo's placeholders.
CREATE SCHEMA IF NOT EXISTS two_tier_map;
DROP TABLE IF EXISTS two_tier_map.agencies, two_tier_map.agency_moves, two_tier_map.areas;

-- Every agency of the new structure (inserted, or renamed in place when it keeps an old agency's id).
CREATE TABLE two_tier_map.agencies (id uuid PRIMARY KEY, code text NOT NULL, name text NOT NULL, level text NOT NULL, parent_id uuid);
INSERT INTO two_tier_map.agencies VALUES
  ('0195a1f0-0000-7000-8000-000000000001', '000.00.00.H57', 'Ủy ban nhân dân tỉnh Tây Ninh', 'Province', NULL),
  ('0195a1f0-0000-7000-8000-000000000009', '000.00.40.H57', 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh', 'ServiceCentre', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000017', '000.00.48.H57', 'Văn phòng Ủy ban nhân dân tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000008', '000.00.16.H57', 'Sở Nội vụ tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000002', '000.00.12.H57', 'Sở Tư pháp tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000005', '000.00.08.H57', 'Sở Tài chính tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000011', '000.00.42.H57', 'Sở Công Thương tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000003', '000.00.17.H57', 'Sở Nông nghiệp và Môi trường tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000004', '000.00.13.H57', 'Sở Xây dựng tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000012', '000.00.43.H57', 'Sở Khoa học và Công nghệ tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000013', '000.00.44.H57', 'Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000014', '000.00.45.H57', 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000015', '000.00.46.H57', 'Sở Y tế tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000016', '000.00.47.H57', 'Thanh tra tỉnh Tây Ninh', 'Department', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000007', '000.30.01.H57', 'Ủy ban nhân dân phường Tân Ninh', 'Commune', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000010', '000.30.02.H57', 'Ủy ban nhân dân phường Bình Minh', 'Commune', '0195a1f0-0000-7000-8000-000000000001'),
  ('0195a1f0-0000-7000-8000-000000000018', '000.30.03.H57', 'Ủy ban nhân dân phường Long An', 'Commune', '0195a1f0-0000-7000-8000-000000000001');

-- Old agencies that no longer exist, and the agency that took over their open work (staff, procedures, open
-- dossiers and reports, offices, routing rules). Merged departments that kept their id (Sở Tài nguyên và Môi
-- trường → Sở Nông nghiệp và Môi trường, Sở Kế hoạch và Đầu tư → Sở Tài chính, Sở Lao động - Thương binh và Xã hội
-- → Sở Nội vụ, UBND Phường 1 → UBND phường Tân Ninh) are renamed by the list above and need no line here.
CREATE TABLE two_tier_map.agency_moves (old_id uuid PRIMARY KEY, new_id uuid NOT NULL);
INSERT INTO two_tier_map.agency_moves VALUES
  -- UBND thành phố Tây Ninh (district level, gone): its procedures are the communes' now; its open work goes to
  -- the ward of the former city centre, which passes on what belongs to another ward.
  ('0195a1f0-0000-7000-8000-000000000006', '0195a1f0-0000-7000-8000-000000000007');

-- Places written the old way (field-report areas, routing rules, applicants' communes): compared lower-cased and
-- trimmed, so list the spellings people used (with and without diacritics).
CREATE TABLE two_tier_map.areas (old_area text PRIMARY KEY, new_area text NOT NULL);
INSERT INTO two_tier_map.areas
SELECT lower(spelling), new_area FROM (VALUES
  ('Phường 1', 'Phuong 1', 'Phường Tân Ninh'),
  ('Phường 2', 'Phuong 2', 'Phường Tân Ninh'),
  ('Phường 3', 'Phuong 3', 'Phường Tân Ninh'),
  ('Phường IV', 'Phuong IV', 'Phường Tân Ninh'),
  ('Phường 4', 'Phuong 4', 'Phường Tân Ninh'),
  ('Phường Hiệp Ninh', 'Phuong Hiep Ninh', 'Phường Tân Ninh'),
  ('Phường Ninh Sơn', 'Phuong Ninh Son', 'Phường Bình Minh'),
  ('Xã Bình Minh', 'Xa Binh Minh', 'Phường Bình Minh'),
  ('Xã Tân Bình', 'Xa Tan Binh', 'Phường Bình Minh'),
  ('Xã Thạnh Tân', 'Xa Thanh Tan', 'Phường Bình Minh')) AS m(with_marks, without_marks, new_area)
CROSS JOIN LATERAL (VALUES (with_marks), (without_marks)) AS s(spelling)
ON CONFLICT DO NOTHING;
