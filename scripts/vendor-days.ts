/**
 * Calibration day sources from a vendor's history through the service's own provider chain (the same
 * adapters, keys, cache and fallbacks the service uses): the regular-session 1-minute bars of the last
 * `days` trading days before `endDay`, one request per day. Days whose bars came from another source
 * (a fallback to synthetic or replay) are dropped and reported: a vendor calibration never mixes sources.
 */
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import type { Bar } from '../src/core/bars/bar';
import type { DaySource } from '../src/core/calibration/calibration-run';
import { previousTradingDay } from '../src/core/session/nyse-calendar';
import { regularSession } from '../src/core/session/session';
import { MarketDataService } from '../src/providers/chain';

export async function vendorDays(symbols: string[], days: number, endDay: string, log: (m: string) => void): Promise<{ sources: DaySource[]; data_source: string | null }> {
  process.env.CALIBRATION_ON_START ??= '0'; // this process only reads bars
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const market = app.get(MarketDataService);
    const wanted: string[] = [];
    for (let d = previousTradingDay(endDay); wanted.length < days; d = previousTradingDay(d)) wanted.unshift(d);
    let vendor: string | null = null;
    const sources: DaySource[] = [];
    for (const symbol of symbols) {
      const byDay = new Map<string, Bar[]>();
      for (const day of wanted) {
        const s = regularSession(day)!;
        try {
          const r = await market.getBars({ symbol, interval: '1m', from: s.open, to: s.close - 1, extendedHours: false, limit: 1000 });
          const src = r.data_source.split(',')[0];
          if (src === 'synthetic' || src === 'replay' || (vendor !== null && src !== vendor)) {
            log(`${symbol} ${day}: bars came from ${r.data_source}${r.fallback_from ? ` (fallback from ${r.fallback_from})` : ''}: dropped`);
            continue;
          }
          vendor = src;
          byDay.set(
            day,
            r.bars.filter((b) => b.time >= s.open && b.time < s.close),
          );
        } catch (err) {
          log(`${symbol} ${day}: ${(err as Error).message}`);
        }
      }
      const list = [...byDay.keys()].sort();
      if (list.length) sources.push({ symbol, data_source: vendor ?? 'vendor', days: list, minutes: (d) => byDay.get(d) ?? [] });
    }
    return { sources, data_source: vendor };
  } finally {
    await app.close();
  }
}
