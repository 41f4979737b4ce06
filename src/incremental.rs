//! The build pipeline with memory: a [`Builder`] runs `load → parse → bodies → validate →
//! accountability → derive → render → write + search` and, when asked to keep its work
//! (`metodist serve`), remembers between builds what each stage produced, so the next
//! build redoes only what a change affects.
//!
//! What is remembered, and when it is reused:
//! - **parse**: per source file; reused while the file's text is the same.
//! - **Markdown**: per page; reused while the text, the URL and what every link of the
//!   body resolves to are the same (a new or deleted page changes resolutions).
//! - **personal data** warnings: per page, while the text and `allowed_contacts` are.
//! - **accountability**: for the whole site, while every accountable page (text, plan,
//!   region), the registries and the files beside the content are the same.
//! - **page views**: per page, while the inputs of [`derive::page_view`] are the same
//!   (text, URL, link resolutions, resolved references and the pages they name, plan,
//!   registries, last-change date); backlinks, sections, taxonomies and dashboards are
//!   recomputed every time (they are cheap and global).
//! - **rendering**: per output file, a fingerprint of everything its template context
//!   holds and of the templates; a file is rendered again only if its fingerprint changed.
//! - **writing**: the first build writes a fresh folder and swaps it in; later builds write
//!   only files whose bytes changed (each through a temporary file and a rename) and remove
//!   files no longer produced.
//! - **search**: rebuilt when any page's searchable input changed; BM25 scores depend on
//!   the whole corpus, so the index and its export are rebuilt whole, in the background
//!   when the builder is told so (the dev server), then swapped in.
//!
//! A builder that keeps nothing (`metodist build`, `check`) runs exactly the same code
//! with every cache empty.

use crate::build::{BuildOptions, BuildReport, Progress, Timings};
use crate::derive::{self, PageView, Site};
use crate::diag::Diagnostics;
use crate::load::SourceFile;
use crate::markdown::{Rendered, Resolved};
use crate::parse::{Page, Section};
use crate::render::{self, Job, OutFile};
use crate::validate;
use crate::{body, config, load, parse, write};
use anyhow::{Context as _, Result};
use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

/// Runs builds of one site, remembering work between them if asked to.
pub struct Builder {
    opts: BuildOptions,
    keep: bool,
    background_search: bool,
    progress: Progress,
    cache: Cache,
    search: Option<std::thread::JoinHandle<Result<()>>>,
}

/// What the last builds left for the next one.
#[derive(Default)]
struct Cache {
    read: load::ReadCache,
    parsed: HashMap<PathBuf, Parsed>,
    pages: HashMap<PathBuf, PageEntry>,
    reg_hash: u64,
    acc: Option<AccCache>,
    tera: Option<(u64, tera::Tera, Diagnostics)>,
    /// The last site, while the background search may still read it.
    site: Option<Arc<Site>>,
    /// The output folder as the last successful build left it.
    out: Option<OutState>,
}

/// One source file, parsed.
struct Parsed {
    item: Item,
    text_hash: u64,
    diags: Diagnostics,
}

enum Item {
    Page(Box<Page>),
    Section(Section),
    /// A draft or a file with errors: only its text is kept, to notice a change.
    Skipped(String),
}

/// Per page: its body as rendered (links, headings), its view and warnings.
struct PageEntry {
    text_hash: u64,
    url: String,
    dir: String,
    hrefs: Vec<Resolved>,
    headings: Vec<crate::markdown::Heading>,
    links: Vec<crate::markdown::Link>,
    too_deep: Option<usize>,
    /// (inputs fingerprint, view without backlinks).
    view: Option<(u64, PageView)>,
    personal: Option<(u64, Diagnostics)>,
}

struct AccCache {
    key: u64,
    by_src: HashMap<PathBuf, Arc<crate::accountability::Derived>>,
    diags: Diagnostics,
}

/// What is in the output folder.
#[derive(Default)]
struct OutState {
    files: HashMap<PathBuf, Entry>,
    jobs: HashMap<PathBuf, u64>,
    search: Option<u64>,
    /// The output's manifest, kept true by the page writes and the background search.
    manifest: Arc<Mutex<write::Manifest>>,
    /// The output folder, by its real path.
    dir: write::InPlace,
}

/// How a file of the output came to be.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// Written with bytes of this hash and length.
    Bytes(u64, u64),
    /// Copied from a source file with this size and modification time.
    Copy(PathBuf, u64, Option<SystemTime>),
}

fn new_hasher() -> DefaultHasher {
    // `DefaultHasher::new()` has fixed keys: the same input hashes the same way in one
    // process, which is all a cache kept in memory needs.
    DefaultHasher::new()
}

fn hash_of(v: impl Hash) -> u64 {
    let mut h = new_hasher();
    v.hash(&mut h);
    h.finish()
}

struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Feeds the JSON of `v` (what a template would see) into `h`.
fn hash_json<T: serde::Serialize + ?Sized>(h: &mut DefaultHasher, v: &T) {
    if serde_json::to_writer(HashWriter(h), v).is_err() {
        // Unserializable values never repeat a fingerprint.
        h.write_u64(rand_u64());
    }
}

fn rand_u64() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    N.fetch_add(1, Ordering::Relaxed) ^ 0x9e37_79b9_7f4a_7c15
}

fn resolved_key(r: &Resolved) -> Option<&str> {
    match r {
        Resolved::Keep => None,
        Resolved::Href(h) => Some(h),
    }
}

impl Builder {
    /// A builder that keeps nothing between builds: `metodist build` and `check`.
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            keep: false,
            background_search: false,
            progress: Progress::hidden(),
            cache: Cache::default(),
            search: None,
        }
    }

    /// A builder that remembers its work, so later builds redo only what changed.
    pub fn incremental(opts: BuildOptions) -> Builder {
        let mut b = Builder::new(opts);
        b.keep = true;
        b
    }

    /// Rebuilds the search index in a background thread after the pages are written
    /// (the dev server: pages reload at once, search catches up). [`Builder::wait`]
    /// waits for it.
    pub fn search_in_background(mut self, on: bool) -> Builder {
        self.background_search = on;
        self
    }

    /// Shows a progress display while building.
    pub fn with_progress(mut self, progress: Progress) -> Builder {
        self.progress = progress;
        self
    }

    /// The options this builder builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Waits for a search index still being built in the background.
    pub fn wait(&mut self) -> Result<()> {
        match self.search.take() {
            Some(handle) => handle
                .join()
                .map_err(|_| anyhow::anyhow!("построение поискового индекса прервалось"))?,
            None => Ok(()),
        }
    }

    /// Builds the site.
    pub fn build(&mut self) -> Result<BuildReport> {
        let started = Instant::now();
        let mut t = Timings::from_env();
        let result = self.run(started, &mut t);
        self.progress.finish();
        if result.is_err() || !self.keep {
            // An I/O failure leaves the output in an unknown state: start afresh.
            self.cache.out = None;
        }
        t.print();
        result
    }

    fn run(&mut self, started: Instant, t: &mut Timings) -> Result<BuildReport> {
        let opts = self.opts.clone();
        load::check_site(&opts.root)?;
        let keep = self.keep;
        let mut diags = Diagnostics::new();
        // The views of the last site come back into the cache; without them the page
        // entries (which hold only stand-ins) are useless.
        match self.cache.site.take().and_then(unshared) {
            Some(site) => {
                for v in site.pages {
                    if let Some((_, slot)) = self
                        .cache
                        .pages
                        .get_mut(Path::new(&v.src))
                        .and_then(|e| e.view.as_mut())
                    {
                        *slot = v;
                    }
                }
            }
            None => self.cache.pages.clear(),
        }
        self.progress.stage("чтение файлов");
        let mut loaded = if keep {
            load::load_cached(&opts.root, &mut diags, &self.cache.read)
        } else {
            load::load(&opts.root, &mut diags)
        };
        t.mark("load");

        self.progress.stage("разбор");
        let config = config::parse_config(loaded.config.as_ref(), &mut diags);
        let registries = parse::data::parse_registries(&loaded.data, &mut diags);
        // Written in place only over an output this builder wrote, with search on or off
        // as before.
        let warm = keep
            && opts.write
            && self.cache.out.as_ref().is_some_and(|o| {
                // The same folder as when it was claimed, not a link turned elsewhere.
                o.search.is_some() == config.search
                    && opts.out.canonicalize().is_ok_and(|r| r == o.dir.root())
            });
        if !warm {
            // A fresh output folder: no search may be writing into the old one.
            let _ = self.wait();
            self.cache.out = None;
        }
        // Two builds of one output take turns; this one holds it until it returns.
        let _turn = opts.write.then(|| write::lock_beside(&opts.out)).flatten();
        // Checked before anything is rendered: a refused folder costs the user no wait.
        let target = match opts.write && !warm {
            true => Some(write::claim(&opts.root, &opts.out, opts.force)?),
            false => None,
        };
        let reg_hash = hash_of(
            loaded
                .data
                .iter()
                .map(|f| (&f.rel, &f.text))
                .collect::<Vec<_>>(),
        );
        if reg_hash != self.cache.reg_hash {
            self.cache.pages.clear();
            self.cache.acc = None;
            self.cache.reg_hash = reg_hash;
        }
        let parsed = parse_cached(&loaded.pages, &mut self.cache.parsed, keep, &mut diags);
        let Slots {
            pages,
            sections,
            unbuilt,
            page_hash,
            slots,
        } = parsed;
        t.mark("parse");

        self.progress.stage("Markdown");
        let index = validate::PageIndex::new(&pages).with_unbuilt(&unbuilt);
        let assets = body::asset_set(&loaded.content_assets);
        // Links may name any attachment; only those fit to publish are copied, SVG
        // drawings are published sanitised.
        let vetted = crate::attach::vet(
            &opts.root,
            std::mem::take(&mut loaded.content_assets),
            &mut diags,
        );
        loaded.content_assets = vetted.copies;
        let mut old: Vec<Option<PageEntry>> = pages
            .iter()
            .map(|p| self.cache.pages.remove(&p.src))
            .collect();
        self.cache.pages.clear();
        let bodies: Vec<(Rendered, Vec<Resolved>, bool)> = pages
            .par_iter()
            .zip(old.par_iter_mut())
            .zip(&page_hash)
            .map(|((p, prev), text_hash)| {
                let dir = p.dir();
                let resolve = body::resolver(&p.url, dir.clone(), &pages, &index, &assets);
                if let Some(e) = prev.as_ref() {
                    let same = e.view.is_some()
                        && e.text_hash == *text_hash
                        && e.url == p.url.as_str()
                        && e.dir == dir
                        && e.links.len() == e.hrefs.len()
                        && e.links
                            .iter()
                            .zip(&e.hrefs)
                            .all(|(l, h)| resolve(&l.dest) == *h);
                    if same {
                        let r = Rendered {
                            html: String::new(),
                            headings: e.headings.clone(),
                            links: e.links.clone(),
                            text: String::new(),
                            too_deep: e.too_deep,
                        };
                        return (r, e.hrefs.clone(), false);
                    }
                }
                *prev = None;
                let r = crate::markdown::render(p.body(), &resolve);
                let hrefs = r.links.iter().map(|l| resolve(&l.dest)).collect();
                (r, hrefs, true)
            })
            .collect();
        let section_bodies = body::render_sections(&sections, &pages, &index, &assets);
        t.mark("markdown");

        self.progress.stage("проверка ссылок");
        let (rendered, bodies): (Vec<Rendered>, Vec<(Vec<Resolved>, bool)>) = bodies
            .into_iter()
            .map(|(r, hrefs, fresh)| (r, (hrefs, fresh)))
            .unzip();
        let mut refs = validate::validate_with(&pages, &sections, &index, &registries, &mut diags);
        validate::check_links(&pages, &rendered, &index, &assets, &mut refs, &mut diags);
        validate::check_nesting(&pages, &rendered, &sections, &section_bodies, &mut diags);
        let allowed_hash = hash_of(&config.allowed_contacts);
        let personal: Vec<(u64, Diagnostics)> = pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| {
                if let Some((h, d)) = old[i].as_ref().and_then(|e| e.personal.as_ref()) {
                    if *h == hash_of((page_hash[i], allowed_hash)) {
                        return (*h, d.clone());
                    }
                }
                let mut d = Diagnostics::new();
                validate::check_personal_data(
                    std::slice::from_ref(p),
                    &config.allowed_contacts,
                    &mut d,
                );
                (hash_of((page_hash[i], allowed_hash)), d)
            })
            .collect();
        for (_, d) in &personal {
            diags.extend(d.clone());
        }
        t.mark("validate");

        self.progress.stage("показатели");
        let asset_stamps = hash_of(
            loaded
                .content_assets
                .iter()
                .map(|a| (&a.rel, stamp(&a.real)))
                .collect::<Vec<_>>(),
        );
        let plan_of = |i: usize| {
            refs[i]
                .pages
                .iter()
                .find(|(f, _)| *f == "plan")
                .map(|(_, j)| *j)
        };
        let acc_key = {
            let mut h = new_hasher();
            (reg_hash, asset_stamps).hash(&mut h);
            for (i, p) in pages.iter().enumerate() {
                if p.meta.accountability().is_some() {
                    (&p.src, page_hash[i], &refs[i].region).hash(&mut h);
                    if let Some(j) = plan_of(i) {
                        (&pages[j].src, page_hash[j]).hash(&mut h);
                    }
                }
            }
            h.finish()
        };
        let acc_cache = match self.cache.acc.take() {
            Some(a) if a.key == acc_key => a,
            _ => {
                let mut d = Diagnostics::new();
                let all = crate::accountability::derive_all(&pages, &refs, &registries, &mut d);
                let by_src = pages
                    .iter()
                    .zip(all)
                    .filter_map(|(p, a)| a.map(|a| (p.src.clone(), Arc::new(a))))
                    .collect();
                AccCache {
                    key: acc_key,
                    by_src,
                    diags: d,
                }
            }
        };
        diags.extend(acc_cache.diags.clone());
        let acc: Vec<Option<&crate::accountability::Derived>> = pages
            .iter()
            .map(|p| acc_cache.by_src.get(&p.src).map(|a| a.as_ref()))
            .collect();
        let generated = pages.iter().zip(&acc).filter_map(|(p, a)| {
            Some((
                p,
                a.as_ref()?.files.iter().map(|(n, _)| n.as_str()).collect(),
            ))
        });
        crate::attach::check_generated(&opts.root, &loaded.content_assets, generated, &mut diags);
        t.mark("accountability");

        self.progress.stage("страницы");
        let git = derive::updated::GitDates::read(&opts.root);
        t.mark("git");
        let link = |i: usize| derive::link_view(&pages[i]);
        let mut entries: Vec<PageEntry> = Vec::with_capacity(pages.len());
        let mut views: Vec<PageView> = Vec::with_capacity(pages.len());
        let mut inputs: Vec<u64> = Vec::with_capacity(pages.len());
        let built: Vec<(PageEntry, PageView, u64)> = rendered
            .into_par_iter()
            .zip(bodies.into_par_iter())
            .zip(old.into_par_iter())
            .enumerate()
            .map(|(i, ((rendered, (hrefs, fresh)), prev))| {
                let p = &pages[i];
                let r = &refs[i];
                let updated = derive::updated::updated(
                    p.common.updated.map(|d| d.0),
                    &git,
                    &p.abs,
                    p.modified,
                );
                let input = {
                    let mut h = new_hasher();
                    (reg_hash, page_hash[i], &p.src, p.url.as_str(), updated).hash(&mut h);
                    hrefs.iter().map(resolved_key).for_each(|x| x.hash(&mut h));
                    (&r.district, &r.region, &r.schools, &r.organisation).hash(&mut h);
                    for (field, j) in &r.pages {
                        field.hash(&mut h);
                        hash_json(&mut h, &link(*j));
                    }
                    if acc[i].is_some() {
                        acc_key.hash(&mut h);
                    }
                    h.finish()
                };
                let mut view = None;
                let mut personal = None;
                if let Some(mut e) = prev {
                    personal = e.personal.take();
                    if let Some((h, v)) = e.view.take() {
                        if h == input && !fresh {
                            view = Some(v);
                        } else if !fresh {
                            // The body is the same: take its HTML from the old view.
                            let body = Rendered {
                                html: v.content,
                                text: v.text,
                                ..rendered.clone()
                            };
                            view = Some(derive::page_view(
                                p,
                                body,
                                r,
                                acc[i].cloned(),
                                &registries,
                                &git,
                                &link,
                            ));
                        }
                    }
                }
                let headings = rendered.headings.clone();
                let links = rendered.links.clone();
                let too_deep = rendered.too_deep;
                let mut view = view.unwrap_or_else(|| {
                    derive::page_view(p, rendered, r, acc[i].cloned(), &registries, &git, &link)
                });
                view.backlinks = Vec::new();
                let entry = PageEntry {
                    text_hash: page_hash[i],
                    url: p.url.as_str().to_string(),
                    dir: p.dir(),
                    hrefs,
                    headings,
                    links,
                    too_deep,
                    view: None,
                    personal,
                };
                (entry, view, input)
            })
            .collect();
        for (e, v, h) in built {
            entries.push(e);
            views.push(v);
            inputs.push(h);
        }
        for (e, p) in entries.iter_mut().zip(personal) {
            e.personal = Some(p);
        }
        derive::add_backlinks(&mut views, &pages, &refs);
        let sections_v = derive::sections(&pages, &sections, section_bodies, &views, &config);
        let taxonomies = derive::taxonomies(&views, &registries);
        let dashboards = derive::dashboard::build(&pages, &refs, &acc, &registries);
        let link = |i: usize| derive::link_view(&pages[i]);
        let schools = derive::schools::build(&pages, &refs, &acc, &registries, &link);
        drop(acc);
        let site = Site {
            config,
            registries,
            pages: views,
            sections: sections_v,
            taxonomies,
            dashboards,
            schools,
        };
        t.mark("derive");

        self.progress.stage("шаблоны");
        let tpl_hash = hash_of(
            loaded
                .templates
                .iter()
                .map(|f| (&f.rel, &f.text))
                .collect::<Vec<_>>(),
        );
        let (mut tera, tera_diags) = match self.cache.tera.take() {
            Some((h, tera, d)) if h == tpl_hash => (Some(tera), d),
            _ => {
                let mut d = Diagnostics::new();
                let tera = render::theme::load(&loaded.templates, &mut d);
                (tera, d)
            }
        };
        diags.extend(tera_diags.clone());
        let mut tera_used = tera.clone();
        if let Some(tr) = tera_used.as_mut() {
            render::theme::check_page_templates(tr, &pages, &mut diags);
        }
        if let Some(tr) = tera.take() {
            self.cache.tera = Some((tpl_hash, tr, tera_diags));
        }
        t.mark("templates");

        let mut jobs = render::jobs(&site);
        // A page whose front matter had errors was checked with what could be read; it
        // is not rendered: its template would meet fields missing only because they
        // could not be read, and report errors the page does not have.
        jobs.retain(|j| !matches!(j, Job::Page(i) if pages[*i].has_front_errors()));
        let prints: Vec<u64> = match &tera_used {
            Some(tr) if keep => fingerprints(&site, tr, &jobs, &inputs, tpl_hash),
            _ => Vec::new(),
        };
        let job_files: Vec<PathBuf> = jobs.iter().map(|j| render::job_file(&site, j)).collect();
        let todo: Vec<Job> = jobs
            .iter()
            .enumerate()
            .filter(|(k, _)| match (&self.cache.out, prints.get(*k)) {
                (Some(out), Some(fp)) => out.jobs.get(&job_files[*k]) != Some(fp),
                _ => true,
            })
            .map(|(_, j)| j.clone())
            .collect();
        self.progress.counted("страницы сайта", todo.len());
        let mut files = match &tera_used {
            Some(tr) => {
                let bar = &self.progress;
                render::render_jobs(&site, tr, &loaded.templates, &todo, &mut diags, &|| {
                    bar.tick()
                })
            }
            None => Vec::new(),
        };
        files.extend(render::extra_files(&site));
        files.extend(vetted.files);
        t.mark("render");
        if opts.strict {
            diags.make_strict();
        }
        let search_print = site.config.search.then(|| hash_of(&inputs));

        // Everything computed is remembered, whatever becomes of this build.
        self.restore(slots, pages, sections, entries, inputs, &site);
        self.cache.acc = Some(acc_cache);

        let mut report = BuildReport {
            pages: site.pages.len(),
            files: 0,
            bytes: 0,
            elapsed: started.elapsed(),
            site: None,
            diags,
        };
        if report.failed() || !opts.write {
            self.finish_site(site, &mut report);
            report.elapsed = started.elapsed();
            return Ok(report);
        }
        let job_prints: HashMap<PathBuf, u64> = job_files.into_iter().zip(prints).collect();
        let site = Arc::new(site);
        match target {
            None => {
                self.progress.stage("запись");
                let out = self.cache.out.take().unwrap_or_default();
                let out = self.write_changed(&loaded, files, out, job_prints, &mut report)?;
                t.mark("write");
                self.cache.out = Some(out);
                self.update_search(&site, search_print)?;
                t.mark("search");
            }
            Some(target) => {
                let state = self.write_fresh(&target, &loaded, files, &site, &mut report, t)?;
                if keep {
                    let mut state = state;
                    state.jobs = job_prints;
                    state.search = search_print;
                    self.cache.out = Some(state);
                }
            }
        }
        let site = match Arc::try_unwrap(site) {
            Ok(site) => site,
            Err(shared) => {
                // The background search still reads it.
                self.cache.site = Some(shared);
                report.elapsed = started.elapsed();
                return Ok(report);
            }
        };
        self.finish_site(site, &mut report);
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Gives the site to the report, or keeps its views for the next build.
    fn finish_site(&mut self, site: Site, report: &mut BuildReport) {
        if self.keep {
            self.cache.site = Some(Arc::new(site));
        } else {
            report.site = Some(site);
        }
    }

    /// Puts parsed files and page entries back into the cache.
    fn restore(
        &mut self,
        slots: Vec<Slot>,
        pages: Vec<Page>,
        sections: Vec<Section>,
        entries: Vec<PageEntry>,
        inputs: Vec<u64>,
        site: &Site,
    ) {
        if !self.keep {
            return;
        }
        let mut pages = pages.into_iter();
        let mut sections = sections.into_iter();
        for slot in slots {
            let item = match slot.kind {
                SlotKind::Page => match pages.next() {
                    Some(p) => Item::Page(Box::new(p)),
                    None => continue,
                },
                SlotKind::Section => match sections.next() {
                    Some(s) => Item::Section(s),
                    None => continue,
                },
                SlotKind::Skipped(text) => Item::Skipped(text),
            };
            self.cache.parsed.insert(
                slot.rel,
                Parsed {
                    item,
                    text_hash: slot.text_hash,
                    diags: slot.diags,
                },
            );
        }
        // Views stay in the site until the next build takes them back; mark the slots.
        for ((mut e, input), v) in entries.into_iter().zip(inputs).zip(&site.pages) {
            e.view = Some((input, placeholder_view(v)));
            self.cache.pages.insert(PathBuf::from(&v.src), e);
        }
    }

    /// Writes the whole site into a fresh folder that replaces the output, and returns
    /// what is in it now.
    fn write_fresh(
        &self,
        target: &write::OutputDir,
        loaded: &load::Loaded,
        files: Vec<OutFile>,
        site: &Site,
        report: &mut BuildReport,
        t: &mut Timings,
    ) -> Result<OutState> {
        self.progress.stage("запись");
        let mut state = OutState::default();
        if self.keep {
            record_theme(&mut state);
            record_copies(&mut state, loaded);
            for f in &files {
                state.files.insert(f.path.clone(), bytes_entry(&f.bytes));
            }
        }
        report.files = files.len();
        report.bytes = files.iter().map(|f| f.bytes.len() as u64).sum();
        let content_assets = loaded
            .content_assets
            .iter()
            .map(|a| (body::asset_output(&a.rel), a))
            .collect();
        let progress = &self.progress;
        let written = write::write(
            target,
            write::Output {
                files,
                theme_files: render::theme::static_files(),
                content_assets,
                static_files: &loaded.static_files,
            },
            |tmp| {
                t.mark("write");
                if site.config.search {
                    progress.stage("поисковый индекс");
                    crate::search::write_search(site, tmp)?;
                }
                t.mark("search");
                Ok(())
            },
        )?;
        t.mark("swap");
        for kept in target.kept.iter().chain(&written.kept) {
            report.diags.push(kept_warning(&target.shown, kept));
        }
        state.manifest = Arc::new(Mutex::new(written.manifest));
        state.dir = write::InPlace::new(target.real.clone());
        Ok(state)
    }

    /// Writes what changed into the output folder in place.
    fn write_changed(
        &self,
        loaded: &load::Loaded,
        files: Vec<OutFile>,
        mut out: OutState,
        job_prints: HashMap<PathBuf, u64>,
        report: &mut BuildReport,
    ) -> Result<OutState> {
        let dir = out.dir.clone();
        let root = dir.root();
        // Everything the output should hold, in the order a fresh build writes it: the
        // theme's files, then copies, then rendered files (later ones win).
        let mut want: HashMap<PathBuf, Entry> = HashMap::new();
        let mut copies: HashMap<PathBuf, PathBuf> = HashMap::new();
        let mut fresh = OutState::default();
        record_theme(&mut fresh);
        let theme: HashMap<PathBuf, &'static [u8]> =
            render::theme::static_files().into_iter().collect();
        record_copies(&mut fresh, loaded);
        for (p, e) in &fresh.files {
            if let Entry::Copy(src, _, _) = e {
                copies.insert(p.clone(), src.clone());
            }
        }
        want.extend(fresh.files);
        // Rendered files skipped as unchanged stay as they are.
        for (path, fp) in &job_prints {
            if out.jobs.get(path) == Some(fp) {
                if let Some(e) = out.files.get(path) {
                    want.insert(path.clone(), e.clone());
                }
            }
        }
        let mut bytes: HashMap<PathBuf, Vec<u8>> = HashMap::new();
        for f in files {
            want.insert(f.path.clone(), bytes_entry(&f.bytes));
            bytes.insert(f.path, f.bytes);
        }
        let changed: Vec<(&PathBuf, &Entry)> = want
            .iter()
            .filter(|(p, e)| out.files.get(*p) != Some(*e))
            .collect();
        {
            // A file put where a new page goes is the user's, not ours to replace.
            let m = out.manifest.lock().unwrap_or_else(|e| e.into_inner());
            let foreign = changed.iter().map(|(p, _)| *p).filter(|p| {
                !m.contains(&write::manifest::rel_name(Path::new(""), p))
                    && std::fs::symlink_metadata(root.join(p)).is_ok()
            });
            write::in_place::refuse_foreign(root, foreign)?;
        }
        changed.par_iter().try_for_each(|(p, e)| {
            match e {
                Entry::Bytes(..) => {
                    let data: &[u8] = match bytes.get(*p) {
                        Some(b) => b,
                        None => theme.get(*p).copied().unwrap_or_default(),
                    };
                    dir.put(p, data)
                }
                Entry::Copy(..) => {
                    let from = &copies[*p];
                    // Through the real path checked on loading (see `confine`).
                    let data = crate::confine::read(from, u64::MAX)
                        .map_err(|e| anyhow::anyhow!(crate::confine::io_ru(&e)))
                        .with_context(|| format!("не удалось прочитать {}", from.display()))?;
                    dir.put(p, &data)
                }
            }
        })?;
        report.files = changed.len();
        report.bytes = changed
            .iter()
            .map(|(_, e)| match e {
                Entry::Bytes(_, len) | Entry::Copy(_, len, _) => *len,
            })
            .sum();
        let gone: Vec<&PathBuf> = out
            .files
            .keys()
            .filter(|p| !want.contains_key(*p))
            .collect();
        for p in &gone {
            dir.remove(p)?;
        }
        {
            let mut m = out.manifest.lock().unwrap_or_else(|e| e.into_inner());
            for p in gone {
                m.remove(&write::manifest::rel_name(Path::new(""), p));
            }
            for p in want.keys() {
                m.insert(write::manifest::rel_name(Path::new(""), p));
            }
            m.save(root).with_context(|| {
                format!("не удалось записать список файлов в {}", root.display())
            })?;
        }
        out.files = want;
        out.jobs = job_prints;
        Ok(out)
    }

    /// Rebuilds the search index if any page's searchable input changed. In the
    /// background, searches run one after another; each swaps its index in whole.
    fn update_search(&mut self, site: &Arc<Site>, print: Option<u64>) -> Result<()> {
        let Some(out) = self.cache.out.as_mut() else {
            return Ok(());
        };
        let root = out.dir.root().to_path_buf();
        let in_place = out.dir.clone();
        // Search switched on or off makes a fresh build (see `run`).
        if out.search == print || print.is_none() {
            return Ok(());
        }
        out.search = print;
        let manifest = out.manifest.clone();
        let background = self.background_search;
        let site = site.clone();
        let previous = self.search.take();
        let job = move || -> Result<()> {
            if let Some(p) = previous {
                // An error of an earlier index does not matter once this one is built.
                let _ = p.join();
            }
            let dir = root.join("search");
            // Take what the index needs and let the next build have the site back.
            let docs = crate::search::search_docs(&site);
            drop(site);
            // Built beside the output (to be renamed in), in a folder marked as ours.
            let tmp = write::make_tmp(&root)?;
            let built = (|| -> Result<()> {
                let new = tmp.join("search");
                // What the new index replaces goes into our own folder, and with it.
                let old = tmp.join("replaced");
                let index_dir = crate::search::index_dir(&tmp);
                std::fs::create_dir_all(&index_dir)
                    .with_context(|| format!("не удалось создать {}", index_dir.display()))?;
                std::fs::create_dir_all(&old)
                    .with_context(|| format!("не удалось создать {}", old.display()))?;
                let index = search_index::build_index(&docs, &index_dir)
                    .context("не удалось построить поисковый индекс")?;
                search_index::export_static(&index, &docs, &new)
                    .context("не удалось выгрузить поисковый индекс для браузера")?;
                drop(index);
                // The search folder also holds the search page and the client script:
                // replace only what the export wrote, entry by entry.
                in_place.check_inside(&dir)?;
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("не удалось создать {}", dir.display()))?;
                let entries = std::fs::read_dir(&new)
                    .with_context(|| format!("не удалось прочитать {}", new.display()))?;
                let entries: Vec<std::fs::DirEntry> = entries
                    .collect::<std::io::Result<_>>()
                    .with_context(|| format!("не удалось прочитать {}", new.display()))?;
                // What the new index replaces must be ours, down to the last file.
                {
                    let m = manifest.lock().unwrap_or_else(|e| e.into_inner());
                    let foreign = entries
                        .iter()
                        .flat_map(|e| walkdir::WalkDir::new(dir.join(e.file_name())))
                        .filter_map(Result::ok)
                        .filter(|f| !f.file_type().is_dir())
                        .map(|f| {
                            f.path()
                                .strip_prefix(&root)
                                .unwrap_or(f.path())
                                .to_path_buf()
                        })
                        .filter(|rel| !m.contains(&write::manifest::rel_name(Path::new(""), rel)))
                        .collect::<Vec<_>>();
                    write::in_place::refuse_foreign(&root, foreign.iter())?;
                }
                // A build writing into the output meanwhile finishes first. (Run inline,
                // the job is inside a build that holds the turn already.)
                let _turn = background.then(|| write::lock_beside(&root)).flatten();
                let mut replaced = Vec::new();
                for e in entries {
                    let target = dir.join(e.file_name());
                    if std::fs::symlink_metadata(&target).is_ok() {
                        std::fs::rename(&target, old.join(e.file_name()))
                            .with_context(|| format!("не удалось заменить {}", target.display()))?;
                    }
                    std::fs::rename(e.path(), &target)
                        .with_context(|| format!("не удалось заменить {}", target.display()))?;
                    replaced.push(target);
                }
                relist(&manifest, &root, &replaced)
            })();
            write::leftovers::discard(&tmp);
            built
        };
        if self.background_search {
            self.search = Some(std::thread::spawn(move || {
                let r = job();
                if let Err(e) = &r {
                    crate::errln!("ошибка: {e:#}");
                }
                r
            }));
            Ok(())
        } else {
            job()
        }
    }
}

/// Lists in the output's manifest what is now under each of `replaced` (folders or files
/// of `root` swapped in whole) instead of what was there before.
fn relist(manifest: &Mutex<write::Manifest>, root: &Path, replaced: &[PathBuf]) -> Result<()> {
    let mut m = manifest.lock().unwrap_or_else(|e| e.into_inner());
    for target in replaced {
        m.remove_under(&write::manifest::rel_name(root, target));
        for e in walkdir::WalkDir::new(target).follow_links(false) {
            let e = e.with_context(|| format!("не удалось прочитать {}", target.display()))?;
            if !e.file_type().is_dir() {
                m.insert(write::manifest::rel_name(root, e.path()));
            }
        }
    }
    m.save(root)
        .with_context(|| format!("не удалось записать список файлов в {}", root.display()))
}

/// The warning for files found in an old output that metodist did not write.
fn kept_warning(out: &Path, kept: &Path) -> crate::diag::Diagnostic {
    crate::diag::Diagnostic::warning(
        out,
        format!(
            "в прежней версии сайта остались файлы, которых metodist не создавал или не смог \
             удалить; они не удалены, а перенесены в «{}»",
            kept.display()
        ),
    )
    .hint("посмотрите эти файлы; то, что должно попасть на сайт, положите в static/")
}

/// The site once no background search holds it any more (it lets go as soon as it has
/// copied what the index needs), or `None` if that takes too long.
fn unshared(mut site: Arc<Site>) -> Option<Site> {
    for _ in 0..2000 {
        match Arc::try_unwrap(site) {
            Ok(s) => return Some(s),
            Err(shared) => site = shared,
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    None
}

impl Drop for Builder {
    fn drop(&mut self) {
        let _ = self.wait();
    }
}

/// A view stand-in that only remembers where the real one is (in the kept site).
fn placeholder_view(v: &PageView) -> PageView {
    PageView {
        src: v.src.clone(),
        ..empty_view()
    }
}

fn empty_view() -> PageView {
    PageView {
        title: String::new(),
        short_title: String::new(),
        kind: crate::model::Kind::Page,
        kind_label: "",
        url: String::new(),
        src: String::new(),
        date: None,
        date_ru: None,
        updated: None,
        updated_ru: None,
        summary: String::new(),
        content: String::new(),
        toc: Vec::new(),
        text: String::new(),
        year: None,
        district: None,
        region: None,
        subjects: Vec::new(),
        levels: Vec::new(),
        tags: Vec::new(),
        notes: Vec::new(),
        source: None,
        meta: serde_json::Value::Null,
        refs: Default::default(),
        schools: Vec::new(),
        organisation: None,
        backlinks: Vec::new(),
        accountability: None,
        files: Vec::new(),
        sort_date: None,
        weight: None,
        template: None,
        url_path: Default::default(),
    }
}

enum SlotKind {
    Page,
    Section,
    Skipped(String),
}

/// Where a parsed file went, to put it back into the cache.
struct Slot {
    rel: PathBuf,
    text_hash: u64,
    diags: Diagnostics,
    kind: SlotKind,
}

struct Slots {
    pages: Vec<Page>,
    sections: Vec<Section>,
    /// Pages that exist but could not be read, for link checks.
    unbuilt: Vec<parse::page::Unbuilt>,
    /// Text hash of each page.
    page_hash: Vec<u64>,
    slots: Vec<Slot>,
}

/// Parses every Markdown file, reusing what the cache has for unchanged texts.
fn parse_cached(
    files: &[SourceFile],
    cache: &mut HashMap<PathBuf, Parsed>,
    keep: bool,
    diags: &mut Diagnostics,
) -> Slots {
    let prev: Vec<Option<Parsed>> = files.iter().map(|f| cache.remove(&f.rel)).collect();
    cache.clear();
    let results: Vec<Parsed> = files
        .par_iter()
        .zip(prev.into_par_iter())
        .map(|(f, prev)| {
            if let Some(mut p) = prev {
                let same = match &mut p.item {
                    Item::Page(page) if page.text == f.text => {
                        page.abs = f.abs.clone();
                        page.modified = f.modified;
                        true
                    }
                    Item::Section(s) => s.text == f.text,
                    Item::Skipped(text) => *text == f.text,
                    _ => false,
                };
                if same {
                    return p;
                }
            }
            let mut d = Diagnostics::new();
            let (mut ps, mut ss) = parse::parse_pages(std::slice::from_ref(f), &mut d);
            let item = match (ps.pop(), ss.pop()) {
                (Some(p), _) => Item::Page(Box::new(p)),
                (None, Some(s)) => Item::Section(s),
                (None, None) => Item::Skipped(f.text.clone()),
            };
            Parsed {
                item,
                // Only a kept cache compares hashes.
                text_hash: if keep { hash_of(&f.text) } else { 0 },
                diags: d,
            }
        })
        .collect();
    let mut out = Slots {
        pages: Vec::new(),
        sections: Vec::new(),
        unbuilt: Vec::new(),
        page_hash: Vec::new(),
        slots: Vec::with_capacity(results.len()),
    };
    for (f, p) in files.iter().zip(results) {
        diags.extend(p.diags.clone());
        let kind = match p.item {
            Item::Page(page) => {
                out.pages.push(*page);
                out.page_hash.push(p.text_hash);
                SlotKind::Page
            }
            Item::Section(s) => {
                out.sections.push(s);
                SlotKind::Section
            }
            Item::Skipped(text) => {
                if p.diags.has_errors() {
                    out.unbuilt.extend(parse::page::unbuilt(f));
                }
                SlotKind::Skipped(text)
            }
        };
        out.slots.push(Slot {
            rel: f.rel.clone(),
            text_hash: p.text_hash,
            diags: p.diags,
            kind,
        });
    }
    out
}

/// Size and modification time of a file.
fn stamp(p: &Path) -> (u64, Option<SystemTime>) {
    std::fs::metadata(p)
        .map(|m| (m.len(), m.modified().ok()))
        .unwrap_or((0, None))
}

fn bytes_entry(b: &[u8]) -> Entry {
    Entry::Bytes(hash_of(b), b.len() as u64)
}

fn record_theme(state: &mut OutState) {
    for (p, b) in render::theme::static_files() {
        state.files.insert(p, bytes_entry(b));
    }
}

fn record_copies(state: &mut OutState, loaded: &load::Loaded) {
    let copies = loaded
        .content_assets
        .iter()
        .map(|a| (PathBuf::from(body::asset_output(&a.rel)), &a.real))
        .chain(loaded.static_files.iter().map(|a| (a.rel.clone(), &a.real)));
    for (to, from) in copies {
        let (len, modified) = stamp(from);
        state
            .files
            .insert(to, Entry::Copy(from.clone(), len, modified));
    }
}

/// A fingerprint of every job's template context, in job order: equal fingerprints mean
/// equal output.
fn fingerprints(
    site: &Site,
    tera: &tera::Tera,
    jobs: &[Job],
    inputs: &[u64],
    templates: u64,
) -> Vec<u64> {
    use render::context::{job_url, pages_count};
    // What every page shows: settings, menu, dashboards, taxonomies, templates.
    let global = {
        let mut h = new_hasher();
        templates.hash(&mut h);
        hash_json(&mut h, &site.config);
        let root = &site.sections[0];
        for c in &root.children {
            let s = &site.sections[*c];
            (&s.title, &s.url, s.weight).hash(&mut h);
        }
        hash_json(&mut h, &site.dashboards.links);
        for t in site.taxonomies.iter().filter(|t| !t.terms.is_empty()) {
            (t.title, &t.url).hash(&mut h);
        }
        h.finish()
    };
    // A page as lists and its own file show it: its inputs and its backlinks.
    let page_prints: Vec<u64> = site
        .pages
        .par_iter()
        .zip(inputs)
        .map(|(v, input)| {
            let mut h = new_hasher();
            input.hash(&mut h);
            hash_json(&mut h, &v.backlinks);
            h.finish()
        })
        .collect();
    let section_prints: Vec<u64> = site
        .sections
        .iter()
        .map(|s| {
            let mut h = new_hasher();
            hash_json(&mut h, s);
            h.finish()
        })
        .collect();
    let taxonomy_prints: Vec<u64> = site
        .taxonomies
        .iter()
        .map(|t| {
            let mut h = new_hasher();
            hash_json(&mut h, t);
            h.finish()
        })
        .collect();
    let slice = |h: &mut DefaultHasher, list: &[usize], per: usize, n: usize| {
        for i in list.iter().skip((n - 1) * per).take(per) {
            page_prints[*i].hash(h);
        }
        (n, per, pages_count(list.len(), per), list.len()).hash(h);
    };
    let home = {
        let mut h = new_hasher();
        hash_json(&mut h, &render::context::kind_counts(site));
        for p in render::context::latest(site, 8) {
            hash_json(&mut h, p);
        }
        h.finish()
    };
    jobs.par_iter()
        .map(|job| {
            let mut h = new_hasher();
            global.hash(&mut h);
            job_url(site, job).as_str().hash(&mut h);
            job.template(site, tera).hash(&mut h);
            match job {
                Job::Page(i) => {
                    0u8.hash(&mut h);
                    page_prints[*i].hash(&mut h);
                }
                Job::Section(i, n) => {
                    1u8.hash(&mut h);
                    let s = &site.sections[*i];
                    section_prints[*i].hash(&mut h);
                    slice(&mut h, &s.pages, s.paginate, *n);
                    for c in &s.children {
                        section_prints[*c].hash(&mut h);
                    }
                    if s.dir.is_empty() {
                        home.hash(&mut h);
                    }
                }
                Job::Taxonomy(t) => {
                    2u8.hash(&mut h);
                    taxonomy_prints[*t].hash(&mut h);
                }
                Job::Term(t, k, n) => {
                    3u8.hash(&mut h);
                    let tax = &site.taxonomies[*t];
                    let term = &tax.terms[*k];
                    taxonomy_prints[*t].hash(&mut h);
                    hash_json(&mut h, term);
                    slice(&mut h, &term.pages, site.config.paginate.max(1), *n);
                    if tax.key == "district" && *n == 1 {
                        let id = term
                            .term
                            .url
                            .strip_prefix("district/")
                            .map(|d| d.trim_end_matches('/'));
                        if let Some(trends) = id.and_then(|d| site.dashboards.trends.get(d)) {
                            hash_json(&mut h, trends);
                        }
                    }
                }
                Job::Dashboard(Some(i)) => {
                    4u8.hash(&mut h);
                    hash_json(&mut h, &site.dashboards.frameworks[*i]);
                }
                Job::Dashboard(None) => 5u8.hash(&mut h),
                Job::School(Some(i)) => {
                    8u8.hash(&mut h);
                    hash_json(&mut h, &site.schools.list[*i]);
                }
                Job::School(None) => {
                    9u8.hash(&mut h);
                    hash_json(&mut h, &site.schools);
                }
                Job::Search => 6u8.hash(&mut h),
                Job::NotFound => 7u8.hash(&mut h),
            }
            h.finish()
        })
        .collect()
}

/// Seen from outside, the cache is only a speed-up; this keeps the invariant visible.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_compare_by_content() {
        assert_eq!(bytes_entry(b"abc"), bytes_entry(b"abc"));
        assert_ne!(bytes_entry(b"abc"), bytes_entry(b"abd"));
    }
}
