-- A node is keyed by its Ray node id; executions name it host/8-hex-digits, kept here to join the two.
ALTER TABLE nodes RENAME COLUMN ray_node_id TO name;
UPDATE nodes SET name = host || '/' || left(id, 8) WHERE name IS NULL;
ALTER TABLE nodes ALTER COLUMN name SET NOT NULL;
