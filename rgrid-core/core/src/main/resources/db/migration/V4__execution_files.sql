-- Files of an execution: the inputs it was given and the outputs it wrote, each as the script sees it
-- (a path relative to its working directory), with the object in the artifact store that holds it.
CREATE TABLE execution_files (
    execution_id text        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('input', 'output')),
    path         text        NOT NULL,
    size         bigint      NOT NULL CHECK (size >= 0),
    sha256       text        NOT NULL,
    content_type text        NOT NULL,
    object_key   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (execution_id, kind, path)
);
