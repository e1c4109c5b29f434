-- The agent directory (Q1, Q8): one entry per agent, keyed by the OIDC subject, and the
-- departments it belongs to, in the order the administrator gave them.
CREATE TABLE agent (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    avatar_url text,
    version    bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE agent_department (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id      text    NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    position      integer NOT NULL,
    department_id text    NOT NULL,
    UNIQUE (agent_id, position),
    UNIQUE (agent_id, department_id)
);

-- A queue naming a department expands to its members (Q1).
CREATE INDEX agent_department_by_department ON agent_department (department_id);
