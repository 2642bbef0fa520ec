import { DataSource, EntityManager } from 'typeorm';

/** The TypeORM drivers that share one SQLite connection among all callers. */
const SINGLE_CONNECTION_DRIVERS = new Set([
  'sqljs',
  'sqlite',
  'better-sqlite3',
  'capacitor',
  'cordova',
  'expo',
  'nativescript',
  'react-native',
]);
const transactionQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction(work)`, safe for concurrent callers on SQLite (sql.js in the embedded
 * mode): on its one connection a second BEGIN fails while a transaction is open, and that
 * failure's rollback ends the first transaction too, so there transactions queue up.
 * Every concurrent writer to such a database must go through here.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (!SINGLE_CONNECTION_DRIVERS.has(dataSource.options.type)) return dataSource.transaction(work);
  const previous = transactionQueues.get(dataSource) ?? Promise.resolve();
  const result = previous.then(() => dataSource.transaction(work));
  transactionQueues.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}
