// Loads themes/default/static/search/search.js into a Node `vm` context with
// a fake `window`: `fetch` reads the export folder from disk, and for
// file:// a fake `document` runs injected <script> tags. Counts the bytes
// each query downloads (raw and gzipped).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SEARCH_JS = path.resolve(here, '../../themes/default/static/search/search.js');
const source = fs.readFileSync(SEARCH_JS, 'utf8');

/** A fresh client over the export in `dir`; protocol 'http:' or 'file:'. */
export function loadClient(dir, { protocol = 'http:', document } = {}) {
  const downloads = [];
  const record = (file, text) => {
    downloads.push({ file, bytes: Buffer.byteLength(text), gzip: zlib.gzipSync(text).length });
  };
  const context = {
    console, URL, URLSearchParams, setTimeout, clearTimeout,
    location: { protocol, pathname: '/search/', search: '', hash: '' },
    __metodistSearchNoAutoAttach: true,
  };
  context.window = context;
  if (document) context.document = document;
  if (protocol === 'file:') {
    context.document = {
      currentScript: null,
      readyState: 'complete',
      createElement: () => ({}),
      head: {
        appendChild(tag) {
          const file = fileURLToPath(tag.src);
          setTimeout(() => {
            if (!fs.existsSync(file)) return tag.onerror && tag.onerror();
            const text = fs.readFileSync(file, 'utf8');
            record(file, text);
            vm.runInContext(text, context, { filename: file });
          }, 0);
        },
      },
    };
  } else {
    context.fetch = async (url) => {
      const { pathname } = new URL(url);
      const file = path.join(dir, decodeURIComponent(pathname.replace(/^\/search\//, '')));
      if (!fs.existsSync(file)) return { ok: false, status: 404 };
      const text = fs.readFileSync(file, 'utf8');
      record(file, text);
      return { ok: true, status: 200, json: async () => JSON.parse(text) };
    };
  }
  vm.createContext(context);
  vm.runInContext(source, context, { filename: SEARCH_JS });
  const base = protocol === 'file:' ? new URL(`file://${path.resolve(dir)}/`).href : 'http://localhost/search/';
  const engine = context.MetodistSearch.create({ base });
  return { engine, downloads, MetodistSearch: context.MetodistSearch, context };
}

/** Plain data out of the vm realm (so deepStrictEqual compares values). */
export const plain = (value) => JSON.parse(JSON.stringify(value));

/** Filters as the Rust side takes them: [[field, value], …]. */
export function toFilters(pairs) {
  return (pairs || []).map(([f, v]) => [f, v]);
}
