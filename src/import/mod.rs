//! `metodist import`: a Word document (`.docx`) or its text export → one page of the
//! site and a review of every guess made.
//!
//! Stages, data flowing forward only:
//! `format` (what the bytes are) → `docx`/`text` (bytes → [`model::Source`]) → `privacy` (e-mails and phones out) →
//! `text::group` (→ [`model::Document`]) → `tables::join_split_tables` →
//! `frontmatter` (title block) → `outline` (headings, paragraphs, lists; `tables`
//! cleans and classifies each table) → `records` (indicators, activities; `schools`
//! resolves names) → `emit` (Markdown with YAML front matter). `review` collects the
//! guesses on the way. Errors are values: nothing here panics on any input.

pub mod docx;
pub mod emit;
pub mod format;
pub mod frontmatter;
pub mod html;
pub mod model;
pub mod outline;
pub mod privacy;
pub mod records;
pub mod review;
pub mod schools;
pub mod tables;
pub mod text;
pub mod urls;

use crate::model::{Date, Kind, Registries};
use outline::Node;
use review::{Review, Topic};
use tables::{Class, CleanTable};

/// What to import and how.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The kind of page; guessed from the title when absent.
    pub kind: Option<Kind>,
}

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A broken `.docx`.
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    /// A format the importer does not read; the message says how to convert it.
    #[error("{0}")]
    Format(String),
    /// Bytes that decode to control characters, not text.
    #[error("файл не похож на текст: управляющих символов {} из {} (первый — U+{:04X}); импорт читает документы Word (.docx) и текст (.txt в UTF-8 или Windows-1251): откройте файл в программе, которая его создала, и сохраните как .docx", .0.controls, .0.chars, .0.first as u32)]
    NotText(crate::sniff::NotText),
    /// More lines, cells or text than a document has.
    #[error(transparent)]
    TooLong(#[from] model::TooLong),
    /// Nothing to import.
    #[error("в файле нет текста")]
    Empty,
    /// An indicator or activity table longer than a page may hold.
    #[error("в таблице {what} (строка {line} документа) {} {}, на одной странице допустимо не более {}: страница не записана; разделите документ на несколько или перенесите таблицу в файл indicators_file (в нём тоже не более {})", crate::ru::grouped(*.count), crate::ru::plural(*.count as u64, "строка", "строки", "строк"), crate::ru::grouped(*.limit), crate::ru::grouped(*.limit))]
    TooManyRows {
        /// «показателей» or «мероприятий».
        what: &'static str,
        /// Line of the table's first row.
        line: usize,
        /// Its rows.
        count: usize,
        /// [`crate::parse::limits::MAX_ITEMS`].
        limit: usize,
    },
    /// A kind that has no indicators and activities.
    #[error("вид страницы «{0}» не поддерживается импортом: используйте report, plan, roadmap, programme или regulation")]
    Kind(String),
}

/// The imported page.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Its kind.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// A file name for it (without `.md`).
    pub slug: String,
    /// The page text: front matter and body.
    pub page: String,
    /// Every guess made.
    pub review: Review,
    /// Number of indicators in the front matter.
    pub indicators: usize,
    /// Number of activities in the front matter.
    pub activities: usize,
}

/// Kinds the importer writes.
pub const KINDS: [Kind; 5] = [
    Kind::Report,
    Kind::Plan,
    Kind::Roadmap,
    Kind::Programme,
    Kind::Regulation,
];

pub use format::read_source;

/// Imports one document. `name` is the source file name (for `source:` and titles).
pub fn import(
    bytes: &[u8],
    name: &str,
    opts: &ImportOptions,
    reg: &Registries,
) -> Result<Imported, ImportError> {
    if let Some(k) = opts.kind {
        if !KINDS.contains(&k) {
            return Err(ImportError::Kind(k.as_str().into()));
        }
    }
    let mut review = Review::default();
    let source = read_source(bytes, &mut review)?;
    let source = privacy::scrub_source(source, &mut review);
    let doc = text::group(source);
    if doc.blocks.is_empty() {
        return Err(ImportError::Empty);
    }
    let blocks = tables::join_split_tables(doc.blocks, &mut review);
    let title = frontmatter::read_title(&blocks, reg, &mut review);
    let body_blocks: Vec<model::Block> = blocks
        .iter()
        .enumerate()
        .filter(|(i, _)| !title.used.contains(i))
        .map(|(_, b)| b.clone())
        .collect();
    let mut nodes = outline::outline(&body_blocks, &mut review);
    let kind = match (opts.kind, title.kind) {
        (Some(k), _) => k,
        (None, Some(k)) => {
            review.add(
                0,
                Topic::FrontMatter,
                format!(
                    "вид страницы по заголовку: {} (задайте --kind, если это не так)",
                    k.as_str()
                ),
            );
            k
        }
        (None, None) => {
            review.add(
                0,
                Topic::FrontMatter,
                "вид страницы по заголовку не определён: взят plan (задайте --kind)",
            );
            Kind::Plan
        }
    };
    let ind_table = take_largest(
        &mut nodes,
        |c| matches!(c, Class::Indicators(_)),
        "показателей",
        &mut review,
    );
    let act_table = take_largest(
        &mut nodes,
        |c| matches!(c, Class::Activities(_)),
        "мероприятий",
        &mut review,
    );
    let mut schools = schools::Schools::default();
    let district = title.district.as_deref();
    let region = district
        .and_then(|d| reg.district(d))
        .map(|d| d.region.clone())
        .or_else(|| title.region.clone());
    let indicators = match &ind_table {
        Some(
            t @ CleanTable {
                class: Class::Indicators(cols),
                ..
            },
        ) => records::indicators(t, cols, reg, region.as_deref(), &mut review),
        _ => records::Indicators::default(),
    };
    let activities = match &act_table {
        Some(
            t @ CleanTable {
                class: Class::Activities(cols),
                ..
            },
        ) => records::activities(
            t,
            cols,
            kind == Kind::Report,
            title.year,
            reg,
            district,
            &mut schools,
            &mut review,
        ),
        _ => Vec::new(),
    };
    // What `check` would refuse in front matter is not written.
    for (what, table, count) in [
        ("показателей", &ind_table, indicators.list.len()),
        ("мероприятий", &act_table, activities.len()),
    ] {
        if count > crate::parse::limits::MAX_ITEMS {
            return Err(ImportError::TooManyRows {
                what,
                line: table.as_ref().map_or(0, |t| t.line),
                count,
                limit: crate::parse::limits::MAX_ITEMS,
            });
        }
    }
    for n in &nodes {
        if let Node::Paragraph { line, text }
        | Node::ListItem { line, text, .. }
        | Node::Numbered { line, text, .. } = n
        {
            schools.find(text, *line, reg, district, &mut review);
        }
    }
    let as_of = [&ind_table, &act_table]
        .into_iter()
        .flatten()
        .flat_map(|t| t.header.iter())
        .filter(|h| {
            h.to_lowercase().contains("фактическ") || h.to_lowercase().contains("состоянию")
        })
        .find_map(|h| frontmatter::first_date(h))
        .map(|(_, d)| Date(d));
    if let (Some(d), Kind::Report) = (as_of, kind) {
        review.add(
            0,
            Topic::FrontMatter,
            format!(
                "значения по состоянию на {} (as_of, из шапки таблицы)",
                d.0.format("%d.%m.%Y")
            ),
        );
    }
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let page_title = title.title.clone().unwrap_or_else(|| stem.to_string());
    let front = emit::Front {
        kind: kind.as_str(),
        title: page_title.clone(),
        date: title.approved.as_ref().and_then(|a| a.date),
        year: title.year,
        district: title.district.clone(),
        region: if title.district.is_some() {
            None
        } else {
            title.region.clone()
        },
        source: format!("Импортировано из файла {stem}"),
        as_of,
        years: title.years.clone(),
        approved: title.approved.clone(),
        publisher: title.publisher.clone(),
        indicator_groups: indicators.groups,
        indicators: indicators.list,
        activities,
    }
    .for_kind(kind);
    let (n_ind, n_act) = (front.indicators.len(), front.activities.len());
    let page = emit::page(&front, &nodes);
    Ok(Imported {
        kind,
        slug: slug_of(&page_title),
        title: page_title,
        page,
        review,
        indicators: n_ind,
        activities: n_act,
    })
}

/// Removes the largest table of a class from the body; others of the class stay there
/// as Markdown tables and are reported.
fn take_largest(
    nodes: &mut Vec<Node>,
    want: impl Fn(&Class) -> bool,
    what: &str,
    review: &mut Review,
) -> Option<CleanTable> {
    let candidates: Vec<(usize, usize)> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match n {
            Node::Table(t) if want(&t.class) => Some((i, t.data_rows().count())),
            _ => None,
        })
        .collect();
    let &(best, _) = candidates
        .iter()
        .max_by_key(|(i, n)| (*n, usize::MAX - i))?;
    for (i, _) in &candidates {
        if *i != best {
            review.add(nodes[*i].line(), Topic::Table, format!("ещё одна таблица {what} оставлена в тексте страницы: в заголовок взята самая большая (строка {})", nodes[best].line()));
        }
    }
    match nodes.remove(best) {
        Node::Table(t) => {
            review.add(t.line, Topic::Table, format!("таблица {what} (строка {}) перенесена в заголовок страницы; правило переноса строк: {}", t.line, match t.rule {
                tables::Rule::Numbered => "строка без номера после переноса страницы продолжает предыдущую",
                tables::Rule::TextShape => "строка, начатая со строчной буквы после переноса страницы, продолжает предыдущую",
            }));
            Some(t)
        }
        _ => None,
    }
}

/// A file name from a title: transliterated, at most 60 characters, cut at a word.
pub fn slug_of(title: &str) -> String {
    let s = crate::ru::slugify(title);
    if s.is_empty() {
        return "imported".into();
    }
    let head: String = s.chars().take(60).collect();
    if head.len() == s.len() {
        return s;
    }
    match head.rfind('-') {
        Some(cut) if cut > 0 => head[..cut].trim_end_matches('-').to_string(),
        _ => head,
    }
}
