/** Migrations per dialect, oldest first: the same tables, columns and constraints on both. */
import { InitPostgres1764000000000, InitSqlite1764000000000 } from './1764000000000-init';
import { DeltaDedupeLeasesPostgres1767000000000, DeltaDedupeLeasesSqlite1767000000000 } from './1767000000000-delta-dedupe-leases';
import { CalibrationStorePostgres1768000000000, CalibrationStoreSqlite1768000000000 } from './1768000000000-calibration-store';

export const postgresMigrations = [InitPostgres1764000000000, DeltaDedupeLeasesPostgres1767000000000, CalibrationStorePostgres1768000000000];
export const sqliteMigrations = [InitSqlite1764000000000, DeltaDedupeLeasesSqlite1767000000000, CalibrationStoreSqlite1768000000000];
