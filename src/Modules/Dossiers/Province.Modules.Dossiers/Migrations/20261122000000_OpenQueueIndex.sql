-- The officers' queue reads an agency's open dossiers in due-date order from this partial index (benchmark at 1,000,000 dossiers).
CREATE INDEX "IX_dossiers_open_by_due_date" ON dossiers.dossiers ("AgencyId", "DueDate", "SubmittedAt") WHERE "Status" IN (1, 2, 4, 5, 6);
