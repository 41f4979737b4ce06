// Waiting for the search client (themes/default/static/search/search.js).

/** Waits until the results are shown; fails with the status line if they are not. */
export async function waitForHits(page, { timeout = 45_000 } = {}) {
  try {
    await page.waitForFunction(() => {
      const status = document.getElementById('search-status');
      return document.querySelector('#search-results .search-hit') && status && /Найден/.test(status.textContent);
    }, null, { timeout });
  } catch (e) {
    const status = await page.locator('#search-status').textContent().catch(() => '?');
    throw new Error(`результаты поиска не появились за ${timeout} мс на ${page.url()}; строка состояния: «${status}»`);
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
