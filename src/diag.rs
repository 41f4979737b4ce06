//! Diagnostics: every content problem is a value with a source location.
//!
//! Stages push problems into a [`Diagnostics`] collector instead of returning early,
//! so one run reports everything a methodist has to fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Severity {
    /// Publishing goes on; `--strict` makes it fatal.
    Warning,
    /// The site cannot be built.
    Error,
}

impl Severity {
    /// The Russian word printed after the location.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Warning => "предупреждение",
            Severity::Error => "ошибка",
        }
    }
}

/// A position in a file, 1-based, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl Pos {
    /// A position from 1-based line and column.
    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }

    /// The position of a byte offset in `text`.
    ///
    /// One pass over the text before `offset` (vectorised byte searches): for many
    /// positions in one text, use a [`LineIndex`].
    pub fn of_offset(text: &str, offset: usize) -> Pos {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text.as_bytes()[..offset];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', &before[..line_start]).count() + 1;
        Pos {
            line,
            col: chars_in(&before[line_start..]) + 1,
        }
    }
}

/// The number of characters in UTF-8 bytes cut at a character boundary.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

/// Where the lines of one text start, so that each of many positions in it is found
/// without reading the text again (the offsets of 40,000 links or addresses in one
/// page once cost a pass over the file each).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// The position of a byte offset, as [`Pos::of_offset`] gives it.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Pos {
            line,
            col: chars_in(&self.text.as_bytes()[start..offset]) + 1,
        }
    }

    /// Line `line` (from 1) without its line break; empty past the end.
    pub fn line(&self, line: usize) -> &'a str {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let l = &self.text[start..end.max(start)];
        l.strip_suffix('\r').unwrap_or(l)
    }
}

/// Snippets longer than this many characters are cut around the column.
const LONG_SNIPPET: usize = 200;
/// How many characters of a cut snippet are kept, about half before the column.
const SNIPPET_WINDOW: usize = 100;

/// `line` as a snippet for column `col` (from 1): as it is, or if it is longer than
/// 200 characters, the 100 around the column with «…» where it was cut. Only the part
/// kept is copied, so a diagnostic about a 640 KB line holds 100 characters.
pub fn window(line: &str, col: usize) -> String {
    if line.len() <= LONG_SNIPPET || line.chars().nth(LONG_SNIPPET).is_none() {
        return line.to_string();
    }
    let at = col.saturating_sub(1);
    let start = at.saturating_sub(SNIPPET_WINDOW / 2);
    let mut chars = line.char_indices().skip(start);
    let Some((from, _)) = chars.next() else {
        // The column is past the end: the line's last characters.
        let from = line
            .char_indices()
            .rev()
            .nth(SNIPPET_WINDOW - 1)
            .map_or(0, |(i, _)| i);
        return format!("…{}", &line[from..]);
    };
    let to = line[from..]
        .char_indices()
        .nth(SNIPPET_WINDOW)
        .map_or(line.len(), |(i, _)| from + i);
    let mut out = String::with_capacity(to - from + 8);
    if from > 0 {
        out.push('…');
    }
    out.push_str(&line[from..to]);
    if to < line.len() {
        out.push('…');
    }
    out
}

/// At most this many diagnostics of one kind are reported for one file; the rest are
/// counted in one more (a real page never has so many: such a file is generated or
/// pasted, and a hundred say what to fix).
pub const MAX_PER_KIND: usize = 100;

/// Collects diagnostics of one kind for one file, keeping the first [`MAX_PER_KIND`]
/// and counting the rest: [`Capped::finish`] adds «и ещё N …».
pub struct Capped<'d> {
    diags: &'d mut Diagnostics,
    kept: usize,
    more: usize,
}

impl<'d> Capped<'d> {
    /// Starts counting into `diags`.
    pub fn new(diags: &'d mut Diagnostics) -> Capped<'d> {
        Capped {
            diags,
            kept: 0,
            more: 0,
        }
    }

    /// Records one problem: made (and its position found) only while under the cap.
    pub fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.kept < MAX_PER_KIND {
            self.diags.push(make());
            self.kept += 1;
        } else {
            self.more += 1;
        }
    }

    /// Adds the count of those left out, if any, as one more diagnostic of `severity`
    /// in `path`; `what` are the three forms of the noun (1, 2, 5): «адрес», «адреса»,
    /// «адресов».
    pub fn finish(self, path: &Path, severity: Severity, what: [&str; 3]) {
        if self.more == 0 {
            return;
        }
        let more = format!(
            "{} {}",
            crate::ru::grouped(self.more),
            crate::ru::plural(self.more as u64, what[0], what[1], what[2])
        );
        self.diags.push(Diagnostic {
            severity,
            ..Diagnostic::error(
                path,
                format!("и ещё {more} в этом файле: показаны первые {MAX_PER_KIND}"),
            )
            .hint("исправьте показанные и запустите проверку снова")
        });
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Diagnostic {
    /// File, relative to the site folder where possible.
    pub path: PathBuf,
    /// Where in the file; `None` for whole-file problems.
    pub pos: Option<Pos>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in Russian.
    pub message: String,
    /// The offending text as written, if any.
    pub snippet: Option<String>,
    /// How to fix it, in Russian.
    pub hint: Option<String>,
    /// A warning about what the source document itself says, marked as known on the page
    /// (a `note` quoting it): printed, but `--strict` leaves it a warning.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub acknowledged: bool,
}

impl Diagnostic {
    /// An error in `path`.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            pos: None,
            severity: Severity::Error,
            message: message.into(),
            snippet: None,
            hint: None,
            acknowledged: false,
        }
    }

    /// A warning in `path`.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Marks a warning as known on the page: `--strict` does not make it an error.
    pub fn acknowledged(mut self) -> Diagnostic {
        self.acknowledged = true;
        self
    }

    /// Sets the position.
    pub fn at(mut self, pos: Pos) -> Diagnostic {
        self.pos = Some(pos);
        self
    }

    /// Sets the position if known.
    pub fn at_opt(mut self, pos: Option<Pos>) -> Diagnostic {
        self.pos = pos.or(self.pos);
        self
    }

    /// Attaches the offending text; a text over 200 characters is cut around the
    /// column (see [`window`]), so set the position first.
    pub fn snippet(mut self, text: impl Into<String>) -> Diagnostic {
        let text = text.into();
        self.snippet = Some(if text.len() > LONG_SNIPPET {
            window(&text, self.pos.map_or(1, |p| p.col))
        } else {
            text
        });
        self
    }

    /// Attaches a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every part may quote a file (see `term`): its control characters are shown.
        use crate::term::{visible, visible_line, visible_snippet};
        let path = self.path.to_string_lossy();
        write!(f, "{}", visible_line(&path))?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.col)?;
        }
        let message = visible_line(&self.message);
        write!(f, ": {}: {message}", self.severity.word())?;
        if let Some(snippet) = &self.snippet {
            write!(f, "\n    | {}", visible_snippet(snippet.trim_end()))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    = подсказка: {}", visible(hint))?;
        }
        Ok(())
    }
}

/// A collector of problems from all stages.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Moves every problem of `other` into this one.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// True if any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True if there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All problems, sorted by file and position for stable output.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| (&a.path, a.pos).cmp(&(&b.path, b.pos)));
        v
    }

    /// All problems in insertion order.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Turns every warning into an error (`--strict`), except those acknowledged on
    /// their page.
    pub fn make_strict(&mut self) {
        for d in self.items.iter_mut().filter(|d| !d.acknowledged) {
            d.severity = Severity::Error;
        }
    }

    /// Renders all problems, one block each, plus a Russian summary line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e + w > 0 {
            out.push_str(&format!(
                "итого: {}, {}\n",
                crate::ru::plural_n(e, "ошибка", "ошибки", "ошибок"),
                crate::ru::plural_n(w, "предупреждение", "предупреждения", "предупреждений")
            ));
        }
        out
    }
}

/// The symbol a message shows for a control character (`␀`…`␟`, `␡`), so that a
/// snippet can neither move the terminal's cursor nor hide what is there; `None` for
/// any other character.
pub fn control_symbol(c: char) -> Option<char> {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + u32::from(c)),
        '\x7f' => Some('␡'),
        _ => None,
    }
}

/// Makes `path` relative to `root` for display.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "ааа\nбб: в";
        let off = text.find('в').unwrap();
        assert_eq!(Pos::of_offset(text, off), Pos::new(2, 5));
    }

    #[test]
    fn a_line_index_gives_what_of_offset_gives() {
        let text = "ааа\r\nбб: в\n\nг\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 3 {
            assert_eq!(index.pos(offset), Pos::of_offset(text, offset), "{offset}");
        }
        assert_eq!(index.line(1), "ааа");
        assert_eq!(index.line(2), "бб: в");
        assert_eq!(index.line(3), "");
        assert_eq!(index.line(5), "last");
        assert_eq!(index.line(6), "");
        assert_eq!(index.line(0), "");
    }

    #[test]
    fn long_snippets_are_cut_around_the_column() {
        let line = format!("{}ОШИБКА{}", "а".repeat(1000), "б".repeat(1000));
        let d = Diagnostic::error("a.md", "x")
            .at(Pos::new(1, 1001))
            .snippet(line.clone());
        let s = d.snippet.unwrap();
        // 50 characters before the column, 50 from it, «…» at both cuts.
        assert_eq!(s, format!("…{}ОШИБКА{}…", "а".repeat(50), "б".repeat(44)));
        assert_eq!(window(&line, 1), format!("{}…", "а".repeat(100)));
        assert_eq!(window(&line, 5000), format!("…{}", "б".repeat(100)));
        assert_eq!(window("короткая", 3), "короткая");
    }

    #[test]
    fn past_the_cap_problems_are_counted() {
        let mut diags = Diagnostics::new();
        let mut capped = Capped::new(&mut diags);
        let mut made = 0;
        for _ in 0..MAX_PER_KIND + 21 {
            capped.push(|| {
                made += 1;
                Diagnostic::warning("a.md", "адрес")
            });
        }
        capped.finish(
            Path::new("a.md"),
            Severity::Warning,
            ["адрес", "адреса", "адресов"],
        );
        assert_eq!(made, MAX_PER_KIND);
        assert_eq!(diags.warning_count(), MAX_PER_KIND + 1);
        assert_eq!(
            diags.items().last().unwrap().message,
            "и ещё 21 адрес в этом файле: показаны первые 100"
        );
    }

    #[test]
    fn display_is_path_line_col() {
        let d = Diagnostic::error("content/a.md", "неизвестная школа «СОШ 3»")
            .at(Pos::new(12, 7))
            .snippet("school: СОШ 3")
            .hint("добавьте псевдоним в data/schools.yaml");
        let s = d.to_string();
        assert!(s.starts_with("content/a.md:12:7: ошибка: неизвестная школа «СОШ 3»"));
        assert!(s.contains("подсказка: добавьте"));
    }

    #[test]
    fn display_shows_control_characters_of_every_part() {
        let d = Diagnostic::error(
            "content/\u{1b}[2J.md",
            "дата «31.02.2025\u{1b}[2J»\nвторая строка",
        )
        .at(Pos::new(4, 7))
        .snippet("\tdate: \"31.02.2025\u{1b}[2J\"")
        .hint("строка\nс \u{1b}]0;PWNED\u{7}");
        assert_eq!(
            d.to_string(),
            "content/␛[2J.md:4:7: ошибка: дата «31.02.2025␛[2J»␊вторая строка\n    \
             | \tdate: \"31.02.2025␛[2J\"\n    = подсказка: строка\nс ␛]0;PWNED␇"
        );
    }
}
