import { marketStatus } from '../../core/session/session';
import type { MarketClock } from '../provider.types';

/** The market clock as an embedded provider reports it: NYSE session status at the service clock's now. */
export function embeddedMarketClock(now: number, dataSource: string): MarketClock {
  const s = marketStatus(now);
  return {
    status: s.status,
    now: new Date(now).toISOString(),
    next_open: new Date(s.next_open).toISOString(),
    next_close: s.next_close === null ? undefined : new Date(s.next_close).toISOString(),
    data_source: dataSource,
    as_of: new Date(now).toISOString(),
    stale: false,
  };
}
