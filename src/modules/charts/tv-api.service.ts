import { Injectable } from '@nestjs/common';
import { ValidationFailedError, type FieldProblem } from '../../common/errors';
import type { Bar } from '../../core/bars/bar';
import { INTERVAL_MS, type Interval } from '../../core/bars/interval';
import { normalizeTicker, TICKER_RULE } from '../../core/symbols/ticker';
import { computeStudies, DEFAULT_EMAS, type ChartStudies } from './chart-studies';
import { ChartMarketData } from './chart-market-data';
import { parseEpoch, parseWindow, toUdf, type UdfBars, type WindowQuery } from './udf';

export interface BarsQuery extends WindowQuery {
  symbol?: string;
}

export interface Provenanced {
  data_source: string;
  as_of: string | null;
  stale: boolean;
}

export type UdfBarsResponse = UdfBars & Provenanced & { symbol: string; interval: Interval };
export type StudiesResponse = ChartStudies & Provenanced & { s: 'ok' | 'no_data'; symbol: string; interval: Interval; bars: number };

function fail(problems: FieldProblem[]): never {
  throw new ValidationFailedError(problems);
}

export function checkSymbol(raw: unknown): string {
  const s = normalizeTicker(raw);
  if (s === null) fail([{ field: 'symbol', message: TICKER_RULE }]);
  return s;
}

/** The /tv viewer's datafeed: bars in UDF shape and the indicator series drawn over them. */
@Injectable()
export class TvApiService {
  constructor(private readonly data: ChartMarketData) {}

  now(): number {
    return this.data.now();
  }

  private async load(q: BarsQuery): Promise<{ symbol: string; interval: Interval; bars: Bar[] } & Provenanced> {
    const symbol = checkSymbol(q.symbol);
    const { window, problems } = parseWindow(q, this.data.now());
    if (!window) fail(problems);
    if (window.empty) return { symbol, interval: window.interval, bars: [], data_source: 'none', as_of: null, stale: false };
    // providers return bars that have closed by `to`; UDF's `to` is an inclusive bar start
    const closedBy = Math.min(window.to + INTERVAL_MS[window.interval], this.data.now());
    const r = await this.data.getBars({ symbol, interval: window.interval, from: window.from, to: closedBy });
    // the window is inclusive of bar starts; providers may return a little more context
    const bars = r.bars.filter((b) => b.time >= window.from && b.time <= window.to);
    return { symbol, interval: window.interval, bars, data_source: r.data_source, as_of: bars.length ? r.as_of : null, stale: r.stale };
  }

  async bars(q: BarsQuery): Promise<UdfBarsResponse> {
    const { bars, ...rest } = await this.load(q);
    return { ...toUdf(bars), ...rest };
  }

  async studies(q: BarsQuery & { ema?: string; anchors?: string }): Promise<StudiesResponse> {
    const problems: FieldProblem[] = [];
    let spans = DEFAULT_EMAS;
    if (q.ema !== undefined && q.ema !== '') {
      const parts = q.ema.split(',').map((s) => Number(s.trim()));
      if (parts.length > 5 || parts.some((n) => !Number.isInteger(n) || n < 1 || n > 400)) problems.push({ field: 'ema', message: 'must be up to 5 integer spans 1–400' });
      else spans = [...new Set(parts)];
    }
    let anchors: number[] = [];
    if (q.anchors !== undefined && q.anchors !== '') {
      const parsed = q.anchors.split(',').map((s) => parseEpoch(s.trim()));
      if (parsed.length > 5 || parsed.some((t) => t === undefined)) problems.push({ field: 'anchors', message: 'must be up to 5 epoch times' });
      else anchors = parsed as number[];
    }
    if (problems.length) fail(problems);
    const { bars, ...rest } = await this.load(q);
    return { s: bars.length ? 'ok' : 'no_data', ...rest, bars: bars.length, ...computeStudies(bars, rest.interval, spans, anchors) };
  }
}
