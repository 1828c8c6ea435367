import { Inject, Injectable, Optional } from '@nestjs/common';
import { Analysis, analyzeSymbol, BarsInput, barRequirements } from '../../core/analysis/analyze-symbol';
import { BarsEvaluationMemo } from '../../core/analysis/bars-evaluation';
import type { Interval } from '../../core/bars/interval';
import type { Style } from '../../core/strategies/strategy.types';
import { CLOCK, type Clock } from '../../providers/provider.types';
import { CalibrationService } from '../calibration/calibration.service';
import { MARKET_DATA_PORT, type MarketDataPort } from '../data-ports/data-ports';

export type { Analysis as SymbolAnalysis } from '../../core/analysis/analyze-symbol';

/**
 * The I/O half of "analyse a symbol": fetches the bars a style needs (≤ 2 provider calls: the
 * playbooks' interval and daily) and hands them to the pure `analyzeSymbol` of the core.
 */
@Injectable()
export class SymbolAnalyzer {
  /** Bar evaluations per symbol/style, reused while a symbol's closed bars are unchanged (bounded LRU). */
  readonly memo = new BarsEvaluationMemo({ maxEntries: 2000, maxBytes: 64 * 1024 * 1024 });

  constructor(
    @Inject(MARKET_DATA_PORT) private readonly market: MarketDataPort,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly calibration?: CalibrationService,
  ) {}

  /**
   * `asOfMs`: plan as of that past moment — bars are requested up to it and only bars closed by then are
   * used (vendor and embedded data alike); the odds use only outcomes resolved before it.
   */
  async analyze(symbol: string, style: Style, opts: { simulateOpen?: boolean; asOfMs?: number } = {}): Promise<Analysis> {
    const historical = opts.asOfMs !== undefined;
    const nowMs = opts.asOfMs ?? this.clock.now();
    const to = historical ? nowMs : undefined;
    const req = barRequirements(style);
    const dailyP = req.daily ? this.market.getBars({ symbol, interval: '1D', limit: req.daily.limit, ...(to !== undefined ? { to } : {}) }) : Promise.resolve(null);
    const intradayP = req.intraday.map((r) => this.market.getBars({ symbol, interval: r.interval, limit: r.limit, extendedHours: false, ...(to !== undefined ? { to } : {}) }));
    const [dailyR, ...intradayR] = await Promise.allSettled([dailyP, ...intradayP]);
    // the style's primary interval must load; daily may fail for intraday styles (levels then come from intraday bars)
    for (const r of intradayR) if (r.status === 'rejected') throw r.reason;
    const warnings: string[] = [];
    if (dailyR.status === 'rejected') {
      if (req.daily?.required) throw dailyR.reason;
      warnings.push('Daily bars unavailable: the daily trend is left out of the multi-timeframe confluence');
    }
    const frames: Partial<Record<Interval, BarsInput>> = {};
    req.intraday.forEach((r, k) => (frames[r.interval] = (intradayR[k] as PromiseFulfilledResult<BarsInput>).value));
    const daily = dailyR.status === 'fulfilled' ? dailyR.value : null;
    const source = Object.values(frames)[0]?.data_source ?? daily?.data_source ?? 'unknown';
    const odds = this.calibration?.lookupFor(source);
    return analyzeSymbol({ symbol, style, now_ms: nowMs, simulate_open: opts.simulateOpen === true, historical, frames, daily, warnings, odds, memo: this.memo });
  }
}
