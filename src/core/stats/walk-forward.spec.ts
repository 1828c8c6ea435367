import { expandingWindowFolds, OUTCOME_TIME, walkForwardSplit } from './walk-forward';

interface Row {
  id: string;
  t: number;
  done: number;
}
const row = (id: string, t: number, done = t): Row => ({ id, t, done });
const byTime = { time: (r: Row) => r.t };
const ids = (rs: Row[]) => rs.map((r) => r.id);

describe('walkForwardSplit', () => {
  // times a5 b1 c3 d3 e2 f4 → order b1 e2 c3 d3 f4 a5
  const ROWS = [row('a', 5), row('b', 1), row('c', 3), row('d', 3), row('e', 2), row('f', 4)];

  it('f = 0.5 of 6 rows cuts at index 3; d ties with c at time 3, so the cut moves to index 4 (time 4)', () => {
    const s = walkForwardSplit(ROWS, 0.5, byTime);
    expect(ids(s.train)).toEqual(['b', 'e', 'c', 'd']);
    expect(ids(s.test)).toEqual(['f', 'a']);
    expect(s.test_from).toBe(4);
    expect(s.purged).toBe(0);
  });

  it('f = 0.4 → index ⌊2.4⌋ = 2 (time 3, no tie with time 2): train b e, test c d f a', () => {
    const s = walkForwardSplit(ROWS, 0.4, byTime);
    expect(ids(s.train)).toEqual(['b', 'e']);
    expect(ids(s.test)).toEqual(['c', 'd', 'f', 'a']);
    expect(s.test_from).toBe(3);
  });

  it('purges training rows whose outcome resolved at or after the first test plan', () => {
    // e is planned at 2 but resolves at 3.5 ≥ cutoff 3 → purged; b resolves at 2.5 < 3 → kept
    const rows = [row('b', 1, 2.5), row('e', 2, 3.5), row('c', 3, 4), row('d', 4, 5)];
    const s = walkForwardSplit(rows, 0.5, { time: (r) => r.t, resolvedAt: (r) => r.done });
    expect(ids(s.train)).toEqual(['b']);
    expect(s.purged).toBe(1);
    expect(ids(s.test)).toEqual(['c', 'd']);
  });

  it('works on outcome rows with OUTCOME_TIME and rejects a fraction outside (0, 1)', () => {
    const rows = [
      { plan_time: 10, resolved_at: 15 },
      { plan_time: 20, resolved_at: 25 },
    ];
    const s = walkForwardSplit(rows, 0.5, OUTCOME_TIME);
    expect(s.train).toEqual([rows[0]]);
    expect(s.test).toEqual([rows[1]]);
    expect(() => walkForwardSplit(rows, 1, OUTCOME_TIME)).toThrow(/fraction/);
    expect(walkForwardSplit([], 0.5, OUTCOME_TIME)).toEqual({ train: [], test: [], test_from: null, purged: 0 });
  });
});

describe('expandingWindowFolds', () => {
  it('10 rows, k = 4 → blocks of 2: fold j trains on the first 2j rows and tests on the next 2', () => {
    // boundaries ⌊j·10/5⌋ = 2, 4, 6, 8 → times 3, 5, 7, 9
    const rows = Array.from({ length: 10 }, (_, i) => row(String(i + 1), i + 1));
    const folds = expandingWindowFolds(rows, 4, byTime);
    expect(folds.map((f) => [ids(f.train).join(','), ids(f.test).join(','), f.test_from])).toEqual([
      ['1,2', '3,4', 3],
      ['1,2,3,4', '5,6', 5],
      ['1,2,3,4,5,6', '7,8', 7],
      ['1,2,3,4,5,6,7,8', '9,10', 9],
    ]);
  });

  it('boundaries inside a tie move past it; coinciding boundaries give one fold', () => {
    // times 1 1 1 1 2 2, k = 2 → indices ⌊6/3⌋ = 2 and ⌊12/3⌋ = 4; index 2 ties with index 1 → moves to 4 → one fold
    const rows = [row('a', 1), row('b', 1), row('c', 1), row('d', 1), row('e', 2), row('f', 2)];
    const folds = expandingWindowFolds(rows, 2, byTime);
    expect(folds.map((f) => [ids(f.train), ids(f.test)])).toEqual([
      [
        ['a', 'b', 'c', 'd'],
        ['e', 'f'],
      ],
    ]);
    // times 1 1 1 1 1 1, k = 2 → every boundary runs off the end → no fold
    const ties = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => row(id, 1));
    expect(expandingWindowFolds(ties, 2, byTime)).toEqual([]);
    expect(() => expandingWindowFolds(rows, 0, byTime)).toThrow(/k must/);
  });
});
