-- Durable timers (issue 13: A3 unanswered, A6 rating wait, A7 conversation timeout): db-scheduler's
-- table, its official PostgreSQL DDL (db-scheduler 16.x). One row per pending timer: task_name is the
-- timer's kind, task_instance the session id, so a session has at most one timer of each kind.
-- session-service writes rows in its use cases' transactions (dev.switchboard.session.timers.SessionTimers);
-- db-scheduler polls, picks and fires them (once across instances: picking bumps version).
CREATE TABLE scheduled_tasks (
  task_name text NOT NULL,
  task_instance text NOT NULL,
  task_data bytea,
  execution_time timestamp with time zone NOT NULL,
  picked boolean NOT NULL,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures int,
  last_heartbeat timestamp with time zone,
  version bigint NOT NULL,
  priority smallint,
  PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
