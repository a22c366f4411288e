-- One database role per service, owning its own schema and nothing else, in the database this runs in.
-- The roles are the cluster's, the schemas and grants the database's. Safe to run again and from several
-- sessions at once (test runs apply it to their own databases in parallel): every step first checks, and a
-- role that another session created in the meantime counts as created.
--   psql -v ON_ERROR_STOP=1 -d saga -f infra/postgres/service-roles.sql   (as a superuser)
-- Passwords are not set here: with trust on loopback none is checked; elsewhere set them with ALTER ROLE
-- (infra/bin/services-up does, from SAGA_DB_PASSWORD_<SERVICE>).
DO $roles$
DECLARE
  service record;
  object record;
BEGIN
  -- "schema already exists, skipping" is no news on every run after the first.
  PERFORM set_config('client_min_messages', 'warning', true);
  FOR service IN SELECT * FROM (VALUES
      ('saga_orchestrator', 'orchestrator'),
      ('saga_order',        'orders'),
      ('saga_inventory',    'inventory'),
      ('saga_payment',      'payment'),
      ('saga_shipping',     'shipping'),
      ('saga_notification', 'notification'),
      ('saga_risk',         'risk')) AS s (role, schema)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service.role) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', service.role);
      EXCEPTION
        -- Another session created it between the check and here: the second of two concurrent creations
        -- fails on the catalogue's unique index rather than as a duplicate.
        WHEN duplicate_object OR unique_violation THEN NULL;
      END;
    END IF;

    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), service.role);
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service.schema, service.role);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service.schema, service.role);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service.schema);

    -- Tables a service created before it had a role (as the superuser) become its role's; their sequences
    -- and indexes follow their table.
    FOR object IN
      SELECT c.relname, c.relkind FROM pg_class c
      WHERE c.relnamespace = service.schema::regnamespace
        AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND c.relowner <> service.role::regrole
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                 WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
    LOOP
      EXECUTE format('ALTER %s %I.%I OWNER TO %I',
          CASE object.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                              WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
          service.schema, object.relname, service.role);
    END LOOP;
  END LOOP;

  -- Only the superuser and the service roles connect, and nobody but the database's owner creates objects in
  -- public (the default from PostgreSQL 15 on, stated for older servers).
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$roles$;
