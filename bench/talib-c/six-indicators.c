/*
 * TA-Lib C timing driver for bench/indicators.bench.ts: calls the six indicators of the pass straight
 * into the static libraries the `talib` npm binding built (node_modules/talib/src/lib/lib, -O2), so
 * no JS <-> C array copies are timed. Input: a file of int32 n, then high[n], low[n], close[n]
 * (float64). Prints one JSON line per round: ms per indicator and for the six in sequence.
 * Output buffers are allocated once and reused (caller-owned buffers, the way TA-Lib is meant to be
 * called): the fastest way to call it, so the anchor is as strong as it gets. TA-Lib still allocates its
 * own temporaries inside MACD/ATR/ADX where it needs them.
 * "DMI7" (not in the pass): the seven directional series ours `directional()` returns, the way TA-Lib
 * gives them: PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR, one call each, seven buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "ta_libc.h"

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int n;
static double *hi, *lo, *cl, sink;

static double *buf[7];

static void run(int k) {
  int beg, nb;
  double *a = buf[0], *b = k >= 4 ? buf[1] : NULL, *c = k >= 4 ? buf[2] : NULL;
  switch (k) {
    case 0: TA_EMA(0, n - 1, cl, 20, &beg, &nb, a); break;
    case 1: TA_RSI(0, n - 1, cl, 14, &beg, &nb, a); break;
    case 2: TA_ATR(0, n - 1, hi, lo, cl, 14, &beg, &nb, a); break;
    case 3: TA_ADX(0, n - 1, hi, lo, cl, 14, &beg, &nb, a); break;
    case 4: TA_MACD(0, n - 1, cl, 12, 26, 9, &beg, &nb, a, b, c); break;
    case 5: TA_BBANDS(0, n - 1, cl, 20, 2.0, 2.0, TA_MAType_SMA, &beg, &nb, a, b, c); break;
    case 6:
      TA_PLUS_DM(0, n - 1, hi, lo, 14, &beg, &nb, buf[0]);
      TA_MINUS_DM(0, n - 1, hi, lo, 14, &beg, &nb, buf[1]);
      TA_PLUS_DI(0, n - 1, hi, lo, cl, 14, &beg, &nb, buf[2]);
      TA_MINUS_DI(0, n - 1, hi, lo, cl, 14, &beg, &nb, buf[3]);
      TA_DX(0, n - 1, hi, lo, cl, 14, &beg, &nb, buf[4]);
      TA_ADX(0, n - 1, hi, lo, cl, 14, &beg, &nb, buf[5]);
      TA_ADXR(0, n - 1, hi, lo, cl, 14, &beg, &nb, buf[6]);
      for (int j = 1; j < 7; j++) sink += buf[j][0];
      break;
  }
  sink += a[nb - 1] + (b ? b[nb - 1] + c[nb - 1] : 0);
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: %s bars.bin rounds\n", argv[0]); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f || fread(&n, sizeof n, 1, f) != 1) return 3;
  hi = malloc(sizeof(double) * n); lo = malloc(sizeof(double) * n); cl = malloc(sizeof(double) * n);
  if (fread(hi, sizeof(double), n, f) != (size_t)n || fread(lo, sizeof(double), n, f) != (size_t)n ||
      fread(cl, sizeof(double), n, f) != (size_t)n) return 3;
  fclose(f);
  for (int k = 0; k < 7; k++) buf[k] = calloc(n, sizeof(double));
  TA_Initialize();
  for (int k = 0; k < 7; k++) run(k); /* warm-up: fault in the buffers, warm the caches */
  static const char *names[7] = {"EMA", "RSI", "ATR", "ADX", "MACD", "BBANDS", "DMI7"};
  for (int r = atoi(argv[2]); r > 0; r--) {
    printf("{");
    for (int k = 0; k < 7; k++) {
      double t0 = now_ms();
      run(k);
      printf("\"%s\":%.4f,", names[k], now_ms() - t0);
    }
    double t0 = now_ms();
    for (int k = 0; k < 6; k++) run(k);
    printf("\"pass\":%.4f}\n", now_ms() - t0);
  }
  fprintf(stderr, "sink %g\n", sink);
  TA_Shutdown();
  return 0;
}
