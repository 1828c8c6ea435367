import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UpstreamError } from '../common/errors';
import { createDataSource, databaseTarget, DatabaseTarget } from './data-source.factory';

/**
 * Owns the DataSource. Connects in the background with backoff so that an unreachable database
 * never stops the process: /health/live keeps answering, /health/ready reports the database down,
 * and persistence calls fail fast with a 503 until it is reachable.
 */
@Injectable()
export class DatabaseService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseService.name);
  readonly target: DatabaseTarget;
  private ds?: DataSource;
  private connecting?: Promise<void>;
  private lastError?: string;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private attempt = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.target = databaseTarget(config.databaseUrl, config.dataDir);
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
    if (this.target.dialect === 'sqljs') return `embedded sql.js store at ${this.target.location}`;
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
      const ds = createDataSource(this.target);
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

  /** The DataSource, or a 503 naming the database when it is not reachable. */
  dataSource(): DataSource {
    if (!this.ds?.isInitialized) {
      throw new UpstreamError(`database unavailable: ${this.description}`, 503, 'database_unavailable');
    }
    return this.ds;
  }

  async ping(timeoutMs = 2000): Promise<void> {
    const ds = this.dataSource();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`database ping timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([ds.query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.connecting) await this.connecting.catch(() => undefined);
    if (this.ds?.isInitialized) await this.ds.destroy();
  }
}
