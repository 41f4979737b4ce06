/*
 * metodist — версия для слабовидящих. Plain JS (ES5), no framework, no requests.
 *
 * Include once, in <head>, without defer:  <script src="{{root}}js/a11y.js"></script>
 * so the saved settings apply before the page is first painted (no flash).
 *
 * The theme's markup (base.html), hidden until this script shows it:
 *   button#vi-toggle[aria-pressed][aria-controls=vi-panel][hidden]
 *   #vi-panel[hidden] with button[data-vi-set="size|scheme|spacing|images"][data-vi-value]
 *   and button[data-vi-off]
 * Without JavaScript both stay hidden and the site is the ordinary one.
 *
 * State: localStorage "metodist-vi" = {"on":true,"size":150,"scheme":"light",
 * "spacing":"normal","images":"on"}; one origin over http, and the single file://
 * origin for a copy opened from a flash drive, so the choice follows every page.
 * Applied as <html class="vi" data-vi-size data-vi-scheme data-vi-spacing data-vi-images>;
 * style.css does the rest.
 *
 * It also makes horizontally scrollable table wrappers (.table-wrap) reachable from
 * the keyboard (tabindex=0, role=region, named by the table caption).
 */
(function () {
  'use strict';
  var KEY = 'metodist-vi';
  var DEFAULTS = { on: false, size: 150, scheme: 'light', spacing: 'normal', images: 'on' };
  var ALLOWED = {
    size: ['100', '150', '200'],
    scheme: ['light', 'dark', 'blue'],
    spacing: ['normal', 'wide'],
    images: ['on', 'off']
  };
  var root = document.documentElement;

  function read() {
    var s = {}, k;
    for (k in DEFAULTS) s[k] = DEFAULTS[k];
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || 'null');
      if (saved && typeof saved === 'object') {
        s.on = saved.on === true;
        for (k in ALLOWED) {
          if (saved[k] != null && ALLOWED[k].indexOf(String(saved[k])) >= 0) s[k] = String(saved[k]);
        }
      }
    } catch (e) { /* storage disabled or damaged: defaults */ }
    s.size = String(s.size);
    return s;
  }

  function save(s) {
    try { window.localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* this page only */ }
  }

  function apply(s) {
    var k;
    if (s.on) {
      root.classList.add('vi');
      for (k in ALLOWED) root.setAttribute('data-vi-' + k, s[k]);
    } else {
      root.classList.remove('vi');
      for (k in ALLOWED) root.removeAttribute('data-vi-' + k);
    }
  }

  var state = read();
  apply(state);

  function sync() {
    var toggle = document.getElementById('vi-toggle');
    var panel = document.getElementById('vi-panel');
    if (!toggle || !panel) return;
    toggle.setAttribute('aria-pressed', state.on ? 'true' : 'false');
    panel.hidden = !state.on;
    var buttons = panel.querySelectorAll('button[data-vi-set]');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      b.setAttribute('aria-pressed', String(state[b.getAttribute('data-vi-set')]) === b.getAttribute('data-vi-value') ? 'true' : 'false');
    }
  }

  function change(update) {
    for (var k in update) state[k] = update[k];
    apply(state);
    save(state);
    sync();
    labelTables();
  }

  /** A table wider than its wrapper scrolls: let the keyboard reach and scroll it. */
  function labelTables() {
    // Tables written in Markdown come unwrapped: wrap them like the theme's own.
    var bare = document.querySelectorAll('.prose table');
    for (var j = 0; j < bare.length; j++) {
      var t = bare[j];
      if (t.parentNode.classList && t.parentNode.classList.contains('table-wrap')) continue;
      var div = document.createElement('div');
      div.className = 'table-wrap';
      t.parentNode.insertBefore(div, t);
      div.appendChild(t);
    }
    var wraps = document.querySelectorAll('.table-wrap');
    for (var i = 0; i < wraps.length; i++) {
      var w = wraps[i];
      if (w.hasAttribute('tabindex') && !w.hasAttribute('data-vi-scroll')) continue; // the template's own
      if (w.scrollWidth > w.clientWidth + 1) {
        var caption = w.querySelector('caption');
        w.setAttribute('data-vi-scroll', '');
        w.setAttribute('tabindex', '0');
        w.setAttribute('role', 'region');
        w.setAttribute('aria-label', caption ? caption.textContent.replace(/\s+/g, ' ').trim() : 'Таблица');
      } else if (w.hasAttribute('data-vi-scroll')) {
        w.removeAttribute('data-vi-scroll');
        w.removeAttribute('tabindex');
        w.removeAttribute('role');
        w.removeAttribute('aria-label');
      }
    }
  }

  function start() {
    labelTables();
    var toggle = document.getElementById('vi-toggle');
    var panel = document.getElementById('vi-panel');
    if (!toggle || !panel) return;
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      change({ on: !state.on });
    });
    panel.addEventListener('click', function (event) {
      var b = event.target.closest ? event.target.closest('button') : null;
      if (!b || !panel.contains(b)) return;
      if (b.hasAttribute('data-vi-off')) {
        change({ on: false });
        toggle.focus();
      } else if (b.hasAttribute('data-vi-set')) {
        var update = {};
        update[b.getAttribute('data-vi-set')] = b.getAttribute('data-vi-value');
        change(update);
      }
    });
    sync();
  }

  var resizing = 0;
  window.addEventListener('resize', function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(labelTables, 150);
  });

  // Another tab changed the settings.
  window.addEventListener('storage', function (event) {
    if (event.key !== KEY) return;
    state = read();
    apply(state);
    sync();
    labelTables();
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();

  window.MetodistVI = { read: read, set: change };
})();
