import { etDate } from '../session/et-time';
import { sessionTag } from '../session/session';

/**
 * Incremental indicators for live ticks. `update` consumes a CLOSED bar and returns the new value;
 * `peek` returns what the value would be if the forming bar closed now, without changing state.
 * Both equal the batch functions on the same closed bars.
 */
export class EmaStream {
  private count = 0;
  private sum = 0;
  private value = NaN;
  private readonly k: number;
  constructor(readonly period: number) {
    this.k = 2 / (period + 1);
  }
  private next(x: number): number {
    if (this.count < this.period) return this.count + 1 === this.period ? (this.sum + x) / this.period : NaN;
    return (x - this.value) * this.k + this.value;
  }
  update(x: number): number {
    const v = this.next(x);
    if (this.count < this.period) this.sum += x;
    this.count++;
    this.value = v;
    return v;
  }
  peek(x: number): number {
    return this.next(x);
  }
  get current(): number {
    return this.value;
  }
}

export class AtrStream {
  private count = 0;
  private prevClose = NaN;
  private sum = 0;
  private value = NaN;
  constructor(readonly period = 14) {}
  private next(h: number, l: number, _c: number): number {
    if (this.count === 0) return NaN;
    const tr = Math.max(h - l, Math.abs(h - this.prevClose), Math.abs(l - this.prevClose));
    if (this.count < this.period) return NaN;
    if (this.count === this.period) return (this.sum + tr) / this.period;
    return (this.value * (this.period - 1) + tr) / this.period;
  }
  update(high: number, low: number, close: number): number {
    const v = this.next(high, low, close);
    if (this.count > 0 && this.count < this.period) {
      this.sum += Math.max(high - low, Math.abs(high - this.prevClose), Math.abs(low - this.prevClose));
    }
    this.count++;
    this.prevClose = close;
    this.value = v;
    return v;
  }
  peek(high: number, low: number, close: number): number {
    return this.next(high, low, close);
  }
  get current(): number {
    return this.value;
  }
}

export class SessionVwapStream {
  private day = '';
  private pv = 0;
  private v = 0;
  private value = NaN;
  private next(time: number, h: number, l: number, c: number, vol: number) {
    const tag = sessionTag(time);
    const d = etDate(time);
    if (tag === 'post' && d === this.day) return { day: this.day, pv: this.pv, v: this.v, value: this.value, out: this.value };
    if (tag !== 'regular') return { day: this.day, pv: this.pv, v: this.v, value: this.value, out: NaN };
    const fresh = d !== this.day;
    const pv = (fresh ? 0 : this.pv) + ((h + l + c) / 3) * (vol > 0 ? vol : 0);
    const v = (fresh ? 0 : this.v) + (vol > 0 ? vol : 0);
    const prev = fresh ? NaN : this.value;
    const value = v > 0 ? pv / v : Number.isNaN(prev) ? (h + l + c) / 3 : prev;
    return { day: d, pv, v, value, out: value };
  }
  update(time: number, high: number, low: number, close: number, volume: number): number {
    const s = this.next(time, high, low, close, volume);
    this.day = s.day;
    this.pv = s.pv;
    this.v = s.v;
    this.value = s.value;
    return s.out;
  }
  peek(time: number, high: number, low: number, close: number, volume: number): number {
    return this.next(time, high, low, close, volume).out;
  }
}
