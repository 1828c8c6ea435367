import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppError, UpstreamError } from '../common/errors';
import { createDataSource, databaseTarget, DatabaseTarget } from './data-source.factory';
import { isDatabaseUnavailable } from './database-errors';
import { databaseSettings, DatabaseSettings } from './database-settings';

const SQLITE_QUEUES = new Map<string, Promise<unknown>>();

/**
 * Owns the DataSource. Connects in the background with backoff so that an unreachable database
 * never stops the process: /health/live keeps answering, /health/ready reports the database down,
 * and persistence calls fail fast with a 503 until it is reachable.
 *
 * Every store call goes through `run`: on PostgreSQL connection errors and timeouts become 503
 * `database_unavailable`, and a watchdog fails calls on a frozen server after DB_OPERATION_TIMEOUT_MS
 * (a stopped server answers at once, a frozen one within ~1 s; the pool recovers by itself when the
 * server is back). The embedded store has one
 * connection, so its calls are serialised (overlapping TypeORM transactions on one connection would not
 * be isolated from each other).
 */
@Injectable()
export class DatabaseService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseService.name);
  readonly target: DatabaseTarget;
  readonly settings: DatabaseSettings;
  private ds?: DataSource;
  private connecting?: Promise<void>;
  private lastError?: string;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private attempt = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.target = databaseTarget(config.databaseUrl, config.dataDir);
    this.settings = databaseSettings();
  }

  /** Wait (bounded) for the first connection attempt so a healthy database is ready when the app listens. */
  async onModuleInit(): Promise<void> {
    const first = this.connect();
    await Promise.race([first, new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  get dialect() {
    return this.target.dialect;
  }

  get isReady(): boolean {
    return !!this.ds?.isInitialized;
  }

  /** Human-readable target without credentials. */
  get description(): string {
    if (this.target.dialect === 'sqlite') return `embedded SQLite store at ${this.target.location}`;
    try {
      const u = new URL(this.target.location);
      return `postgres ${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return 'postgres';
    }
  }

  get error(): string | undefined {
    return this.lastError;
  }

  private connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      const ds = createDataSource(this.target, this.settings);
      try {
        await ds.initialize();
        this.ds = ds;
        this.lastError = undefined;
        this.attempt = 0;
        this.logger.log(`database ready: ${this.description}`);
      } catch (err) {
        this.lastError = (err as Error).message;
        await ds.destroy().catch(() => undefined);
        this.logger.warn(`database unavailable (${this.description}): ${this.lastError}`);
        this.scheduleRetry();
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  private scheduleRetry() {
    if (this.stopped) return;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(this.attempt++, 5));
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  private unavailable(reason?: string): UpstreamError {
    return new UpstreamError(`database unavailable: ${this.description}${reason ? ` (${reason})` : ''}`, 503, 'database_unavailable');
  }

  /** The DataSource, or a 503 naming the database when it is not reachable. */
  dataSource(): DataSource {
    if (!this.ds?.isInitialized) throw this.unavailable();
    return this.ds;
  }

  /**
   * Run one store call (a query or a whole transaction). Domain errors pass through; a database that
   * is unreachable or frozen becomes 503 `database_unavailable`.
   */
  async run<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
    const ds = this.dataSource();
    try {
      if (this.target.dialect === 'sqlite') return await this.serial(() => fn(ds));
      return await this.watched(fn(ds));
    } catch (err) {
      if (err instanceof AppError || !isDatabaseUnavailable(err)) throw err;
      const reason = (err as Error).message?.slice(0, 160);
      this.logger.warn(`database call failed: ${reason}`);
      throw this.unavailable(reason);
    }
  }

  /** When a PostgreSQL store call last settled (the server answered something). */
  private lastProgress = Date.now();

  /**
   * The PostgreSQL watchdog. A call still running after DB_OPERATION_TIMEOUT_MS fails with 503 when no
   * store call has settled for that long either (the server is frozen or the network black-holed);
   * when other calls keep finishing, the server is only busy (a burst queued on the pool) and the call
   * keeps waiting, up to the statement timeout plus the connect timeout.
   */
  private watched<T>(p: Promise<T>): Promise<T> {
    const ms = this.settings.operationTimeoutMs;
    const hardCap = this.settings.statementTimeoutMs + this.settings.connectTimeoutMs;
    const start = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const watchdog = new Promise<never>((_, rej) => {
      const evaluate = () => {
        const now = Date.now();
        const idle = now - this.lastProgress;
        if (idle >= ms || now - start >= hardCap) rej(this.unavailable(`no answer within ${now - start} ms`));
        else timer = setTimeout(check, ms - idle);
      };
      // timers run before I/O in a loop turn: after a stalled event loop an answer may be waiting in the
      // socket, so look only after the poll phase has read it (setImmediate)
      const check = () => void setImmediate(evaluate);
      timer = setTimeout(check, ms);
    });
    const settled = () => {
      this.lastProgress = Date.now();
    };
    const tracked = p.then(
      (v) => (settled(), v),
      (e) => {
        if (!isDatabaseUnavailable(e)) settled();
        throw e;
      },
    );
    tracked.catch(() => undefined); // a call that fails after the watchdog fired must not be an unhandled rejection
    return Promise.race([tracked, watchdog]).finally(() => clearTimeout(timer));
  }

  /**
   * First statement of a write transaction. On SQLite a no-op UPDATE takes the write lock at once,
   * which makes the transaction `BEGIN IMMEDIATE` (TypeORM only issues a deferred BEGIN): another
   * process on the same file waits (busy timeout) instead of failing on a lock upgrade.
   */
  async beginWrite(m: EntityManager): Promise<void> {
    if (this.target.dialect === 'sqlite') await m.query(`UPDATE "follow_leases" SET "owner" = "owner" WHERE 0`);
  }

  /**
   * One queue per database file for the whole process: better-sqlite3 waits for a lock synchronously
   * (it blocks the thread), so two connections of one process to one file (two app instances in a
   * test) must never hold overlapping transactions, or the waiting one would block the holder.
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const key = this.target.location;
    // better-sqlite3 works synchronously, so queued calls chained by promises alone would run back to
    // back without ever letting the event loop turn: yield once before each call (a burst of saves then
    // delays other work by one save at a time, not by the whole burst)
    const turn = () => new Promise<void>((r) => setImmediate(r)).then(fn);
    const run = (SQLITE_QUEUES.get(key) ?? Promise.resolve()).then(turn, turn);
    SQLITE_QUEUES.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }

  private withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(this.unavailable(`no answer within ${ms} ms`)), ms);
    });
    p.catch(() => undefined);
    return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
  }

  async ping(timeoutMs = 2000): Promise<void> {
    const ds = this.dataSource();
    const q = this.target.dialect === 'sqlite' ? this.serial(() => ds.query('SELECT 1')) : ds.query('SELECT 1');
    await this.withDeadline(q, timeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.connecting) await this.connecting.catch(() => undefined);
    if (this.ds?.isInitialized) {
      await SQLITE_QUEUES.get(this.target.location)?.catch(() => undefined);
      await this.ds.destroy();
    }
  }
}
