-- New runs get time-ordered ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits.
-- A random (version 4) id lands each insert on a random leaf of runs_pkey and audit_log_run, and after every
-- checkpoint the first change to a leaf writes the whole 8 KB page to the WAL; time-ordered ids append to the
-- newest leaves instead. PostgreSQL 18 has uuidv7(); this is the same layout for older servers and PGlite.
CREATE OR REPLACE FUNCTION pipeline_uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(
      set_bit(
        overlay(uuid_send(gen_random_uuid())
                placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                FROM 1 FOR 6),
        52, 1),
      53, 1),
    'hex')::uuid
$$;

ALTER TABLE runs ALTER COLUMN id SET DEFAULT pipeline_uuid_v7();
