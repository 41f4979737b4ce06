// Usage: node tests/js/parity.mjs <export dir> <queries.json>
// queries.json: [{ "q": "…", "filters": [["district", "usolsky"]] }, …]
// Prints a JSON array, one entry per query, each from a fresh client (so
// `bytes`/`gzip` are what a first query downloads): ids and scores of the
// top 10, total, facet counts, resolved words.
import fs from 'node:fs';
import { loadClient, plain, toFilters } from './harness.mjs';

const [dir, queriesFile] = process.argv.slice(2);
if (!dir || !queriesFile) {
  console.error('usage: node parity.mjs <export dir> <queries.json>');
  process.exit(2);
}
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const out = [];
for (const { q, filters } of queries) {
  const { engine, downloads } = loadClient(dir);
  const res = plain(await engine.query(q, toFilters(filters), { limit: 10 }));
  out.push({
    q,
    ids: res.hits.map((h) => h.id),
    scores: res.hits.map((h) => h.score),
    total: res.total,
    matchedAllWords: res.matchedAllWords,
    facets: res.facets,
    words: res.words.map((w) => ({ word: w.word, stems: w.stems, related: w.related, how: w.how })),
    files: downloads.length,
    bytes: downloads.reduce((s, d) => s + d.bytes, 0),
    gzip: downloads.reduce((s, d) => s + d.gzip, 0),
  });
}
process.stdout.write(JSON.stringify(out));
