-- One open failure per (org, kind, subject), kept by the database: two workers failing events of
-- one ticket at the same moment used to find no open row and both insert one (the failure list
-- then showed the ticket twice). open_key is set while the failure is open and cleared when it is
-- resolved; a unique index allows any number of NULLs (resolved rows, failures without a subject).
ALTER TABLE failure ADD COLUMN open_key VARCHAR(400);

-- Of duplicates already stored, the newest keeps the key (the older stay listed until replayed).
UPDATE failure f SET open_key = f.org_id || '|' || f.kind || '|' || f.subject_id
 WHERE f.resolved_at IS NULL AND f.subject_id IS NOT NULL
   AND NOT EXISTS (
     SELECT 1 FROM failure g
      WHERE g.org_id = f.org_id AND g.kind = f.kind AND g.subject_id = f.subject_id
        AND g.resolved_at IS NULL
        AND (g.last_failed_at > f.last_failed_at
             OR (g.last_failed_at = f.last_failed_at AND g.id > f.id)));

CREATE UNIQUE INDEX ux_failure_open ON failure (open_key);
