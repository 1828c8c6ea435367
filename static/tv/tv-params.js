/*
 * URL parameters of the /tv viewer: parsed and validated before anything is fetched or drawn.
 * Pure (no DOM) so node tests can load it; in the browser it defines window.TcParams.
 * Values only ever reach the page through textContent and numeric chart APIs.
 */
(function (root) {
  'use strict';

  var SYMBOL_RE = /^(?:[IX]:)?\^?[A-Z][A-Z0-9.\-]{0,14}$/;
  var PLAN_ID_RE = /^[A-Za-z0-9.^:_-]{3,100}$/;
  var INTERVALS = {
    '1m': '1m',
    1: '1m',
    '3m': '3m',
    3: '3m',
    '5m': '5m',
    5: '5m',
    '15m': '15m',
    15: '15m',
    '30m': '30m',
    30: '30m',
    '1h': '1h',
    60: '1h',
    '60m': '1h',
    '4h': '4h',
    240: '4h',
    '1d': '1D',
    d: '1D',
    '1w': '1W',
    w: '1W',
  };
  /** Bars loaded per interval when the link gives no range (reference timeframe buttons). */
  var DEFAULT_RANGE = { '1m': '1D', '3m': '2D', '5m': '3D', '15m': '5D', '30m': '10D', '1h': '1M', '4h': '3M', '1D': '1Y', '1W': '2Y' };

  function num(v) {
    if (typeof v !== 'string' || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v.trim())) return NaN;
    return Number(v);
  }

  /**
   * @param {string} search location.search
   * @returns {{params: object, errors: Array<{field: string, message: string}>}}
   */
  function parse(search) {
    var q = new URLSearchParams(search || '');
    var errors = [];
    var p = { ema: [9, 21, 50], vwap: true, theme: 'dark', scale_plan: 'off', targets: [], supportingLevels: true };
    function bad(field, message) {
      errors.push({ field: field, message: message });
    }
    function get(k) {
      var v = q.get(k);
      return v === null || v === '' ? undefined : v;
    }

    var planId = get('plan_id');
    if (planId !== undefined) {
      if (PLAN_ID_RE.test(planId)) p.plan_id = planId;
      else bad('plan_id', 'is not a plan id');
    }
    var version = get('plan_version') || get('version');
    if (version !== undefined) {
      if (/^[1-9]\d{0,6}$/.test(version)) p.plan_version = Number(version);
      else bad('plan_version', 'must be a positive integer');
    }
    var sym = get('symbol');
    if (sym !== undefined) {
      var s = sym.trim().toUpperCase();
      if (SYMBOL_RE.test(s)) p.symbol = s;
      else bad('symbol', 'must be a ticker such as SPY or I:SPX');
    } else if (p.plan_id) {
      var prefix = p.plan_id.split('-')[0].toUpperCase();
      if (SYMBOL_RE.test(prefix)) p.symbol = prefix;
    }
    var iv = get('interval');
    if (iv !== undefined) {
      var t = INTERVALS[iv.trim().toLowerCase()];
      if (t) p.interval = t;
      else bad('interval', 'must be one of 1m 3m 5m 15m 30m 1h 4h 1D 1W');
    }
    p.interval = p.interval || '15m';
    var range = get('range');
    if (range !== undefined) {
      if (/^\d{1,3}[dwmyDWMY]$/.test(range) && Number(range.slice(0, -1)) > 0) p.range = range.toUpperCase();
      else bad('range', 'must look like 5D, 2W, 3M or 1Y');
    }
    p.range = p.range || DEFAULT_RANGE[p.interval];
    var dir = get('direction');
    if (dir !== undefined) {
      if (dir === 'long' || dir === 'short') p.direction = dir;
      else bad('direction', "must be 'long' or 'short'");
    }
    ['entry', 'stop'].forEach(function (k) {
      var v = get(k);
      if (v === undefined) return;
      var n = num(v);
      if (n > 0 && isFinite(n)) p[k] = n;
      else bad(k, 'must be a positive number');
    });
    var tp = get('tp');
    if (tp !== undefined) {
      var tps = tp
        .split(',')
        .filter(function (x) {
          return x.trim() !== '';
        })
        .map(num);
      if (
        tps.length <= 5 &&
        tps.every(function (n) {
          return n > 0 && isFinite(n);
        })
      )
        p.targets = tps;
      else bad('tp', 'must be up to 5 positive numbers separated by commas');
    }
    var ema = get('ema');
    if (ema !== undefined) {
      var spans = ema.split(',').map(num);
      if (
        spans.length <= 5 &&
        spans.every(function (n) {
          return Number.isInteger(n) && n >= 1 && n <= 400;
        })
      )
        p.ema = spans;
      else bad('ema', 'must be up to 5 integer spans 1–400');
    }
    var vwap = get('vwap');
    if (vwap === '0' || vwap === 'false') p.vwap = false;
    var sl = get('supportingLevels');
    if (sl === '0' || sl === 'false') p.supportingLevels = false;
    var theme = get('theme');
    if (theme !== undefined) {
      if (theme === 'light' || theme === 'dark') p.theme = theme;
      else bad('theme', "must be 'light' or 'dark'");
    }
    var scale = get('scale_plan');
    if (scale !== undefined) {
      var m = num(scale);
      if (scale === 'auto' || scale === 'off') p.scale_plan = scale;
      else if (m > 0 && isFinite(m)) p.scale_plan = m;
      else bad('scale_plan', "must be 'auto', 'off' or a positive number");
    }
    var token = get('token');
    if (token !== undefined) {
      if (/^[\x21-\x7e]{1,200}$/.test(token)) p.token = token;
      else bad('token', 'is not a valid key');
    }
    if (get('simulate_open') === '1') p.simulate_open = true;
    if (!p.symbol && errors.length === 0) p.symbol = 'SPY';
    return { params: p, errors: errors };
  }

  /**
   * scale_plan: 'auto' rescales when the last price is outside [0.8, 1.2] × entry (an old plan on a
   * split or long-moved symbol), a number multiplies, 'off' keeps the plan's prices.
   */
  function planScale(mode, entry, lastClose) {
    if (typeof mode === 'number') return mode;
    if (mode !== 'auto' || !(entry > 0) || !(lastClose > 0)) return 1;
    var ratio = lastClose / entry;
    return ratio < 0.8 || ratio > 1.2 ? ratio : 1;
  }

  var api = { parse: parse, planScale: planScale, DEFAULT_RANGE: DEFAULT_RANGE };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.TcParams = api;
})(typeof window !== 'undefined' ? window : this);
