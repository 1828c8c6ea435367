/** Migrations per dialect, oldest first: the same tables, columns and constraints on both. */
import { InitPostgres1764000000000, InitSqlite1764000000000 } from './1764000000000-init';
import { DeltaDedupeLeasesPostgres1767000000000, DeltaDedupeLeasesSqlite1767000000000 } from './1767000000000-delta-dedupe-leases';
import { CalibrationStorePostgres1768000000000, CalibrationStoreSqlite1768000000000 } from './1768000000000-calibration-store';
import { IvHistoryWatchlistsPostgres1769500000000, IvHistoryWatchlistsSqlite1769500000000 } from './1769500000000-iv-history-watchlists';

export const postgresMigrations = [InitPostgres1764000000000, DeltaDedupeLeasesPostgres1767000000000, CalibrationStorePostgres1768000000000, IvHistoryWatchlistsPostgres1769500000000];
export const sqliteMigrations = [InitSqlite1764000000000, DeltaDedupeLeasesSqlite1767000000000, CalibrationStoreSqlite1768000000000, IvHistoryWatchlistsSqlite1769500000000];
