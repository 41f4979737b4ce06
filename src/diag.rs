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
    pub fn of_offset(text: &str, offset: usize) -> Pos {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..offset].chars().count() + 1;
        Pos { line, col }
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
        }
    }

    /// A warning in `path`.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
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

    /// Attaches the offending text.
    pub fn snippet(mut self, text: impl Into<String>) -> Diagnostic {
        self.snippet = Some(text.into());
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

    /// Turns every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
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
