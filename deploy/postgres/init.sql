-- Runs once, when the PostgreSQL container starts on an empty data volume
-- (docker-entrypoint-initdb.d), as the superuser POSTGRES_USER (switchboard),
-- after POSTGRES_DB (switchboard) was created.
--
-- switchboard_test is for the test suites run from the host against this server, so that
-- they never touch the data of the running platform. Each service creates and migrates
-- its own schema with Flyway; nothing else is created here.
CREATE DATABASE switchboard_test OWNER switchboard;
