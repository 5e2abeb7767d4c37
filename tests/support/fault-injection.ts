import type pg from 'pg';

/** Fault injection in the real database: every INSERT into `table` fails, as a full disk would. */
export async function refuseInserts(pool: pg.Pool, table: string): Promise<void> {
  await pool.query(`
    CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$;
    CREATE TRIGGER refuse_insert BEFORE INSERT ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_insert();`);
}
