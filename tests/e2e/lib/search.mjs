// Waiting for the search client (themes/default/static/search/search.js).

const shown = () => {
  const status = document.getElementById('search-status');
  return document.querySelector('#search-results .search-hit') && status && /Найден/.test(status.textContent);
};

/**
 * Waits until the results are shown; if they are not, fails with the status line and
 * the requests still in flight (a request the server never answered shows there).
 */
export async function waitForHits(page, { timeout = 30_000 } = {}) {
  try {
    await page.waitForFunction(shown, null, { timeout });
  } catch (e) {
    const status = await page.locator('#search-status').textContent().catch(() => '?');
    const inflight = page.inflight ? page.inflight() : [];
    throw new Error(`результаты поиска не появились за ${timeout} мс на ${page.url()}; ` +
      `строка состояния: «${status}»; запросы без ответа: ${inflight.length ? inflight.join(', ') : 'нет'}`);
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
