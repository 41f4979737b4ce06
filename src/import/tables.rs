//! Table cleaning and classification: raw rows → [`CleanTable`].
//!
//! Input: a [`Table`] as a reader saw it (cells may hold HTML, headers repeat on every
//! page, rows are split across pages, columns drift). Output: one header, rows that are
//! either section rows (a direction, a group) or data rows of exactly the header's
//! width, and what the table is ([`Class`]). Every merge and shift is recorded in the
//! [`Review`].
//!
//! Continuation rows: the rule is chosen per table. In a table whose rows carry numbers
//! ([`Rule::Numbered`]) a row without a number right after a repeated header continues
//! the row before it; after a bare page end it does so unless it is complete (every
//! cell filled, each starting with a capital or a digit). In a table without numbers
//! ([`Rule::TextShape`]) a row after a page end continues the previous one when every
//! filled cell starts in lower case or with punctuation.

use std::sync::LazyLock;

use regex::Regex;

use super::html::{convert, Target};
use super::model::{Block, Table};
use super::review::{short, Review, Topic};
use super::urls::join_cells;
use crate::model::name_key;

/// How continuation rows are recognised in one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Rows are numbered: a row without a number after a page end continues the last.
    Numbered,
    /// No numbers: a row after a page end that starts in lower case continues the last.
    TextShape,
}

/// A cleaned row.
#[derive(Debug, Clone, PartialEq)]
pub enum TRow {
    /// A row with one filled cell: a direction, a group, a caption inside the table.
    Section {
        /// Source line.
        line: usize,
        /// Its number («1.», «1.1.», «I.»), if any.
        number: Option<String>,
        /// Its text.
        text: String,
    },
    /// A data row, exactly as wide as the header (cell 0 is the number column when the
    /// table has one).
    Data {
        /// Source line.
        line: usize,
        /// Its number, if any.
        number: Option<String>,
        /// The cells (plain text).
        cells: Vec<String>,
    },
}

/// Where the fields of an indicator table are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorColumns {
    /// Name of the indicator.
    pub name: usize,
    /// Target.
    pub target: usize,
    /// Actual value, in a report.
    pub actual: Option<usize>,
}

/// Where the fields of an activity table are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityColumns {
    /// What is done.
    pub title: usize,
    /// When.
    pub period: Option<usize>,
    /// Who (several columns are joined).
    pub responsible: Vec<usize>,
    /// Expected result.
    pub expected: Option<usize>,
    /// Actual result, in a report.
    pub result: Option<usize>,
}

/// What a table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// The table of contents (titles and page numbers).
    Toc,
    /// Indicators with targets (and actuals).
    Indicators(IndicatorColumns),
    /// Activities of a plan or a report.
    Activities(ActivityColumns),
    /// Anything else: kept in the body as a Markdown table.
    Other,
}

/// A cleaned table.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanTable {
    /// Line of the first row.
    pub line: usize,
    /// Header cells (empty when the table has none).
    pub header: Vec<String>,
    /// Rows after the header.
    pub rows: Vec<TRow>,
    /// True when cell 0 is a number column.
    pub has_number_column: bool,
    /// The continuation rule used.
    pub rule: Rule,
    /// What the table is.
    pub class: Class,
}

impl CleanTable {
    /// Data rows only.
    pub fn data_rows(&self) -> impl Iterator<Item = &TRow> {
        self.rows.iter().filter(|r| matches!(r, TRow::Data { .. }))
    }
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXL]{1,5}\.)$").expect("valid regex")
});
static GLUED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}(?:\.\d{1,3})*\.)\s+(\S.{3,})$").expect("valid regex"));
static HEADER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:№|п/п|наименовани|мероприяти|срок|период|дат[аы]|показател|ответствен|исполнител|фио|результат|прогнозир|ожидаем|фактическ|уровень|описание|форма|формат|примерн|тематическ|задачи|сведения|контактн|должност|место работы|ключев|целев|участ|описани)")
        .expect("valid regex")
});
static PAGE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}(?:\s*[-–]\s*\d{1,3})?$").expect("valid regex"));
static LIST_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^.!?:;]{3,60}:(?:\s|$)").expect("valid regex"));

/// Is this a row number («12», «1.2.», «IV.»)?
pub fn is_number(s: &str) -> bool {
    NUMBER.is_match(s.trim())
}

fn header_like(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.len() < 2 || filled.iter().any(|c| is_number(c)) {
        return false;
    }
    let words = filled.iter().filter(|c| HEADER_WORD.is_match(c)).count();
    words * 2 >= filled.len()
}

fn is_column_numbers(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    filled.len() >= 2
        && filled
            .iter()
            .enumerate()
            .all(|(i, c)| *c == (i + 1).to_string())
}

fn same_row(a: &[String], b: &[String]) -> bool {
    let key = |cells: &[String]| name_key(&cells.join(" "));
    key(a) == key(b)
}

/// Joins a table split by short captions between its parts (a page-end heading that
/// was not a table line): `Table, Lines(≤3 short), Table without header` → one table,
/// the captions kept as section rows.
pub fn join_split_tables(blocks: Vec<Block>, review: &mut Review) -> Vec<Block> {
    let blocks: Vec<Block> = blocks
        .into_iter()
        .flat_map(|b| match b {
            Block::Table(t) => split_at_new_headers(t)
                .into_iter()
                .map(Block::Table)
                .collect(),
            other => vec![other],
        })
        .collect();
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut pending: Vec<Block> = Vec::new();
    for block in blocks {
        match block {
            Block::Lines { ref lines, .. }
                if lines.len() == 1
                    && lines[0].chars().count() <= 300
                    && pending.len() < 3
                    && matches!(out.last(), Some(Block::Table(_))) =>
            {
                pending.push(block);
            }
            Block::Table(mut t)
                if !pending.is_empty() || matches!(out.last(), Some(Block::Table(_))) =>
            {
                let joinable = matches!(out.last(), Some(Block::Table(prev))
                    if prev.rows.first().is_some_and(|r| header_like(&plain_cells(&r.cells)))
                        && t.rows.first().is_some_and(|r| !header_like(&plain_cells(&r.cells)) && starts_numbered(r))
                        && mostly_numbered(prev)
                        && width(prev).abs_diff(width(&t)) <= 1);
                if joinable {
                    let Some(Block::Table(prev)) = out.last_mut() else {
                        unreachable!("checked above")
                    };
                    for p in pending.drain(..) {
                        if let Block::Lines { line, lines } = p {
                            review.add(line, Topic::Table, format!("строка «{}» между частями таблицы (строка {}) взята в таблицу как строка раздела", short(&lines[0], 60), prev.line));
                            prev.rows.push(super::model::Row {
                                line,
                                cells: lines,
                                after_break: true,
                            });
                        }
                    }
                    if let Some(first) = t.rows.first_mut() {
                        first.after_break = true;
                    }
                    prev.rows.append(&mut t.rows);
                } else {
                    out.append(&mut pending);
                    out.push(Block::Table(t));
                }
            }
            other => {
                out.append(&mut pending);
                out.push(other);
            }
        }
    }
    out.append(&mut pending);
    out
}

/// Two tables separated only by a blank line read as one: a header-like row after a
/// page end that differs from the table's header starts a new table.
fn split_at_new_headers(t: Table) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut current = Table {
        line: t.line,
        rows: Vec::new(),
    };
    let mut header: Option<Vec<String>> = None;
    for row in t.rows {
        let plain = plain_cells(&row.cells);
        if header_like(&plain) {
            match &header {
                Some(h) if row.after_break && !same_row(h, &plain) && !current.rows.is_empty() => {
                    out.push(std::mem::replace(
                        &mut current,
                        Table {
                            line: row.line,
                            rows: Vec::new(),
                        },
                    ));
                    header = Some(plain);
                }
                None if !current.rows.is_empty() && row.after_break => {
                    out.push(std::mem::replace(
                        &mut current,
                        Table {
                            line: row.line,
                            rows: Vec::new(),
                        },
                    ));
                    header = Some(plain);
                }
                None => header = Some(plain),
                Some(_) => {}
            }
        }
        let mut row = row;
        if current.rows.is_empty() {
            row.after_break = false;
        }
        current.rows.push(row);
    }
    out.push(current);
    out
}

fn starts_numbered(r: &super::model::Row) -> bool {
    r.cells
        .first()
        .is_some_and(|c| is_number(&convert(c, Target::Plain).text))
}

/// Most rows of the table start with a number: parts of one numbered list.
fn mostly_numbered(t: &Table) -> bool {
    let n = t.rows.iter().filter(|r| starts_numbered(r)).count();
    n * 2 >= t.rows.len() && n > 0
}

fn width(t: &Table) -> usize {
    let mut counts = std::collections::HashMap::new();
    for r in &t.rows {
        let w = trimmed_len(&r.cells);
        *counts.entry(w).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(w, n)| (*n, *w))
        .map_or(0, |(w, _)| w)
}

fn trimmed_len(cells: &[String]) -> usize {
    cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1)
}

fn plain_cells(cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .map(|c| convert(c, Target::Plain).text)
        .collect()
}

/// Cleans and classifies one table.
pub fn clean(table: &Table, review: &mut Review) -> CleanTable {
    let mut rows: Vec<(usize, Vec<String>, bool)> = table
        .rows
        .iter()
        .map(|r| {
            let mut cells = plain_cells(&r.cells);
            cells.truncate(trimmed_len(&cells).max(1));
            (r.line, cells, r.after_break)
        })
        .collect();
    let header_at = rows.iter().take(3).position(|(_, c, _)| header_like(c));
    let mut header = match header_at {
        Some(i) => {
            // Rows above the header (a section title printed first) stay first and
            // so come right after it.
            rows.remove(i).1
        }
        None => Vec::new(),
    };
    let numbered_rows = rows
        .iter()
        .filter(|(_, c, _)| c.first().is_some_and(|x| is_number(x)))
        .count();
    let numbered = numbered_rows * 2 >= rows.len().max(1) && numbered_rows > 0;
    let number_head = header
        .first()
        .is_some_and(|h| h.contains('№') || h.contains("п/п"));
    if !header.is_empty() && !number_head && numbered {
        header.insert(0, "№".into());
    }
    let has_number_column = number_head || numbered;
    let class = classify(&header, &rows);
    let width = if header.is_empty() {
        rows.iter().map(|(_, c, _)| c.len()).max().unwrap_or(1)
    } else {
        header.len()
    };
    let rule = if numbered {
        Rule::Numbered
    } else {
        Rule::TextShape
    };
    let title_col = match &class {
        Class::Activities(c) => Some(c.title),
        _ => None,
    };
    let mut w = Walker {
        header: &header,
        width,
        has_number_column,
        rule,
        title_col,
        out: Vec::new(),
        strong_break: false,
        sub_items: false,
    };
    for (line, cells, soft) in rows {
        w.row(line, cells, soft, review);
    }
    let out = w.out;
    CleanTable {
        line: table.line,
        header,
        rows: out,
        has_number_column,
        rule,
        class,
    }
}

struct Walker<'a> {
    header: &'a [String],
    width: usize,
    has_number_column: bool,
    rule: Rule,
    title_col: Option<usize>,
    out: Vec<TRow>,
    strong_break: bool,
    sub_items: bool,
}

impl Walker<'_> {
    fn row(&mut self, line: usize, mut cells: Vec<String>, soft: bool, review: &mut Review) {
        if !self.header.is_empty() && same_row(&cells, self.header) {
            self.strong_break = true;
            return;
        }
        if is_column_numbers(&cells) {
            self.strong_break = true;
            return;
        }
        let strong = std::mem::take(&mut self.strong_break);
        self.fix_width(line, &mut cells, review);
        let first = cells
            .first()
            .map(|c| c.trim().to_string())
            .unwrap_or_default();
        let number = (self.has_number_column && is_number(&first)).then(|| first.clone());
        let content: &[String] = if self.has_number_column {
            &cells[1..]
        } else {
            &cells[..]
        };
        let filled = content.iter().filter(|c| !c.trim().is_empty()).count();
        if filled == 0 && first.is_empty() {
            return;
        }
        let continues = number.is_none() && self.continues(&first, content, strong, soft);
        if continues
            && self.merge(
                line,
                &cells,
                review,
                "продолжение строки после переноса страницы",
            )
        {
            return;
        }
        let part = number.is_none() && self.sub_items && self.rule == Rule::Numbered;
        if part
            && self.merge(
                line,
                &cells,
                review,
                "строка без номера отнесена к предыдущему пункту-перечню (его часть)",
            )
        {
            return;
        }
        let text_cells: Vec<&String> = cells
            .iter()
            .enumerate()
            .filter(|(i, c)| !(c.trim().is_empty() || *i == 0 && number.is_some()))
            .map(|(_, c)| c)
            .collect();
        if text_cells.len() == 1 && !(filled == 1 && self.width <= 2 && number.is_none()) {
            self.sub_items = false;
            self.out.push(TRow::Section {
                line,
                number,
                text: text_cells[0].trim().to_string(),
            });
            return;
        }
        self.sub_items = self
            .title_col
            .and_then(|c| cells.get(c))
            .is_some_and(|t| LIST_HEAD.is_match(t.trim()));
        self.out.push(TRow::Data {
            line,
            number,
            cells,
        });
    }

    fn continues(&self, first: &str, content: &[String], strong: bool, soft: bool) -> bool {
        if !matches!(
            self.out.last(),
            Some(TRow::Data { .. } | TRow::Section { .. })
        ) {
            return false;
        }
        match self.rule {
            Rule::Numbered if strong => first.is_empty(),
            Rule::Numbered if soft => first.is_empty() && !complete(content),
            Rule::Numbered => false,
            Rule::TextShape => (strong || soft) && starts_lower(content),
        }
    }

    /// Appends a row to the previous one cell by cell; false when there is none.
    fn merge(&mut self, line: usize, cells: &[String], review: &mut Review, why: &str) -> bool {
        let Some(prev) = self.out.last_mut() else {
            return false;
        };
        let (prev_line, what) = match prev {
            TRow::Data {
                line: l, cells: pc, ..
            } => {
                for (i, c) in cells.iter().enumerate() {
                    if c.trim().is_empty() {
                        continue;
                    }
                    if let Some(p) = pc.get_mut(i) {
                        *p = join_cells(p, c, line, review);
                    }
                }
                (*l, "строке")
            }
            TRow::Section { line: l, text, .. } => {
                let extra: Vec<&str> = cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                *text = join_cells(text, &extra.join(" "), line, review);
                (*l, "разделу")
            }
        };
        let sample = cells
            .iter()
            .find(|c| !c.trim().is_empty())
            .cloned()
            .unwrap_or_default();
        review.add(
            line,
            Topic::Table,
            format!(
                "{why}: «{}» присоединено к {what} со строки {prev_line}",
                short(&sample, 50)
            ),
        );
        true
    }

    /// Makes the row exactly as wide as the header: splits a number glued to its text,
    /// drops empty cells a merged cell left, joins surplus cells of the title.
    fn fix_width(&self, line: usize, cells: &mut Vec<String>, review: &mut Review) {
        if self.header.is_empty() {
            cells.resize(self.width.max(cells.len()), String::new());
            return;
        }
        if self.has_number_column && self.rule == Rule::Numbered {
            if let Some(c) = cells.first().and_then(|c| GLUED_NUMBER.captures(c.trim())) {
                let (n, rest) = (c[1].to_string(), c[2].to_string());
                review.add(
                    line,
                    Topic::Table,
                    format!("номер «{n}» отделён от текста ячейки"),
                );
                cells[0] = rest;
                cells.insert(0, n);
            }
        }
        if cells.len() > self.width {
            let before = cells.len();
            let mut i = cells.len();
            while cells.len() > self.width && i > 1 {
                i -= 1;
                if cells[i].trim().is_empty() && i < cells.len() {
                    cells.remove(i);
                }
            }
            let mut joined = false;
            let start = usize::from(self.has_number_column);
            while cells.len() > self.width && cells.len() > start + 1 {
                let next = cells.remove(start + 1);
                cells[start] = format!("{} {}", cells[start].trim(), next.trim())
                    .trim()
                    .to_string();
                joined = true;
            }
            let what = if joined {
                "лишние ячейки объединены с ячейкой наименования"
            } else {
                "пустые ячейки (след объединённых ячеек) убраны"
            };
            review.add(line, Topic::Table, format!("в строке {before} ячеек при {} столбцах: {what}; проверьте, что значения стоят в своих столбцах", self.width));
        }
        cells.resize(self.width, String::new());
    }
}

fn starts_upper(s: &str) -> bool {
    s.trim()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Every cell filled and each starting with a capital or a digit: a row of its own.
fn complete(content: &[String]) -> bool {
    !content.is_empty() && content.iter().all(|c| starts_upper(c))
}

/// Every filled cell starts in lower case or with punctuation.
fn starts_lower(content: &[String]) -> bool {
    let filled: Vec<&String> = content.iter().filter(|c| !c.trim().is_empty()).collect();
    !filled.is_empty()
        && filled.iter().all(|c| {
            c.trim()
                .chars()
                .next()
                .is_some_and(|ch| ch.is_lowercase() || !(ch.is_alphanumeric()))
        })
}

static RE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)наименовани|показател[ьи]?\s*$|^показатель").expect("valid regex")
});
static RE_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)показател|целев|планов").expect("valid regex"));
static RE_ACTUAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)фактическ|^факт|достигнут").expect("valid regex"));
static RE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)мероприяти|описание действий|наименование").expect("valid regex")
});
static RE_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)период|срок|дат[аы]").expect("valid regex"));
static RE_RESP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)ответствен|исполнител|фио").expect("valid regex"));
static RE_EXPECTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)прогнозир|ожидаем|ключевой результат|показатель реализации|результат")
        .expect("valid regex")
});

fn find(header: &[String], re: &Regex, skip: &[usize]) -> Option<usize> {
    header
        .iter()
        .enumerate()
        .find(|(i, h)| !skip.contains(i) && re.is_match(h.trim()))
        .map(|(i, _)| i)
}

fn classify(header: &[String], rows: &[(usize, Vec<String>, bool)]) -> Class {
    let page_refs = rows
        .iter()
        .filter(|(_, c, _)| c.last().is_some_and(|l| PAGE_REF.is_match(l.trim())) && c.len() >= 2)
        .count();
    if rows.len() >= 2 && page_refs * 10 >= rows.len() * 6 {
        return Class::Toc;
    }
    if header.is_empty() {
        return Class::Other;
    }
    let result = find(header, &RE_ACTUAL, &[]);
    let skip: Vec<usize> = result.into_iter().collect();
    if let (Some(title), Some(period)) = (
        find(header, &RE_TITLE, &skip),
        find(header, &RE_PERIOD, &skip),
    ) {
        let used = [skip.clone(), vec![title, period]].concat();
        let responsible: Vec<usize> = (0..header.len())
            .filter(|i| !used.contains(i) && RE_RESP.is_match(&header[*i]))
            .collect();
        let used = [used, responsible.clone()].concat();
        return Class::Activities(ActivityColumns {
            title,
            period: Some(period),
            responsible,
            expected: find(header, &RE_EXPECTED, &used),
            result,
        });
    }
    if let Some(name) = find(header, &RE_NAME, &skip) {
        if let Some(target) = find(header, &RE_TARGET, &[skip.clone(), vec![name]].concat()) {
            return Class::Indicators(IndicatorColumns {
                name,
                target,
                actual: result,
            });
        }
    }
    Class::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::Row;

    fn table(lines: &[(&str, bool)]) -> Table {
        Table {
            line: 1,
            rows: lines
                .iter()
                .enumerate()
                .map(|(i, (l, b))| Row {
                    line: i + 1,
                    cells: l.split('\t').map(str::to_string).collect(),
                    after_break: *b,
                })
                .collect(),
        }
    }

    #[test]
    fn repeated_headers_and_continuations() {
        let t = table(&[
            (
                "№ п/п\tПериод реализации\tНаименование мероприятия\tОтветственный",
                false,
            ),
            ("1\t2\t3\t4", false),
            ("1.\tНаправление первое\t\t", false),
            ("1.\tмарт\tСеминар для\tИванов И.И.", false),
            (
                "№ п/п\tПериод реализации\tНаименование мероприятия\tОтветственный",
                true,
            ),
            ("1\t2\t3\t4", false),
            ("\t\tучителей\t", false),
            ("2.\tапрель\tКонференция\tПетров П.П.", false),
        ]);
        let mut r = Review::default();
        let c = clean(&t, &mut r);
        assert!(matches!(c.class, Class::Activities(_)));
        assert_eq!(c.rule, Rule::Numbered);
        assert_eq!(c.rows.len(), 3, "{:?}", c.rows);
        let TRow::Data { cells, .. } = &c.rows[1] else {
            panic!()
        };
        assert_eq!(cells[2], "Семинар для учителей");
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn unnumbered_table_uses_text_shape() {
        let t = table(&[
            (
                "№ п/п\tНаименование результата\tПоказатели эффективности",
                false,
            ),
            ("Группа\t\t", false),
            ("\tДоля педагогов, прошедших\tНе менее 10 %", false),
            ("\tи получивших поддержку\t(к 2024 году)", true),
            ("\tДоля школ\tНе менее 5 %", true),
        ]);
        let mut r = Review::default();
        let c = clean(&t, &mut r);
        assert_eq!(c.rule, Rule::TextShape);
        assert!(matches!(c.class, Class::Indicators(_)));
        assert_eq!(c.data_rows().count(), 2);
    }
}
