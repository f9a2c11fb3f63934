// tap reporter: pass TAP through unchanged and end with the plain "N passed, N failed" line
// that CI reads. Counts every test point at every depth that is a leaf (an assertion).
import { Transform } from 'node:stream';

export default class Summary extends Transform {
  constructor() {
    super();
    this.passed = 0;
    this.failed = 0;
    this.skipped = 0;
    this.rest = '';
  }
  count(line) {
    // tap closes with "# { total: 4, pass: 3, skip: 1 }": the authoritative totals when present.
    const totals = /^# \{ total: (\d+)(.*)\}/.exec(line);
    if (totals) {
      const get = k => Number((new RegExp(k + ': (\\d+)').exec(totals[2]) ?? [0, 0])[1]);
      this.totals = { pass: get('pass'), fail: get('fail'), skip: get('skip') + get('todo') };
      return;
    }
    const m = /^\s*(not )?ok \d+/.exec(line);
    if (!m) return;
    // A subtest's own line is followed by its children; count only assertions by excluding
    // lines that close a subtest (they carry "# time=" after the description).
    if (/# time=/.test(line)) return;
    if (/#\s*(SKIP|TODO)\b/i.test(line)) this.skipped++;
    else if (m[1]) this.failed++;
    else this.passed++;
  }
  _transform(chunk, _enc, done) {
    const text = this.rest + chunk.toString();
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.count(line);
    done(null, chunk);
  }
  _flush(done) {
    if (this.rest) this.count(this.rest);
    const t = this.totals ?? { pass: this.passed, fail: this.failed, skip: this.skipped };
    const skipped = t.skip ? `, ${t.skip} skipped` : '';
    done(null, `\n${t.pass} passed, ${t.fail} failed${skipped}\n`);
  }
}
