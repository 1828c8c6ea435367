// Jest reporter: after the run, one line saying which real parts the tests used (records written by
// test/support/real-parts.ts), e.g. "PostgreSQL: used (TEST_DATABASE_URL) | Redis: NOT used — … | Chromium: used".
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.resolve(__dirname, '../../test-output/real-parts');
const PARTS = [
  ['PostgreSQL', 'TEST_DATABASE_URL'],
  ['Redis', 'TEST_REDIS_URL'],
  ['Chromium', 'CHROMIUM_PATH'],
];

class RealPartsReporter {
  onRunStart() {
    fs.rmSync(DIR, { recursive: true, force: true });
  }

  onRunComplete() {
    let rows = [];
    try {
      for (const f of fs.readdirSync(DIR)) {
        for (const line of fs.readFileSync(path.join(DIR, f), 'utf8').split('\n')) if (line.trim()) rows.push(JSON.parse(line));
      }
    } catch {
      rows = [];
    }
    const parts = PARTS.map(([part, variable]) => {
      const mine = rows.filter((r) => r.part === part);
      if (mine.length === 0) return `${part}: not needed by the suites run`;
      const skipped = [...new Set(mine.filter((r) => !r.used).map((r) => r.suite))];
      if (skipped.length === 0) return `${part}: used (${variable}, ${mine.length} suite${mine.length > 1 ? 's' : ''})`;
      return `${part}: NOT used — ${variable} unset, ${skipped.length} suite${skipped.length > 1 ? 's' : ''} did not run those cases`;
    });
    process.stdout.write(`\nReal parts: ${parts.join(' | ')}\n`);
  }
}

module.exports = RealPartsReporter;
