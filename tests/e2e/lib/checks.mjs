// axe-core in the page, the Nu HTML Checker on files.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe violations of the loaded page at WCAG 2.1 AA. */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { preload: false, runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 200) })),
    }));
  }, WCAG_AA);
  return result;
}

/** Human-readable lines of axe violations. */
export function describeAxe(violations) {
  return violations.flatMap((v) => v.nodes.slice(0, 5).map((n) =>
    `  ${v.id} (${v.impact}): ${v.help}\n    ${n.target}\n    ${n.html}\n    ${(n.summary || '').replace(/\n/g, '\n    ')}`)
    .concat(v.nodes.length > 5 ? [`  … и ещё ${v.nodes.length - 5} (${v.id})`] : []));
}

/** Nu HTML Checker messages (errors only) for HTML files: [{ file, line, message, extract }]. */
export function vnu(files) {
  const jar = require('vnu-jar');
  const r = spawnSync('java', ['-Xss2m', '-jar', jar, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  // vnu writes its JSON report to stderr; exit 1 means "errors found".
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch (e) {
    throw new Error(`vnu: не удалось прочитать отчёт (код ${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  return report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal').map((m) => ({
    file: decodeURIComponent((m.url || '').replace(/^file:/, '')), line: m.lastLine, message: m.message,
    extract: (m.extract || '').replace(/\s+/g, ' ').slice(0, 160),
  }));
}
