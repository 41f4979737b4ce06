// Waiting for the search client (themes/default/static/search/search.js).

const shown = () => {
  const status = document.getElementById('search-status');
  return document.querySelector('#search-results .search-hit') && status && /Найден/.test(status.textContent);
};

/**
 * Waits until the results are shown. If they are not, the page is reloaded once (the
 * hang is reported on stderr with the requests still in flight); a second failure
 * fails the test with that report.
 */
export async function waitForHits(page, { timeout = 30_000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForFunction(shown, null, { timeout });
      return;
    } catch (e) {
      const status = await page.locator('#search-status').textContent().catch(() => '?');
      const inflight = page.inflight ? page.inflight() : [];
      const report = `результаты поиска не появились за ${timeout} мс на ${page.url()}; ` +
        `строка состояния: «${status}»; запросы без ответа: ${inflight.length ? inflight.join(', ') : 'нет'}`;
      if (attempt === 2) throw new Error(report);
      process.stderr.write(`ВНИМАНИЕ: ${report}; страница перезагружена\n`);
      await page.reload();
    }
  }
}

/** The status line's text, e.g. «Найдено 7 практик». */
export function statusText(page) {
  return page.locator('#search-status').textContent();
}

/** The number in the status line («Найдено 15 материалов» → 15; nothing found → 0). */
export async function foundCount(page) {
  const m = /(\d+)/.exec(await statusText(page));
  return m ? Number(m[1]) : 0;
}
