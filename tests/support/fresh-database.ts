/**
 * An empty database of its own on the test run's PostgreSQL server (no tables, no users), for tests of what happens on
 * a new installation: the start command in external mode, the users command's bootstrap. `drop()` removes it (forcing
 * out connections a killed child may have left).
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '../../db/connection';
import { testServices } from './services';

export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function freshDatabase(prefix: string): Promise<FreshDatabase> {
  const base = new URL(testServices().databaseUrl);
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = () => createDb(Object.assign(new URL(base), { pathname: '/postgres' }).toString(), { pool: { min: 0, max: 1 } });
  const a = admin();
  try {
    await a.raw('CREATE DATABASE ??', [name]);
  } finally {
    await a.destroy();
  }
  return {
    url: Object.assign(new URL(base), { pathname: `/${name}` }).toString(),
    name,
    drop: async () => {
      const d = admin();
      try {
        await d.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await d.destroy();
      }
    },
  };
}
