// metodist's static search export vs Pagefind 1.x on the same generated site.
//
//   cd tools/bench_search && npm ci && node bench.mjs            # 2,000 and 10,000 pages
//   node bench.mjs --sizes "2000" --runs 1
//
// For each size: the corpus (`gen_corpus`, deterministic) is built by metodist, whose
// build includes its search stage (tantivy index + static export, timed by
// METODIST_TIMINGS); then Pagefind indexes the very HTML metodist wrote. Reported:
// index build time (metodist: its search stage; Pagefind: its whole run) and peak memory
// (metodist: the whole build, an upper bound; Pagefind: its run), total index bytes on
// disk, and bytes a browser downloads for the first query and, on average, for each later
// query of a fixed list, measured in Debian's Chromium (playwright-core) against a local
// server: a fresh page per client, top 10 results with excerpts each time.
//
// Bytes are counted as a static host with gzip sends them: files Pagefind stores gzipped
// count as they are, everything else as gzip (level 6) of the file.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const SIZES = opt('--sizes', '2000 10000').split(/\s+/).filter(Boolean).map(Number);
const RUNS = Number(opt('--runs', '3'));
const CORPUS = resolve(repo, opt('--corpus', process.env.BENCH_CORPUS || 'target/bench-corpus'));
const TARGET = resolve(repo, process.env.CARGO_TARGET_DIR || 'target');
const PAGEFIND = join(here, 'node_modules/@pagefind/linux-x64/bin/pagefind_extended');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Queries a teacher would type, on the corpus' topics; the first one is the first query.
const QUERIES = [
  'функциональная грамотность',
  'наставничество молодых педагогов',
  'читательская грамотность',
  'проектная деятельность',
  'цифровая образовательная среда',
  'инклюзивное образование',
  'мастер-класс',
  'профориентация',
];

function run(cmd, argv, env = {}) {
  const res = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${argv.join(' ')}: ${res.status}\n${res.stderr}`);
  }
  return res;
}

/** Runs under GNU time; returns { seconds, peakMb, stderr }. */
function timed(cmd, argv, env = {}) {
  const log = join(CORPUS, 'time.log');
  const res = run('/usr/bin/time', ['-f', '%e %M', '-o', log, cmd, ...argv], env);
  const [seconds, kb] = readFileSync(log, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds, peakMb: kb / 1024, stderr: res.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

const sizeOf = (files) => files.reduce((n, f) => n + statSync(f).size, 0);

/** What a gzip-serving host sends for these bytes. */
function wire(bytes) {
  const gz = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return gz ? bytes.length : gzipSync(bytes, { level: 6 }).length;
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
};

const BENCH_PAGE = `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>bench</title></head>
<body><script src="/search/search.js"></script></body></html>`;

/** A static server over `root` that counts the bytes it sends, per request. */
function serve(root) {
  const sent = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/__bench.html') {
      res.writeHead(200, { 'content-type': MIME['.html'] });
      return res.end(BENCH_PAGE);
    }
    const file = resolve(root, '.' + path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end();
    }
    const bytes = readFileSync(file);
    sent.push({ path, bytes: wire(bytes) });
    res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream' });
    res.end(bytes);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, sent, port: server.address().port })));
}

/** Bytes per query for one client: [first, ...later]. */
async function queryBytes(browser, port, sent, client) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/__bench.html`);
  sent.length = 0; // the bench page itself is not search
  const perQuery = [];
  let hits = [];
  for (const q of QUERIES) {
    const before = sent.length;
    hits.push(await page.evaluate(client, q));
    perQuery.push(sent.slice(before).reduce((n, r) => n + r.bytes, 0));
  }
  await context.close();
  return { perQuery, hits };
}

// Each runs in the page: loads what the client needs and the top 10 with excerpts.
async function metodistQuery(q) {
  window.__engine = window.__engine || window.MetodistSearch.create({ base: '/search/' });
  const r = await window.__engine.query(q, {}, { limit: 10, offset: 0 });
  return r.hits.length;
}

async function pagefindQuery(q) {
  window.__pf = window.__pf || (await import('/pagefind/pagefind.js'));
  const r = await window.__pf.search(q);
  const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return top.length;
}

const kb = (b) => (b / 1024).toFixed(1);

async function main() {
  if (!existsSync(PAGEFIND)) throw new Error('нет Pagefind: cd tools/bench_search && npm ci');
  if (!existsSync(CHROMIUM)) throw new Error(`нет ${CHROMIUM}: apt-get install -y chromium`);
  run('cargo', ['build', '--release', '--quiet', '--bin', 'metodist', '--example', 'gen_corpus'], {});
  const bin = join(TARGET, 'release/metodist');
  const gen = join(TARGET, 'release/examples/gen_corpus');
  mkdirSync(CORPUS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const rows = [];
  console.log(`${run(bin, ['--version']).stdout.trim()}, Pagefind ${run(PAGEFIND, ['--version']).stdout.trim().split(' ')[1]}, ${run('nproc', []).stdout.trim()} ядра`);
  console.log(`нагрузка до замеров: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  for (const n of SIZES) {
    const dir = join(CORPUS, `search-${n}`);
    if (!existsSync(join(dir, '.done'))) {
      rmSync(dir, { recursive: true, force: true });
      run(gen, [String(n), dir, '--only', 'metodist']);
      writeFileSync(join(dir, '.done'), '');
    }
    const out = join(dir, 'out');
    const m = [];
    const p = [];
    for (let r = 0; r < RUNS; r++) {
      rmSync(out, { recursive: true, force: true });
      const b = timed(bin, ['build', join(dir, 'metodist'), '-o', out], { METODIST_TIMINGS: '1' });
      const search = Number((b.stderr.match(/search (\d+)/) || [])[1]);
      m.push({ seconds: search / 1000, peakMb: b.peakMb, build: b.seconds });
      rmSync(join(out, 'pagefind'), { recursive: true, force: true });
      p.push(timed(PAGEFIND, ['--site', out, '--output-subdir', 'pagefind', '--silent']));
    }
    const ours = filesUnder(join(out, 'search')).filter((f) => !f.includes('/tantivy/'));
    const oursJson = ours.filter((f) => !f.endsWith('.js') || f.endsWith('search.js'));
    const pf = filesUnder(join(out, 'pagefind'));
    const { server, sent, port } = await serve(out);
    const mq = await queryBytes(browser, port, sent, metodistQuery);
    const pq = await queryBytes(browser, port, sent, pagefindQuery);
    server.close();
    const later = (xs) => xs.slice(1).reduce((a, b) => a + b, 0) / (xs.length - 1);
    rows.push({
      n,
      m: {
        index: median(m.map((x) => x.seconds)),
        build: median(m.map((x) => x.build)),
        mem: Math.max(...m.map((x) => x.peakMb)),
        bytes: sizeOf(oursJson),
        bytesWithJs: sizeOf(ours),
        first: mq.perQuery[0],
        later: later(mq.perQuery),
        hits: mq.hits,
      },
      p: {
        index: median(p.map((x) => x.seconds)),
        mem: Math.max(...p.map((x) => x.peakMb)),
        bytes: sizeOf(pf),
        first: pq.perQuery[0],
        later: later(pq.perQuery),
        hits: pq.hits,
      },
    });
  }
  await browser.close();
  console.log();
  console.log('| страниц | | индекс, с | память, МБ | индекс на диске, МБ | первый запрос, КБ | следующие, КБ |');
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const mb = (b) => (b / 1048576).toFixed(1);
    console.log(`| ${r.n} | metodist | ${r.m.index.toFixed(2)} (сборка ${r.m.build.toFixed(2)}) | ${r.m.mem.toFixed(0)} | ${mb(r.m.bytes)} (с .js ${mb(r.m.bytesWithJs)}) | ${kb(r.m.first)} | ${kb(r.m.later)} |`);
    console.log(`| ${r.n} | Pagefind | ${r.p.index.toFixed(2)} | ${r.p.mem.toFixed(0)} | ${mb(r.p.bytes)} | ${kb(r.p.first)} | ${kb(r.p.later)} |`);
    console.log(`| | доля metodist | | | | ${(r.m.first / r.p.first).toFixed(2)} | ${(r.m.later / r.p.later).toFixed(2)} |`);
  }
  console.log();
  console.log(`запросы: ${QUERIES.map((q) => `«${q}»`).join(', ')}; первый — ${QUERIES[0]}; «следующие» — среднее остальных ${QUERIES.length - 1}.`);
  for (const r of rows) {
    console.log(`${r.n}: найдено (top 10) metodist ${r.m.hits.join('/')}, Pagefind ${r.p.hits.join('/')}`);
  }
  console.log(`нагрузка после замеров: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
