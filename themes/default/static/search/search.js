/*
 * metodist — поиск по сайту в браузере. Plain JS (ES2017), no framework,
 * no bundler, no wasm, no network requests beyond this site's own files.
 *
 * Include once:  <script src="{{root}}search/search.js" defer></script>
 * It reads the static export written next to it (search/manifest.json, f/, p/,
 * d/, facets) by the `search-index` crate. Over http(s) shards come by fetch;
 * from file:// (a copy on a flash drive) by injected <script> tags, each file
 * calling window.__metodistSearch.register(name, data).
 *
 * API (no DOM needed):
 *   const engine = MetodistSearch.create({ base: "/search/" });
 *   const { hits, facets, total, words, matchedAllWords } =
 *     await engine.query("функциональная грамотность", { district: ["usolsky"] },
 *                        { limit: 10, offset: 0 });
 *   hits[i] = { id, url, href, title, score, kind, district, year, excerpt (HTML) }
 *
 * The ranking rule mirrors search-index/src/query.rs and vocab.rs exactly
 * (a Rust test compares the top 10 of both); change them together.
 *
 * UI: enhances a search form when the page has these elements (ids fixed):
 *   form#search-form[role=search]   the form; works without JS as a GET form.
 *       data-base="…/search/"        where the export lives (default: this
 *                                    script's folder); data-root="…/" the
 *                                    site root (default: base + "../").
 *       data-nouns="практика|практики|практик" data-gender="f"
 *                                    what the status line counts (default:
 *                                    практики when all matches are practices,
 *                                    else материал|материала|материалов, m).
 *   input#search-input[name=q]       the query field.
 *   #search-status                  live region (role=status, aria-live=polite):
 *                                    «Найдено 5 практик». Created if missing.
 *   ul#search-results               the hits, as li > a + p. Created if missing.
 *   #search-facets                  facet checkboxes (fieldset per facet).
 *                                    Created if missing.
 *   Optional, used when the page has them:
 *   button#search-filters-toggle     folds #search-facets away (class
 *                                    is-collapsed; the theme hides it only
 *                                    on narrow screens) and names the count
 *                                    of ticked filters: «Фильтры (выбрано: 2)».
 *   #search-results-heading          shown with the results; a search sent
 *                                    from a form (this one or the header's)
 *                                    moves focus to it (tabindex=-1).
 *   #search-keys                     the hint on the arrow keys, shown while
 *                                    there are hits.
 * State lives in the URL: ?q=…&district=…&level=… (a facet may repeat).
 * Keys: ↓ from the field goes to the first hit, ↑/↓ move between hits,
 * Enter opens, Esc returns to the field (Esc in the field clears it).
 * Classes for the theme: search-hit, search-hit-title, search-hit-meta,
 * search-hit-excerpt, search-facet, search-count, search-more, search-note.
 */
(function (global) {
  'use strict';

  // ---------------------------------------------------------------------
  // Shard registry: the .js form of every export file calls register().
  var hub = global.__metodistSearch || (global.__metodistSearch = {});
  var registered = hub.registered || (hub.registered = Object.create(null));
  var waiting = hub.waiting || (hub.waiting = Object.create(null));
  hub.register = function (name, data) {
    registered[name] = data;
    var list = waiting[name];
    delete waiting[name];
    if (list) list.forEach(function (resolve) { resolve(data); });
  };

  var doc = global.document;
  var script = doc && doc.currentScript;
  var scriptBase = script && script.src ? script.src.replace(/[^/]*$/, '') : '';

  function makeLoader(base, transport) {
    var cache = Object.create(null);
    var version = '';
    function viaFetch(name) {
      var url = base + name + '.json' + (version ? '?v=' + version : '');
      return global.fetch(url).then(function (response) {
        if (!response.ok) throw new Error('Не удалось загрузить ' + url + ': ' + response.status);
        return response.json();
      });
    }
    function viaScript(name) {
      if (registered[name]) return Promise.resolve(registered[name]);
      return new Promise(function (resolve, reject) {
        (waiting[name] || (waiting[name] = [])).push(resolve);
        var tag = doc.createElement('script');
        tag.src = base + name + '.js';
        tag.async = true;
        tag.onerror = function () { reject(new Error('Не удалось загрузить ' + tag.src)); };
        (doc.head || doc.documentElement).appendChild(tag);
      });
    }
    function load(name) {
      if (!cache[name]) {
        cache[name] = (transport === 'script' ? viaScript : viaFetch)(name);
        // A failed load may be retried by the next query.
        cache[name].catch(function () { delete cache[name]; });
      }
      return cache[name];
    }
    load.setVersion = function (v) { version = v; };
    return load;
  }

  // ---------------------------------------------------------------------
  // Text: stages 1–5 of search-index/src/analyzer.rs (no stemming here).
  var RUN = /[\p{Alphabetic}\p{N}\u00AD\u0300\u0301]+/gu;
  var IGNORABLE = /[\u00AD\u0300\u0301]/g;

  function normalizeRun(run) {
    var out = '';
    for (var ch of run.replace(IGNORABLE, '')) out += ch.toLowerCase();
    return out.replace(/ё/g, 'е');
  }

  /** Every word of `text` with its offsets, before stop-word removal. */
  function words(text) {
    var out = [];
    RUN.lastIndex = 0;
    var m;
    while ((m = RUN.exec(text))) {
      var form = normalizeRun(m[0]);
      if (form) out.push({ form: form, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  function chars(s) { return Array.from(s); }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  /** Same as Rust's within_one_edit: substitution, insertion, deletion, swap. */
  function withinOneEdit(a, bString) {
    var b = chars(bString);
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var p = 0;
    while (p < la && p < lb && a[p] === b[p]) p++;
    var same = function (x, xi, y, yi) {
      if (x.length - xi !== y.length - yi) return false;
      for (var i = 0; xi + i < x.length; i++) if (x[xi + i] !== y[yi + i]) return false;
      return true;
    };
    if (la === lb) {
      if (p === la) return true;
      return same(a, p + 1, b, p + 1) ||
        (p + 1 < la && a[p] === b[p + 1] && a[p + 1] === b[p] && same(a, p + 2, b, p + 2));
    }
    return la > lb ? same(a, p + 1, b, p) : same(b, p + 1, a, p);
  }

  // Postings numbers (export.rs push_number): base 45, the first 45 digits
  // end a number, the next 45 carry its higher digits.
  var NUMBER_DIGITS = '!#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|';
  var DIGIT_VALUE = {};
  for (var d = 0; d < NUMBER_DIGITS.length; d++) DIGIT_VALUE[NUMBER_DIGITS[d]] = d;

  function decodeNumbers(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var digit = DIGIT_VALUE[s[i]];
      if (digit >= 45) v = v * 45 + digit - 45;
      else { out.push(v * 45 + digit); v = 0; }
    }
    return out;
  }

  function countNumbers(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) if (DIGIT_VALUE[s[i]] < 45) n++;
    return n;
  }

  /** Largest i with keys[i] <= key (0 if none): the shard that may hold key. */
  function shardOf(keys, key) {
    var lo = 0, hi = keys.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function shardsBetween(keys, lo, hi) {
    var out = [];
    if (!keys.length) return out;
    for (var i = shardOf(keys, lo); i <= shardOf(keys, hi); i++) out.push(i);
    return out;
  }

  var TOP = '\uffff';
  // Excerpts: a first match past CROP_AFTER chars starts the text about
  // CROP_CONTEXT chars before it.
  var CROP_AFTER = 120, CROP_CONTEXT = 50;

  // ---------------------------------------------------------------------
  // The engine.
  function Engine(options) {
    options = options || {};
    var base = options.base || scriptBase;
    if (base && !/\/$/.test(base)) base += '/';
    var protocol = global.location && global.location.protocol;
    var transport = options.transport ||
      (protocol === 'file:' || typeof global.fetch !== 'function' ? 'script' : 'fetch');
    this.base = base;
    this.root = options.root || base + '../';
    this.fileUrls = protocol === 'file:';
    this.load = makeLoader(base, transport);
    this.formShards = Object.create(null);
    this.postingShards = Object.create(null);
    this.decoded = Object.create(null);
    this.facetTable = null;
    this.ready = this.init();
  }

  /** Loads the manifest; a query retries it if it failed (offline, 404). */
  Engine.prototype.init = function () {
    var self = this;
    var ready = this.load('manifest').then(function (manifest) {
      if (manifest.format !== 1) throw new Error('Неизвестный формат поискового индекса');
      self.manifest = manifest;
      self.config = manifest.config;
      self.stop = new Set(manifest.stop);
      self.load.setVersion(manifest.version);
      return manifest;
    });
    ready.catch(function () { self.failed = true; });
    return ready;
  };

  /** Query forms: words minus stop words and over-long junk (stages 4–5). */
  Engine.prototype.forms = function (text) {
    var self = this;
    return words(text).map(function (w) { return w.form; }).filter(function (f) {
      return !self.stop.has(f) && chars(f).length <= self.config.maxWordChars;
    });
  };

  Engine.prototype.formShard = function (i) {
    var self = this;
    if (!this.formShards[i]) {
      this.formShards[i] = this.load('f/' + i).then(function (data) {
        var w = data.w, shard = { forms: [], stems: [], dfs: [], index: new Map() };
        for (var k = 0; k < w.length; k += 3) {
          var form = w[k], ref = w[k + 1];
          var stem = typeof ref === 'number' ? form.slice(0, ref) : ref;
          shard.index.set(form, shard.forms.length);
          shard.forms.push(form);
          shard.stems.push(stem);
          shard.dfs.push(w[k + 2]);
        }
        return shard;
      });
      this.formShards[i].catch(function () { delete self.formShards[i]; });
    }
    return this.formShards[i];
  };

  Engine.prototype.postingShard = function (i) {
    var self = this;
    if (!this.postingShards[i]) {
      this.postingShards[i] = this.load('p/' + i).then(function (data) { return data.s; });
      this.postingShards[i].catch(function () { delete self.postingShards[i]; });
    }
    return this.postingShards[i];
  };

  /** Form entries (form, stem, df) of every form in [lo, hi]. */
  Engine.prototype.formsBetween = function (lo, hi) {
    var self = this;
    var shards = shardsBetween(this.manifest.forms, lo, hi);
    return Promise.all(shards.map(function (i) { return self.formShard(i); })).then(function (list) {
      var out = [];
      list.forEach(function (shard) {
        shard.forms.forEach(function (form, k) {
          if (form >= lo && form <= hi) out.push({ form: form, stem: shard.stems[k], df: shard.dfs[k] });
        });
      });
      return out;
    });
  };

  /** Posting arrays of every stem in [lo, hi], as a Map stem → raw array. */
  Engine.prototype.stemsBetween = function (lo, hi) {
    var self = this;
    var shards = shardsBetween(this.manifest.postings, lo, hi);
    return Promise.all(shards.map(function (i) { return self.postingShard(i); })).then(function (list) {
      var out = new Map();
      list.forEach(function (shard) {
        Object.keys(shard).forEach(function (stem) {
          if (stem >= lo && stem <= hi) out.set(stem, shard[stem]);
        });
      });
      return out;
    });
  };

  /** (ords, scores) of a stem; undefined if the stem is not indexed. */
  Engine.prototype.postings = function (stem) {
    var self = this;
    if (this.decoded[stem]) return Promise.resolve(this.decoded[stem]);
    return this.stemsBetween(stem, stem).then(function (found) {
      var raw = found.get(stem);
      if (raw === undefined) return undefined;
      var numbers = decodeNumbers(raw), ords = [], scores = [], ord = 0;
      for (var k = 0; k < numbers.length; k += 2) {
        ord += numbers[k];
        ords.push(ord);
        scores.push(numbers[k + 1]);
      }
      return (self.decoded[stem] = { ords: ords, scores: scores });
    });
  };

  /** The `maxExpansions` most frequent distinct stems; ties by stem. */
  Engine.prototype.topStems = function (entries) {
    var df = new Map();
    entries.forEach(function (e) { df.set(e.stem, e.df); });
    return Array.from(df.keys()).sort(function (a, b) {
      return df.get(b) - df.get(a) || cmp(a, b);
    }).slice(0, this.config.maxExpansions);
  };

  /** Family of `base`: indexed stems sharing its long prefix (vocab.rs). */
  Engine.prototype.family = function (base, exclude) {
    var c = this.config, cs = chars(base), self = this;
    if (cs.length < c.familyMinChars) return Promise.resolve([]);
    var prefix = cs.slice(0, Math.max(c.familyMinChars, cs.length - c.familySlackChars)).join('');
    return this.stemsBetween(prefix, prefix + TOP).then(function (found) {
      var entries = [];
      found.forEach(function (raw, stem) {
        if (stem.startsWith(prefix) && stem !== exclude) entries.push({ stem: stem, df: countNumbers(raw) / 2 });
      });
      return self.topStems(entries);
    });
  };

  /** Rules 1–6 of Vocabulary::resolve in vocab.rs, in the same order. */
  Engine.prototype.resolveWord = async function (word, asPrefix) {
    var c = this.config, cs = chars(word), self = this;
    var result = function (stems, related, how, suggestion) {
      return { word: word, stems: stems, related: related, how: how, suggestion: suggestion };
    };
    var exact = await this.formsBetween(word, word);
    if (exact.length) {
      return result([exact[0].stem], await this.family(exact[0].stem, exact[0].stem), 'exact');
    }
    if (asPrefix && cs.length >= c.minPrefix) {
      var begun = (await this.formsBetween(word, word + TOP)).filter(function (e) {
        return e.form.startsWith(word);
      });
      var stems = this.topStems(begun);
      if (stems.length) return result(stems, [], 'prefix');
    }
    if (cs.length >= c.minStem) {
      var shortest = Math.max(c.minStem, cs.length - c.maxEnding);
      var indexed = await this.stemsBetween(cs.slice(0, shortest).join(''), word);
      for (var k = cs.length; k >= shortest; k--) {
        var candidate = cs.slice(0, k).join('');
        if (indexed.has(candidate)) {
          return result([candidate], await this.family(candidate, candidate), 'ending');
        }
      }
    }
    if (cs.length >= c.typoMinChars) {
      var fixed = cs.slice(0, c.typoFixedPrefix).join('');
      var near = (await this.formsBetween(fixed, fixed + TOP)).filter(function (e) {
        return e.form.startsWith(fixed) && withinOneEdit(cs, e.form);
      });
      var typoStems = this.topStems(near);
      if (typoStems.length) {
        var best = near.filter(function (e) { return e.stem === typoStems[0]; })[0];
        return result(typoStems, [], 'typo', best && best.form);
      }
    }
    var related = await self.family(word, '');
    if (related.length) return result([], related, 'related');
    return result([], [], 'unknown');
  };

  Engine.prototype.facets = function () {
    var self = this;
    if (!this.facetTable) {
      this.facetTable = this.load('facets').then(function (data) {
        var n = self.manifest.docs, digits = data.digits, base = digits.length - 1;
        return data.fields.map(function (f) {
          // export.rs write_facets: value indexes per ordinal, `width` digits each.
          var groups = f.multi ? f.docs.split(',') : null, docValues = new Array(n);
          for (var i = 0; i < n; i++) {
            var group = f.multi ? groups[i] : f.docs.substr(i * f.width, f.width), values = [];
            for (var k = 0; k + f.width <= group.length; k += f.width) {
              var v = 0;
              for (var j = 0; j < f.width; j++) v = v * base + digits.indexOf(group[k + j]);
              if (v >= 0 && group[k] !== ' ') values.push(v);
            }
            docValues[i] = values;
          }
          return { name: f.name, values: f.values, labels: f.labels || f.values, docValues: docValues };
        });
      });
      this.facetTable.catch(function () { self.facetTable = null; });
    }
    return this.facetTable;
  };

  /** Filters as { field: [values] } or [[field, value], …] → per-field sets. */
  function selectFilters(table, filters) {
    var pairs = [];
    if (Array.isArray(filters)) pairs = filters;
    else if (filters) {
      Object.keys(filters).forEach(function (name) {
        [].concat(filters[name]).forEach(function (v) { pairs.push([name, String(v)]); });
      });
    }
    var selected = table.map(function () { return null; });
    pairs.forEach(function (pair) {
      var fi = table.findIndex(function (f) { return f.name === pair[0]; });
      if (fi < 0) throw new Error('неизвестный фильтр «' + pair[0] + '»');
      var vi = table[fi].values.indexOf(pair[1]);
      (selected[fi] || (selected[fi] = [])).push(vi);
    });
    return selected;
  }

  function passes(table, selected, ord, except) {
    for (var fi = 0; fi < table.length; fi++) {
      if (fi === except || !selected[fi]) continue;
      var values = table[fi].docValues[ord], ok = false;
      for (var k = 0; k < values.length && !ok; k++) ok = selected[fi].indexOf(values[k]) >= 0;
      if (!ok) return false;
    }
    return true;
  }

  function facetCounts(table, selected, ords) {
    return table.map(function (field, fi) {
      var counts = new Array(field.values.length).fill(0);
      ords.forEach(function (ord) {
        if (passes(table, selected, ord, fi)) {
          field.docValues[ord].forEach(function (v) { counts[v]++; });
        }
      });
      var chosen = selected[fi] || [];
      var values = [];
      counts.forEach(function (n, vi) {
        if (n > 0 || chosen.indexOf(vi) >= 0) {
          values.push({ value: field.values[vi], label: field.labels[vi], count: n });
        }
      });
      values.sort(function (a, b) { return b.count - a.count || cmp(a.value, b.value); });
      return { field: field.name, values: values };
    });
  }

  /** Scores of every matching ordinal: AND over words, OR as a fallback. */
  Engine.prototype.match = async function (text) {
    var forms = this.forms(text), self = this;
    if (!forms.length) {
      var all = [];
      if (!text.trim()) for (var i = 0; i < this.manifest.docs; i++) all.push([i, 0]);
      return { words: [], scored: all, matchedAllWords: true };
    }
    var prefixLast = !/\s$/.test(text);
    var resolved = await Promise.all(forms.map(function (form, i) {
      return self.resolveWord(form, prefixLast && i === forms.length - 1);
    }));
    var perWord = await Promise.all(resolved.map(async function (word) {
      var best = new Map();
      var weighted = word.stems.map(function (s) { return [s, 1]; }).concat(
        word.related.map(function (s) { return [s, self.config.relatedDivisor]; }));
      for (var w of weighted) {
        var p = await self.postings(w[0]);
        if (!p) continue;
        for (var k = 0; k < p.ords.length; k++) {
          var score = w[1] === 1 ? p.scores[k] : Math.floor(p.scores[k] / w[1]);
          var had = best.get(p.ords[k]);
          if (had === undefined || score > had) best.set(p.ords[k], score);
        }
      }
      return best;
    }));
    var scored = combine(perWord, true), matchedAllWords = true;
    if (!scored.length && perWord.length > 1) {
      scored = combine(perWord, false);
      matchedAllWords = false;
    }
    return { words: resolved, scored: scored, matchedAllWords: matchedAllWords };
  };

  function combine(perWord, requireAll) {
    var totals = new Map();
    perWord.forEach(function (best) {
      best.forEach(function (score, ord) {
        var t = totals.get(ord);
        if (t) { t[0] += score; t[1]++; } else totals.set(ord, [score, 1]);
      });
    });
    var out = [];
    totals.forEach(function (t, ord) {
      if (!requireAll || t[1] === perWord.length) out.push([ord, t[0]]);
    });
    return out;
  }

  /** Runs a query: see the API at the top of the file. */
  Engine.prototype.query = async function (text, filters, options) {
    options = options || {};
    text = text == null ? '' : String(text);
    if (this.failed) { this.failed = false; this.ready = this.init(); }
    await this.ready;
    var results = await Promise.all([this.match(text), this.facets()]);
    var matched = results[0], table = results[1];
    var selected = selectFilters(table, filters);
    var ords = matched.scored.map(function (s) { return s[0]; });
    var facets = facetCounts(table, selected, ords);
    var kept = matched.scored.filter(function (s) { return passes(table, selected, s[0], -1); });
    kept.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var offset = options.offset || 0, limit = options.limit == null ? 10 : options.limit;
    var page = kept.slice(offset, offset + limit);
    var hits = await this.fragments(page, matched.words);
    return {
      hits: hits, facets: facets, total: kept.length,
      words: matched.words, matchedAllWords: matched.matchedAllWords
    };
  };

  Engine.prototype.fragments = function (page, resolved) {
    var self = this, size = this.manifest.docShard;
    var shards = Array.from(new Set(page.map(function (s) { return Math.floor(s[0] / size); })));
    var queryForms = new Set(resolved.map(function (w) { return w.word; }));
    var stems = [];
    resolved.forEach(function (w) { stems = stems.concat(w.stems, w.related); });
    return Promise.all(shards.map(function (i) { return self.load('d/' + i); })).then(function (loaded) {
      var byShard = new Map();
      shards.forEach(function (s, k) { byShard.set(s, loaded[k].d); });
      return page.map(function (s) {
        var f = byShard.get(Math.floor(s[0] / size))[s[0] % size];
        return {
          id: f.id, url: f.u, href: self.href(f.u), title: f.t, score: s[1],
          kind: f.k, district: f.n || '', year: f.y == null ? null : f.y,
          excerpt: highlight(f.x, queryForms, stems, self.stop)
        };
      });
    });
  };

  Engine.prototype.href = function (url) {
    if (/^[a-z]+:|^\//i.test(url)) return url;
    // file:// shows a folder listing, not its index.html, for "x/".
    return this.root + url + (this.fileUrls && /\/$/.test(url) ? 'index.html' : '');
  };

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }

  /** Escaped `text` with <mark> around the words the query matched; a long
   * text is cut to start shortly before the first match. */
  function highlight(text, queryForms, stems, stop) {
    var out = '', at = 0, first = true;
    words(text).forEach(function (w) {
      var hit = !stop.has(w.form) && (queryForms.has(w.form) || stems.some(function (s) {
        return s.length >= 3 && w.form.startsWith(s);
      }));
      if (!hit) return;
      if (first && w.start > CROP_AFTER) {
        var from = text.lastIndexOf(' ', w.start - CROP_CONTEXT);
        if (from > 0) { out = '…'; at = from + 1; }
      }
      first = false;
      out += escapeHtml(text.slice(at, w.start)) + '<mark>' + escapeHtml(text.slice(w.start, w.end)) + '</mark>';
      at = w.end;
    });
    return out + escapeHtml(text.slice(at));
  }

  // ---------------------------------------------------------------------
  // Russian wording.
  function plural(n, forms) {
    var n10 = n % 10, n100 = n % 100;
    if (n10 === 1 && n100 !== 11) return forms[0];
    if (n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14)) return forms[1];
    return forms[2];
  }

  /** «Найдено 5 практик», «Найдена 1 практика», «Найден 21 материал». */
  function foundText(n, nouns, gender) {
    if (n === 0) return 'Ничего не найдено';
    var one = n % 10 === 1 && n % 100 !== 11;
    var verb = !one || gender === 'n' ? 'Найдено' : gender === 'f' ? 'Найдена' : 'Найден';
    return verb + ' ' + n + ' ' + plural(n, nouns);
  }

  var FACET_LABELS = {
    kind: 'Вид', district: 'Район', level: 'Уровень образования', subject: 'Предмет',
    form: 'Форма', year: 'Год', tags: 'Темы'
  };
  var KIND_LABELS = {
    report: 'Отчёт', plan: 'План', roadmap: 'Дорожная карта', programme: 'Программа',
    regulation: 'Положение', rmo: 'РМО', competition: 'Конкурс', practice: 'Практика',
    event: 'Мероприятие', page: 'Страница', news: 'Новость'
  };
  var LEVEL_LABELS = {
    'ДО': 'Дошкольное', 'НОО': 'Начальное общее', 'ООО': 'Основное общее',
    'СОО': 'Среднее общее', 'ДОД': 'Дополнительное'
  };

  function valueLabel(field, v) {
    if (field === 'kind') return KIND_LABELS[v.value] || v.label;
    if (field === 'level') return LEVEL_LABELS[v.value] ? v.value + ' — ' + LEVEL_LABELS[v.value] : v.label;
    return v.label;
  }

  // ---------------------------------------------------------------------
  // UI.
  var FACET_NAMES = ['kind', 'district', 'level', 'subject', 'form', 'year', 'tags'];
  var PAGE = 10, SHOWN_VALUES = 12;

  function element(tag, attrs, text) {
    var el = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text != null) el.textContent = text;
    return el;
  }

  function ensure(id, tag, after, attrs) {
    var el = doc.getElementById(id);
    if (!el) {
      el = element(tag, { id: id });
      after.parentNode.insertBefore(el, after.nextSibling);
    }
    Object.keys(attrs || {}).forEach(function (k) {
      if (el.getAttribute(k) == null) el.setAttribute(k, attrs[k]);
    });
    return el;
  }

  function readUrl(loc) {
    var params = new URLSearchParams(loc.search), filters = {};
    FACET_NAMES.forEach(function (name) {
      var values = params.getAll(name).filter(Boolean);
      if (values.length) filters[name] = values;
    });
    return { q: params.get('q') || '', filters: filters };
  }

  function writeUrl(loc, state) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    FACET_NAMES.forEach(function (name) {
      (state.filters[name] || []).forEach(function (v) { params.append(name, v); });
    });
    var search = params.toString();
    return loc.pathname + (search ? '?' + search : '') + loc.hash;
  }

  /** Enhances the form described at the top of this file. */
  function attach(form, options) {
    options = options || {};
    var input = doc.getElementById('search-input') || form.querySelector('input[name=q]');
    var status = ensure('search-status', 'p', form, { role: 'status', 'aria-live': 'polite' });
    var facetBox = ensure('search-facets', 'div', status);
    var list = ensure('search-results', 'ul', facetBox);
    var engine = options.engine || create({
      base: form.getAttribute('data-base') || options.base,
      root: form.getAttribute('data-root') || options.root
    });
    var toggle = doc.getElementById('search-filters-toggle');
    var heading = doc.getElementById('search-results-heading');
    var keys = doc.getElementById('search-keys');
    var nouns = (form.getAttribute('data-nouns') || '').split('|');
    var state = readUrl(global.location), shown = PAGE, timer = 0, serial = 0;
    input.value = state.q;
    input.setAttribute('aria-controls', list.id);
    list.setAttribute('aria-label', 'Результаты поиска');

    function announce(res) {
      var kinds = state.filters.kind || res.facets.filter(function (f) {
        return f.field === 'kind';
      })[0].values.map(function (v) { return v.value; });
      var allPractices = kinds.length === 1 && kinds[0] === 'practice';
      var text = nouns.length === 3
        ? foundText(res.total, nouns, form.getAttribute('data-gender') || 'm')
        : allPractices ? foundText(res.total, ['практика', 'практики', 'практик'], 'f')
          : foundText(res.total, ['материал', 'материала', 'материалов'], 'm');
      var fixes = res.words.filter(function (w) { return w.how === 'typo' && w.suggestion; });
      if (fixes.length) {
        text += '. Исправлено: ' + fixes.map(function (w) { return w.word + ' → ' + w.suggestion; }).join(', ');
      }
      if (!res.matchedAllWords && res.total) text += '. Нет материалов со всеми словами, показаны частичные совпадения';
      status.textContent = text;
    }

    function renderHits(res) {
      list.textContent = '';
      res.hits.forEach(function (hit) {
        var li = element('li', { class: 'search-hit' });
        var a = element('a', { href: hit.href, class: 'search-hit-title' }, hit.title);
        li.appendChild(a);
        var meta = [KIND_LABELS[hit.kind] || hit.kind, hit.district, hit.year].filter(Boolean).join(' · ');
        if (meta) li.appendChild(element('p', { class: 'search-hit-meta' }, meta));
        var excerpt = element('p', { class: 'search-hit-excerpt' });
        excerpt.innerHTML = hit.excerpt; // escaped by highlight()
        li.appendChild(excerpt);
        list.appendChild(li);
      });
      if (res.total > res.hits.length) {
        var li = element('li', { class: 'search-more' });
        var more = element('button', { type: 'button' }, 'Показать ещё');
        more.addEventListener('click', function () { shown += PAGE; run(false, true); });
        li.appendChild(more);
        list.appendChild(li);
      }
    }

    function renderFacets(res) {
      facetBox.textContent = '';
      res.facets.forEach(function (facet) {
        var chosen = state.filters[facet.field] || [];
        var values = facet.values.filter(function (v, i) {
          return i < SHOWN_VALUES || chosen.indexOf(v.value) >= 0;
        });
        if (!values.length) return;
        var set = element('fieldset', { class: 'search-facet' });
        set.appendChild(element('legend', null, FACET_LABELS[facet.field] || facet.field));
        values.forEach(function (v) {
          var label = element('label');
          var box = element('input', { type: 'checkbox', name: facet.field, value: v.value });
          box.checked = chosen.indexOf(v.value) >= 0;
          label.appendChild(box);
          label.appendChild(doc.createTextNode(' ' + valueLabel(facet.field, v) + ' '));
          label.appendChild(element('span', { class: 'search-count' }, '(' + v.count + ')'));
          set.appendChild(label);
        });
        facetBox.appendChild(set);
      });
      showToggle(facetBox.children.length > 0);
    }

    /** The filter button: shown when there are filters, with the count of ticked ones. */
    function showToggle(any) {
      if (!toggle) return;
      var ticked = 0;
      Object.keys(state.filters).forEach(function (name) { ticked += state.filters[name].length; });
      toggle.textContent = ticked ? 'Фильтры (выбрано: ' + ticked + ')' : 'Фильтры';
      toggle.hidden = !any;
    }

    function setExpanded(open) {
      if (!toggle) return;
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      facetBox.setAttribute('class', 'search-facets' + (open ? '' : ' is-collapsed'));
    }

    function showResultsHead(res) {
      if (heading) heading.hidden = !res;
      if (keys) keys.hidden = !(res && res.hits.length);
    }

    /** Runs the search in the field; `toHeading`: a search the reader sent (Enter, «Найти»,
     * the header's form), after which focus goes to the results' heading. */
    function run(push, keepFocus, toHeading) {
      var mine = ++serial;
      state.q = input.value;
      var url = writeUrl(global.location, state);
      if (global.history && url !== global.location.pathname + global.location.search + global.location.hash) {
        global.history[push ? 'pushState' : 'replaceState'](null, '', url);
      }
      if (!state.q.trim() && !Object.keys(state.filters).length) {
        list.textContent = '';
        facetBox.textContent = '';
        status.textContent = '';
        showToggle(false);
        showResultsHead(null);
        return Promise.resolve(null);
      }
      return engine.query(state.q, state.filters, { limit: shown }).then(function (res) {
        if (mine !== serial) return res; // a newer query is on its way
        renderFacets(res);
        renderHits(res);
        announce(res);
        showResultsHead(res);
        if (keepFocus) {
          var links = list.querySelectorAll('a');
          if (links.length > shown - PAGE) links[shown - PAGE].focus();
        } else if (toHeading && heading) {
          heading.focus();
        }
        return res;
      }, function (error) {
        if (mine === serial) status.textContent = 'Поиск недоступен: ' + error.message;
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      shown = PAGE;
      run(true, false, true);
    });
    if (toggle) {
      toggle.addEventListener('click', function () {
        setExpanded(toggle.getAttribute('aria-expanded') !== 'true');
      });
    }
    input.addEventListener('input', function () {
      shown = PAGE;
      global.clearTimeout(timer);
      timer = global.setTimeout(function () { run(false); }, 120);
    });
    facetBox.addEventListener('change', function (event) {
      var box = event.target;
      if (!box || box.type !== 'checkbox') return;
      var values = (state.filters[box.name] || []).filter(function (v) { return v !== box.value; });
      if (box.checked) values.push(box.value);
      if (values.length) state.filters[box.name] = values; else delete state.filters[box.name];
      shown = PAGE;
      run(true);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') {
        var first = list.querySelector('a');
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === 'Escape' && input.value) {
        event.preventDefault();
        input.value = '';
        run(false);
      }
    });
    list.addEventListener('keydown', function (event) {
      var links = Array.from(list.querySelectorAll('a'));
      var at = links.indexOf(doc.activeElement);
      if (event.key === 'ArrowDown' && at >= 0 && at < links.length - 1) {
        event.preventDefault();
        links[at + 1].focus();
      } else if (event.key === 'ArrowUp' && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        input.focus();
      }
    });
    global.addEventListener('popstate', function () {
      state = readUrl(global.location);
      input.value = state.q;
      run(false);
    });
    // Arriving with a query (the header's search form, a shared link) is a search sent.
    var first = run(false, false, !!state.q.trim());
    return { engine: engine, run: run, ready: first };
  }

  function create(options) { return new Engine(options); }

  global.MetodistSearch = {
    create: create,
    attach: attach,
    // Exposed for tests and for themes that render their own UI.
    util: {
      words: words, withinOneEdit: withinOneEdit, plural: plural, foundText: foundText,
      decodeNumbers: decodeNumbers,
      highlight: highlight, readUrl: readUrl, writeUrl: writeUrl
    }
  };

  if (doc && !global.__metodistSearchNoAutoAttach) {
    var start = function () {
      var form = doc.getElementById('search-form');
      if (form) attach(form);
    };
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
    else start();
  }
})(typeof window !== 'undefined' ? window : globalThis);
