/*
 * The /tv viewer: candles + volume, EMAs, session and anchored VWAPs from /tv-api, the plan (entry,
 * stop, targets) from /idea/{plan_id} and its persisted layers (levels, zones, pools, FVGs) from
 * /api/v1/gpt/chart-layers. Every user-supplied string is written with textContent or passed to the
 * chart as a title; nothing is parsed as HTML. window.__tc exposes a read-only snapshot for tests.
 */
(function () {
  'use strict';
  var LWC = window.LightweightCharts;
  var EMA_COLORS = ['#38bdf8', '#a855f7', '#facc15', '#f97316', '#22c55e'];
  var COLORS = { entry: '#facc15', stop: '#ef4444', target: '#22c55e', vwap: '#f8fafc', avwap: '#fb7185', level: '#94a3b8', pool: '#06b6d4', supply: '#f87171', demand: '#4ade80', fvg: '#c084fc' };
  var POLL_MS = 60000;

  var state = { ready: false, error: null, message: null, banner: null, symbol: null, interval: null, data_source: null, stale: false, plan: null, scale: 1, series: {}, priceLines: [], polls: 0 };

  function snapshot() {
    var s = JSON.parse(JSON.stringify(state));
    (function freeze(o) {
      Object.freeze(o);
      Object.keys(o).forEach(function (k) {
        if (o[k] && typeof o[k] === 'object') freeze(o[k]);
      });
    })(s);
    return s;
  }
  Object.defineProperty(window, '__tc', { get: snapshot, configurable: false, enumerable: false });

  function $(id) {
    return document.getElementById(id);
  }
  function show(id, text) {
    var el = $(id);
    el.textContent = text;
    el.hidden = !text;
  }
  function setMessage(text) {
    state.message = text;
    show('message', text);
  }
  function addBanner(text) {
    state.banner = state.banner ? state.banner + ' · ' + text : text;
    show('banner', state.banner);
  }

  var parsed = window.TcParams.parse(window.location.search);
  var p = parsed.params;
  document.documentElement.setAttribute('data-theme', p.theme);
  if (parsed.errors.length) {
    state.error = 'validation';
    setMessage(
      'Invalid link: ' +
        parsed.errors
          .map(function (e) {
            return e.field + ' ' + e.message;
          })
          .join('; '),
    );
    state.ready = true;
    return;
  }
  if (!LWC) {
    state.error = 'vendor';
    setMessage('Chart library failed to load.');
    state.ready = true;
    return;
  }
  state.symbol = p.symbol;
  state.interval = p.interval;
  $('title').textContent = p.symbol + ' · ' + p.interval;
  document.title = p.symbol + ' ' + p.interval + ' · Trading Coach';

  var headers = p.token ? { Authorization: 'Bearer ' + p.token } : {};
  if (p.token && window.history && window.history.replaceState) {
    // keep the key out of the address bar, history and screenshots once it has been read
    var clean = new URLSearchParams(window.location.search);
    clean.delete('token');
    window.history.replaceState(null, '', window.location.pathname + '?' + clean.toString());
  }
  function getJson(url) {
    return fetch(url, { headers: headers, credentials: 'omit' }).then(function (r) {
      return r
        .json()
        .catch(function () {
          return null;
        })
        .then(function (body) {
          return { status: r.status, body: body };
        });
    });
  }
  function qs(o) {
    return Object.keys(o)
      .filter(function (k) {
        return o[k] !== undefined;
      })
      .map(function (k) {
        return encodeURIComponent(k) + '=' + encodeURIComponent(String(o[k]));
      })
      .join('&');
  }

  var dark = p.theme === 'dark';
  var etTime = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hour12: false });
  var etDay = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', month: 'short', day: 'numeric' });
  var etFull = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  var chart = LWC.createChart($('chart'), {
    autoSize: true,
    layout: { background: { type: 'solid', color: dark ? '#0f172a' : '#ffffff' }, textColor: dark ? '#e2e8f0' : '#0f172a' },
    grid: { vertLines: { color: dark ? '#1e293b' : '#e2e8f0' }, horzLines: { color: dark ? '#1e293b' : '#e2e8f0' } },
    rightPriceScale: { borderVisible: false },
    // bar times are UTC epoch seconds; traders read Eastern time
    localization: {
      timeFormatter: function (t) {
        return etFull.format(new Date(t * 1000)) + ' ET';
      },
    },
    timeScale: {
      timeVisible: p.interval !== '1D' && p.interval !== '1W',
      secondsVisible: false,
      borderVisible: false,
      tickMarkFormatter: function (t, type) {
        var d = new Date(t * 1000);
        return type >= 3 ? etTime.format(d) : etDay.format(d);
      },
    },
  });
  if (!dark) COLORS.vwap = '#0f172a'; // the white session VWAP would vanish on a light background
  var planRange = null; // entry/stop/targets stay on screen even when price has moved away
  var candles = chart.addSeries(LWC.CandlestickSeries, {
    upColor: '#22c55e',
    downColor: '#ef4444',
    borderVisible: false,
    wickUpColor: '#22c55e',
    wickDownColor: '#ef4444',
    autoscaleInfoProvider: function (original) {
      var r = original();
      if (!r || !planRange) return r;
      r.priceRange.minValue = Math.min(r.priceRange.minValue, planRange[0]);
      r.priceRange.maxValue = Math.max(r.priceRange.maxValue, planRange[1]);
      return r;
    },
  });
  var volume = chart.addSeries(LWC.HistogramSeries, { priceScaleId: 'vol', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
  chart.priceScale('vol').applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
  var lines = {};

  function legend(name, color) {
    var el = document.createElement('span');
    el.textContent = name;
    el.style.setProperty('--swatch', color);
    $('legend').appendChild(el);
  }
  function lineSeries(name, color, opts) {
    if (!lines[name]) {
      lines[name] = chart.addSeries(
        LWC.LineSeries,
        Object.assign({ color: color, lineWidth: 2, title: name, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, opts || {}),
      );
      legend(name, color);
    }
    return lines[name];
  }
  function record(name, data) {
    var end = data.length ? data[data.length - 1] : null;
    state.series[name] = { length: data.length, last: end ? (end.value !== undefined ? end.value : end.close) : null };
  }
  function priceLine(kind, title, price, color, dashed) {
    if (!(price > 0) || !isFinite(price)) return;
    candles.createPriceLine({
      price: price,
      color: color,
      lineWidth: kind === 'level' || kind === 'zone' ? 1 : 2,
      lineStyle: dashed ? LWC.LineStyle.Dashed : LWC.LineStyle.Solid,
      axisLabelVisible: true,
      title: String(title).slice(0, 40),
    });
    state.priceLines.push({ kind: kind, title: String(title).slice(0, 40), price: price });
  }

  function drawBars(r) {
    var b = r.body || {};
    state.data_source = b.data_source || null;
    state.stale = !!b.stale;
    $('source-pill').textContent = b.data_source ? String(b.data_source) : '';
    if (b.as_of) $('updated').textContent = 'as of ' + etFull.format(new Date(b.as_of)) + ' ET';
    var data = [];
    var vols = [];
    if (b.s === 'ok' && Array.isArray(b.t)) {
      for (var i = 0; i < b.t.length; i++) {
        data.push({ time: b.t[i], open: b.o[i], high: b.h[i], low: b.l[i], close: b.c[i] });
        vols.push({ time: b.t[i], value: b.v[i], color: b.c[i] >= b.o[i] ? 'rgba(34,197,94,0.45)' : 'rgba(239,68,68,0.45)' });
      }
    }
    candles.setData(data);
    volume.setData(vols);
    record('candles', data);
    record('volume', vols);
    return data;
  }

  function drawStudies(r) {
    var b = r.body || {};
    if (r.status !== 200) return;
    p.ema.forEach(function (span, i) {
      var pts = (b.ema && b.ema[String(span)]) || [];
      lineSeries('EMA ' + span, EMA_COLORS[i % EMA_COLORS.length], { lineWidth: 1 }).setData(pts);
      record('EMA ' + span, pts);
    });
    if (p.vwap && Array.isArray(b.vwap) && b.vwap.length) {
      lineSeries('VWAP', COLORS.vwap).setData(b.vwap);
      record('VWAP', b.vwap);
    }
    (b.avwap || []).forEach(function (a) {
      var name = String(a.label).slice(0, 40);
      lineSeries(name, COLORS.avwap, { lineWidth: 1, lineStyle: LWC.LineStyle.Dotted }).setData(a.points);
      record(name, a.points);
    });
  }

  function loadMarket() {
    var q = qs({ symbol: p.symbol, resolution: p.interval, range: p.range });
    return Promise.all([getJson('/tv-api/bars?' + q), getJson('/tv-api/studies?' + q + '&ema=' + p.ema.join(','))]).then(function (rs) {
      if (rs[0].status !== 200) throw new Error('bars: HTTP ' + rs[0].status + ' ' + ((rs[0].body && rs[0].body.message) || ''));
      var data = drawBars(rs[0]);
      drawStudies(rs[1]);
      return data;
    });
  }

  function planOf(body) {
    var plan = (body && body.plan) || {};
    var targets = (plan.targets || [])
      .map(function (t) {
        return typeof t === 'object' && t ? Number(t.price) : Number(t);
      })
      .filter(function (n) {
        return n > 0;
      });
    return {
      entry: Number(plan.entry),
      stop: Number(plan.stop),
      targets: targets,
      direction: plan.direction || plan.bias,
      style: plan.style || body.style,
      data_source: plan.data_source || (plan.meta && plan.meta.data_source) || (plan.data_quality && plan.data_quality.data_source),
      simulated: !!(plan.simulated_open || (plan.meta && plan.meta.simulated_open) || (plan.session_state && plan.session_state.simulated)),
      banner: plan.banner || (plan.meta && plan.meta.banner) || null,
    };
  }

  function drawPlan(plan, layers, lastClose) {
    var entry = p.entry !== undefined ? p.entry : plan && plan.entry;
    var stop = p.stop !== undefined ? p.stop : plan && plan.stop;
    var targets = p.targets.length ? p.targets : (plan && plan.targets) || [];
    state.scale = window.TcParams.planScale(p.scale_plan, entry, lastClose);
    var k = state.scale;
    if (k !== 1) addBanner('Plan levels rescaled ×' + k.toFixed(3) + ' to the current price');
    var dir = p.direction || (plan && plan.direction);
    if (entry > 0)
      $('plan-summary').textContent =
        (dir ? dir.toUpperCase() + ' ' : '') +
        'entry ' +
        (entry * k).toFixed(2) +
        (stop > 0 ? ' · stop ' + (stop * k).toFixed(2) : '') +
        (targets.length
          ? ' · ' +
            targets
              .map(function (t, i) {
                return 'TP' + (i + 1) + ' ' + (t * k).toFixed(2);
              })
              .join(' ')
          : '');
    priceLine('entry', 'Entry', entry * k, COLORS.entry);
    priceLine('stop', 'Stop', stop * k, COLORS.stop);
    targets.forEach(function (t, i) {
      priceLine('target', 'TP' + (i + 1), t * k, COLORS.target);
    });
    var planPrices = [entry, stop]
      .concat(targets)
      .filter(function (x) {
        return x > 0 && isFinite(x);
      })
      .map(function (x) {
        return x * k;
      });
    if (planPrices.length) planRange = [Math.min.apply(null, planPrices), Math.max.apply(null, planPrices)];
    if (!layers) return;
    if (p.supportingLevels) {
      (layers.levels || []).slice(0, 40).forEach(function (l) {
        // the plan's own entry/stop/targets are drawn as plan bands above; skip their copies in the layers
        if (/^(entry|stop|tp\d)$/i.test(String(l.label || ''))) return;
        var pool = l.kind === 'liquidity_pool';
        priceLine(pool ? 'pool' : 'level', l.label || l.kind || 'level', Number(l.price) * k, pool ? COLORS.pool : COLORS.level, true);
      });
    }
    (layers.zones || []).slice(0, 20).forEach(function (z) {
      var color = z.kind === 'supply_zone' ? COLORS.supply : z.kind === 'demand_zone' ? COLORS.demand : COLORS.fvg;
      var name = z.label || (z.kind === 'fair_value_gap' ? 'FVG' : String(z.kind || 'zone').replace('_', ' '));
      priceLine('zone', name + ' ▲', Number(z.high) * k, color, true);
      priceLine('zone', name + ' ▼', Number(z.low) * k, color, true);
    });
  }

  function dataBanner(source, stale, simulated) {
    if (source === 'replay') addBanner('Replay data — recorded prices, not live');
    else if (source === 'synthetic') addBanner('Synthetic data — generated prices, not a real market');
    if (stale) addBanner('Stale data — providers failed, showing the last good bars');
    if (simulated) addBanner('Simulated open — session treated as open');
  }

  var planReq = p.plan_id
    ? Promise.all([
        getJson('/idea/' + encodeURIComponent(p.plan_id) + (p.plan_version ? '?' + qs({ v: p.plan_version }) : '')),
        getJson('/api/v1/gpt/chart-layers?' + qs({ plan_id: p.plan_id, v: p.plan_version })),
      ])
    : Promise.resolve(null);

  Promise.all([planReq, loadMarket()])
    .then(function (rs) {
      var plan = null;
      var layers = null;
      if (rs[0]) {
        var idea = rs[0][0];
        if (idea.status === 200) plan = planOf(idea.body);
        else if (idea.status === 404) setMessage('Plan ' + p.plan_id + ' not found — showing market data only.');
        else if (idea.status === 401) setMessage('This plan needs a key: open the link with ?token=<your key>.');
        else setMessage('Plan ' + p.plan_id + ' could not be loaded (HTTP ' + idea.status + ').');
        if (rs[0][1].status === 200) layers = rs[0][1].body;
      }
      state.plan = plan;
      var data = rs[1];
      if (!data.length) setMessage((state.message ? state.message + ' ' : '') + 'No bars for ' + p.symbol + ' ' + p.interval + ' in this window.');
      dataBanner(state.data_source, state.stale, p.simulate_open || (plan && plan.simulated));
      // the plan's own banner repeats the data-source warning: add it only when it says something new
      if (plan && plan.banner && !(state.banner && /replay|synthetic/i.test(state.banner) && /replay|synthetic/i.test(String(plan.banner)))) addBanner(String(plan.banner));
      drawPlan(plan, layers, data.length ? data[data.length - 1].close : NaN);
      chart.timeScale().fitContent();
      state.ready = true;
      // live updates: re-read the window; the datafeed answers from cache between bars
      setInterval(function () {
        loadMarket()
          .then(function () {
            state.polls++;
          })
          .catch(function () {});
      }, POLL_MS);
    })
    .catch(function (err) {
      state.error = 'load';
      setMessage('Chart data could not be loaded: ' + (err && err.message ? err.message : String(err)));
      state.ready = true;
    });
})();
