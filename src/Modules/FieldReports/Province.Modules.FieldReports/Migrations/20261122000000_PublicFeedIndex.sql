-- The public feed reads the newest answered reports from this partial index (benchmark at 300,000 reports).
CREATE INDEX "IX_reports_public_feed" ON field_reports.reports ("AnsweredAt" DESC) WHERE "Status" IN ('Resolved', 'Closed') AND "Answer" IS NOT NULL;
