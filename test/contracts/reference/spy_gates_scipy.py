"""Independent oracle for gates-on-recorded-chains.spec.ts (SPY 2018-04-04 chain, calls/puts).

Usage: python3 spy_gates_scipy.py SIDE MIN_DELTA MAX_DELTA MAX_SPREAD_PCT MIN_OI
  e.g. python3 spy_gates_scipy.py call 0.45 0.55 12 500   (intraday after the close)
Prints the strikes per first failing gate. Assumptions: S = 260.77 (2018-04-03 close), r = 4 %,
q = 0, T = 23.75 h / 8760 h (16:15 ET to 16:00 ET next day), IV by brentq on [1e-6, 10] from the mid.
Needs scipy. Run with FIXTURES_DIR or from ../shared/fixtures.
"""
import json, math, os, sys
from scipy.stats import norm
from scipy.optimize import brentq

S, r, T = 260.77, 0.04, 23.75 / 24 / 365
root = os.environ.get('FIXTURES_DIR', os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'fixtures'))

def bs(t, K, v):
    d1 = (math.log(S / K) + (r + 0.5 * v * v) * T) / (v * math.sqrt(T)); d2 = d1 - v * math.sqrt(T)
    if t == 'call':
        return S * norm.cdf(d1) - K * math.exp(-r * T) * norm.cdf(d2), norm.cdf(d1)
    return K * math.exp(-r * T) * norm.cdf(-d2) - S * norm.cdf(-d1), norm.cdf(d1) - 1

side = sys.argv[1]; lo, hi, sp, oi = map(float, sys.argv[2:6])
d = json.load(open(os.path.join(root, 'providers', 'tradier', 'v1_markets_options_chains_SPY_2018-04-04_nogreeks.json')))
groups = {}
for c in sorted(d['options']['option'], key=lambda c: (c['option_type'], c['strike'])):
    b, a, K = c['bid'], c['ask'], c['strike']
    if c['option_type'] != side: reason = 'SIDE_MISMATCH'
    elif not (a and a > 0 and b is not None and b >= 0 and a >= b): reason = 'NO_MARKET_DATA'
    elif (a - b) / ((a + b) / 2) * 100 > sp + 1e-9: reason = 'SPREAD_TOO_WIDE'
    elif b <= 0: reason = 'DELTA_UNAVAILABLE'
    else:
        m = (a + b) / 2
        try:
            v = brentq(lambda v: bs(side, K, v)[0] - m, 1e-6, 10); dl = abs(bs(side, K, v)[1])
            reason = ('DELTA_OUT_OF_RANGE' if dl < lo - 1e-9 or dl > hi + 1e-9 else
                      'OPEN_INTEREST_TOO_LOW' if (c['open_interest'] or 0) < oi else 'PASS %.4f %.4f' % (dl, v))
        except ValueError:
            reason = 'DELTA_UNAVAILABLE'
    groups.setdefault(reason.split()[0], []).append(K if not reason.startswith('PASS') else (K, reason))
print(json.dumps({k: v for k, v in groups.items() if k != 'SIDE_MISMATCH'}))
