// The site under test: the bundled site (content/, data/ at the repository root) built
// with the metodist binary into a temporary folder, or served by `metodist serve`.
//
// METODIST_BIN  the binary (default: target/debug/metodist, as `cargo build` or
//               `cargo test` leave it; run one of them first).
// METODIST_SITE the site folder (default: the repository root).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const E2E = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(E2E, '../..');
export const SITE = resolve(process.env.METODIST_SITE || ROOT);
export const SCREENSHOTS = join(E2E, 'screenshots');

export function bin() {
  const path = resolve(process.env.METODIST_BIN || join(ROOT, 'target/debug/metodist'));
  if (!existsSync(path)) {
    throw new Error(`нет ${path}: сначала соберите metodist (cargo build) или задайте METODIST_BIN`);
  }
  return path;
}

/** A fresh temporary folder, removed by `cleanup()`. */
export function tempDir(prefix = 'metodist-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Builds `site` into a new temporary folder; returns { out, url(path), cleanup }. */
export function build(site = SITE) {
  const dir = tempDir();
  const out = join(dir, 'public');
  const r = spawnSync(bin(), ['build', site, '-o', out], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`metodist build: ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return {
    out,
    /** file:// URL of a path inside the output ("" = home); a query is kept. */
    url: (path = '') => {
      const [file, query] = (path || 'index.html').split('?');
      return pathToFileURL(join(out, file)).href + (query ? '?' + query : '');
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A copy of the bundled site that a test may edit (content/, data/, metodist.toml…). */
export function copySite(site = SITE) {
  const dir = tempDir('metodist-e2e-site-');
  const copy = join(dir, 'site');
  mkdirSync(copy);
  for (const name of ['content', 'data', 'templates', 'static', 'metodist.toml']) {
    const from = join(site, name);
    if (existsSync(from)) cpSync(from, join(copy, name), { recursive: true, dereference: true });
  }
  return { site: copy, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts `metodist serve <copy of site> --port 0 -o <temp>` on 127.0.0.1; resolves when it
 * prints its address. The server works on a private copy, so edits to the working tree
 * during the run cannot rebuild and reload the pages under test; `site` is that copy,
 * for tests that edit it on purpose. Returns { base, site, out, stop(), log() }.
 */
export function serve(source = SITE, { timeout = 60_000 } = {}) {
  const copy = copySite(source);
  const site = copy.site;
  const dir = tempDir('metodist-e2e-serve-');
  const out = join(dir, 'public');
  const child = spawn(bin(), ['serve', site, '--port', '0', '-o', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
    copy.cleanup();
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`metodist serve не сообщил адрес за ${timeout} мс:\n${log}`));
    }, timeout);
    const onData = (chunk) => {
      log += chunk;
      const m = /Сайт: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.on('data', (c) => { log += c; });
        resolvePromise({ base: m[1], site, out, stop, log: () => log });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { log += c; });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`metodist serve завершился (${code}):\n${log}`));
    });
  });
}
