//! Everything metodist prints to a terminal goes through here.
//!
//! Messages quote what users and hostile files wrote (a title, a date, a file name), and
//! a terminal obeys control characters: `ESC [2J` clears the screen, `ESC ]0;…BEL` sets
//! the window title, a `\r` hides what was printed before it. So every control
//! character is shown as a symbol (`␛`, `␀`; C1 controls as `[U+009B]`) — except the
//! line break and the tab that metodist's own layout uses — in one place, not at each
//! message.

use std::borrow::Cow;
use std::io::Write;

/// `text` as it may reach a terminal: every control character but `\n` and `\t`
/// shown as its symbol.
pub fn visible(text: &str) -> Cow<'_, str> {
    shown(text, |c| matches!(c, '\n' | '\t'))
}

/// One line of `text` (a path, a message): line breaks and tabs shown too.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    shown(text, |_| false)
}

/// A line that shows a source line (a snippet): a tab stays, it is the indentation the
/// user sees in the editor.
pub fn visible_snippet(text: &str) -> Cow<'_, str> {
    shown(text, |c| c == '\t')
}

fn shown(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && !keep(c);
    if !text.contains(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !bad(c) {
            out.push(c);
        } else if let Some(s) = crate::diag::control_symbol(c) {
            out.push(s);
        } else {
            // C1 controls (U+0080–U+009F) have no picture; U+009B alone starts an
            // escape sequence in some terminals.
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        }
    }
    Cow::Owned(out)
}

/// Prints `text` to standard output, made [`visible`]. A closed pipe (`| head`) is the
/// reader's choice, not an error.
pub fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(visible(text).as_bytes());
}

/// Prints `text` to standard error, made [`visible`].
pub fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(visible(text).as_bytes());
}

/// `println!` through [`out`].
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::term::out(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` through [`err`].
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::term::err(&format!("{}\n", format_args!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        let title = "Отчёт \u{1b}]0;PWNED\u{7}\u{1b}[2J\r\u{9b}31m\nконец\tтаб";
        assert_eq!(
            visible(title),
            "Отчёт ␛]0;PWNED␇␛[2J␍[U+009B]31m\nконец\tтаб"
        );
        assert_eq!(
            visible_line(title),
            "Отчёт ␛]0;PWNED␇␛[2J␍[U+009B]31m␊конец␉таб"
        );
        assert_eq!(visible_snippet("\tа\u{0}"), "\tа␀");
        assert!(matches!(visible("обычный текст\n"), Cow::Borrowed(_)));
    }
}
