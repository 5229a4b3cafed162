/**
 * Applies the migration history (migrations.ts) to a database: the dialect's steps after the
 * ones it has recorded, each step and its record in one transaction. A database further along
 * than this code (a newer version ran on it) is left as it is.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { stepsFor, type Step } from './migrations.js';

/** SQLite records the number of steps run in PRAGMA user_version. */
export function migrateSqlite(db: Database.Database, steps: readonly Step[] = stepsFor('sqlite')): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < steps.length; v++) {
    db.transaction(() => {
      db.exec(steps[v].sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** Held while migrating, so several instances starting together migrate once. */
const MIGRATION_LOCK = 7_172_001;

/**
 * PostgreSQL records each step run as a row (1..n) of schema_migrations, in the given schema
 * (created if need be). Runs on the one client it is given, under an advisory lock.
 */
export async function migratePostgres(client: pg.ClientBase, schema: string, steps: readonly Step[] = stepsFor('postgres')): Promise<void> {
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    for (let v = rows[0].v ?? 0; v < steps.length; v++) {
      await client.query('BEGIN');
      await client.query(steps[v].sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
  }
}
