-- The machines the autoscaler asks a node provider (Hetzner Cloud, or Ray nodes started on this machine) for. A row
-- is written, under a name unique to this cluster, before the provider is asked to create the machine: a control
-- plane that dies mid-call finds the row on start and the machine by that name at the provider, so it neither
-- creates twice nor leaks one.
CREATE TABLE provider_servers (
    name           text        PRIMARY KEY,
    provider       text        NOT NULL,
    server_type    text        NOT NULL,
    location       text,
    server_id      text,
    state          text        NOT NULL
        CHECK (state IN ('requested', 'booting', 'ready', 'draining', 'retired', 'failed', 'dead')),
    address        text,
    ray_node_id    text,
    cpus           double precision NOT NULL,
    memory_mb      bigint      NOT NULL,
    slots          integer     NOT NULL,
    -- The provider's hourly price for this type at this location when it was asked for, in micro-units of currency.
    price_micros   bigint      NOT NULL DEFAULT 0,
    currency       text        NOT NULL DEFAULT 'EUR',
    requested_at   timestamptz NOT NULL,
    -- When the provider started billing it (its own creation time); every started hour from here is billed.
    created_at     timestamptz,
    ready_at       timestamptz,
    -- When its retirement began: it is deleted once runs Ray placed on it before then have had time to go back.
    drained_at     timestamptz,
    ended_at       timestamptz,
    reason         text
);
CREATE INDEX provider_servers_live ON provider_servers (state) WHERE state NOT IN ('retired', 'failed', 'dead');
CREATE INDEX provider_servers_ray_node ON provider_servers (ray_node_id);

-- What the autoscaler decided and why, in words a person can read: launches, retirements, failures, holds.
CREATE TABLE autoscaler_events (
    id     bigserial   PRIMARY KEY,
    at     timestamptz NOT NULL,
    server text,
    kind   text        NOT NULL,
    reason text        NOT NULL
);
CREATE INDEX autoscaler_events_at ON autoscaler_events (at DESC);

-- Server names are rgrid-<cluster>-<serial>: the serial is never handed out twice, by any control plane.
CREATE SEQUENCE provider_server_serial;
