-- The dependency manifest a run installs before its script starts (requirements.txt, package.json), as a
-- path in its working directory; the file itself is one of the run's input files. NULL when none.
ALTER TABLE executions ADD COLUMN requirements text;

-- Deleting an execution deletes an input object only when no other execution still names it.
CREATE INDEX execution_files_object_key_idx ON execution_files (object_key);
