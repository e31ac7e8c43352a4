/**
 * The databases a repository suite runs on, real connections each: SQLite on a temp file, and
 * PostgreSQL on a fresh database of the server in DATABASE_URL (.ci/run sets it; without it only
 * SQLite runs). `open()` may be called more than once: each is a connection of its own, as two
 * instances would have.
 */
import { migrationsFolder } from "../db/migrations-folder";
import { openPostgresConnection, type PostgresConnection } from "../db/postgres-connection";
import { openSqliteConnection, type SqliteConnection } from "../db/sqlite-connection";
import { tempPostgresDatabase, tempSqliteFile } from "./temp-databases";

export interface OpenedBackend<R> {
  open(): Promise<R>;
  teardown(): Promise<void>;
}

export interface RepositoryBackend<R> {
  name: string;
  setup(): Promise<OpenedBackend<R>>;
}

export function repositoryBackends<R>(make: { sqlite(connection: SqliteConnection): R; postgres(connection: PostgresConnection): R }): RepositoryBackend<R>[] {
  const backends: RepositoryBackend<R>[] = [
    {
      name: "SQLite",
      async setup() {
        const temp = tempSqliteFile();
        const closers: (() => void)[] = [];
        return {
          async open() {
            const connection = openSqliteConnection(temp.file, migrationsFolder("sqlite"));
            closers.push(() => connection.sqlite.close());
            return make.sqlite(connection);
          },
          async teardown() {
            for (const close of closers) close();
            temp.remove();
          },
        };
      },
    },
  ];
  if (process.env.DATABASE_URL) {
    backends.push({
      name: "PostgreSQL",
      async setup() {
        const temp = await tempPostgresDatabase(process.env.DATABASE_URL!);
        const closers: (() => Promise<void>)[] = [];
        return {
          async open() {
            const connection = await openPostgresConnection(temp.url, migrationsFolder("postgres"));
            closers.push(() => connection.pool.end());
            return make.postgres(connection);
          },
          async teardown() {
            for (const close of closers) await close();
            await temp.drop();
          },
        };
      },
    });
  }
  return backends;
}
