//! Errors of the YAML and TOML parsers as Russian messages at the place that needs the
//! fix: an unclosed bracket or quote at its opening (where the parser saw it open, not
//! where it gave up), a duplicate key at its second occurrence, an unknown anchor at the
//! alias, a field that cannot be read at that field.

use super::messages::russify;
use super::recover::{split_yaml_message, FieldError};
use super::spans::{child_key, Spans};
use crate::diag::Pos;
use regex::Regex;
use std::sync::LazyLock;

/// A parser error, located in the text that was parsed and worded in Russian.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where, from line 1 of the parsed text.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Problem {
    fn new(pos: Pos, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            pos,
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

/// libyaml's message: the problem and where it was noticed, then what was being read
/// and where that began (`…, while parsing a flow sequence at line 4 column 7`).
static LIBYAML: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<problem>.*?)(?: at line (?P<l>\d+) column (?P<c>\d+))?(?:, (?P<context>while [^,]*?)(?: at line (?P<cl>\d+) column (?P<cc>\d+))?)?$",
    )
    .expect("valid built-in regex")
});

/// A YAML syntax error of `text`.
pub fn yaml(text: &str, e: &serde_yaml_ng::Error) -> Problem {
    let full = e.to_string();
    let at = e
        .location()
        .map(|l| Pos::new(l.line(), l.column()))
        .unwrap_or(Pos::new(1, 1));
    let caps = LIBYAML.captures(&full);
    let group = |n: &str| caps.as_ref().and_then(|c| c.name(n)).map(|m| m.as_str());
    let problem = group("problem").unwrap_or(&full);
    let context = group("context").unwrap_or_default();
    let opened = group("cl")
        .zip(group("cc"))
        .and_then(|(l, c)| Some(Pos::new(l.parse().ok()?, c.parse().ok()?)));
    if let Some(p) = swallowed_lines(text, at) {
        return p;
    }
    if let Some(p) = yaml_special(text, problem, context, at, opened) {
        return p;
    }
    let (path, body) = split_yaml_message(&full);
    let raw = if path.is_empty() {
        body
    } else {
        format!("{path}: {body}")
    };
    let pos = if raw.contains("control characters") {
        // Reported without a location: the first such character.
        text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .map(|off| Pos::of_offset(text, off))
            .unwrap_or(at)
    } else {
        at
    };
    let (message, hint) = russify(&raw, "YAML");
    Problem { pos, message, hint }
}

/// The errors whose place or wording needs more than a translation.
fn yaml_special(
    text: &str,
    problem: &str,
    context: &str,
    at: Pos,
    opened: Option<Pos>,
) -> Option<Problem> {
    let open = opened.unwrap_or(at);
    Some(match (problem, context) {
        ("did not find expected ',' or ']'", _) => Problem::new(
            open,
            "скобка «[» не закрыта",
            "закройте список скобкой «]»; элементы списка разделяются запятыми",
        ),
        ("did not find expected ',' or '}'", _) => Problem::new(
            open,
            "скобка «{» не закрыта",
            "закройте набор полей скобкой «}»; поля разделяются запятыми",
        ),
        ("did not find expected node content", c) if c.contains("flow") => {
            // The text ended inside brackets: libyaml says where it ended.
            let (pos, bracket) = open_flow(text)?;
            let (close, what) = match bracket {
                '{' => ('}', "набор полей"),
                _ => (']', "список"),
            };
            Problem::new(
                pos,
                format!("скобка «{bracket}» не закрыта"),
                format!("закройте {what} скобкой «{close}»"),
            )
        }
        ("found unexpected end of stream", "while scanning a quoted scalar") => Problem::new(
            open,
            "кавычка не закрыта",
            "закройте кавычку в конце значения: кавычки ставятся парами",
        ),
        ("found unknown escape character", _) => Problem::new(
            at,
            "неизвестный знак после «\\» в двойных кавычках",
            "в двойных кавычках «\\» начинает особый знак: напишите «\\\\» или возьмите значение в одинарные кавычки",
        ),
        (p, _) if p.contains("hexadecimal") || p.contains("Unicode character escape") => {
            Problem::new(
                at,
                "после «\\x», «\\u» или «\\U» в двойных кавычках должен идти код символа",
                "напишите «\\\\», если нужна сама обратная косая черта, или возьмите значение в одинарные кавычки",
            )
        }
        _ => return yaml_structure(text, problem, context, at, open),
    })
}

/// [`yaml_special`] for keys, lists, tabs, anchors, tags and documents.
fn yaml_structure(text: &str, problem: &str, context: &str, at: Pos, open: Pos) -> Option<Problem> {
    Some(match (problem, context) {
        ("could not find expected ':'", _) => Problem::new(
            open,
            "после имени поля нет двоеточия",
            "поле записывается как «имя: значение»; значение с двоеточием возьмите в кавычки",
        ),
        ("block sequence entries are not allowed in this context", _) => Problem::new(
            at,
            "элемент списка «-» в неожиданном месте",
            "элементы списка пишутся с новой строки под именем поля, с одинаковым отступом",
        ),
        (p, _) if p.starts_with("found a tab character") => Problem::new(
            at,
            "табуляция вместо пробелов",
            "в YAML отступы делаются пробелами, табуляция недопустима",
        ),
        ("did not find expected alphabetic or numeric character", c)
            if c.contains("anchor") || c.contains("alias") =>
        {
            Problem::new(
                at,
                "после «&» или «*» должно идти имя метки",
                "значение, которое начинается с «&» или «*», возьмите в кавычки",
            )
        }
        ("found undefined tag handle", _) => Problem::new(
            open,
            "неизвестный тег «!…»",
            "значение, которое начинается с «!», возьмите в кавычки",
        ),
        ("unknown anchor", _) => {
            let name = word_at(text, at);
            Problem::new(
                at,
                format!("ссылка «{name}» на метку, которой нет"),
                format!(
                    "метку объявляют раньше ссылки: «поле: &{} значение»; или возьмите значение в кавычки",
                    name.trim_start_matches('*')
                ),
            )
        }
        ("repetition limit exceeded", _) => Problem::new(
            first_alias(text).unwrap_or(Pos::new(1, 1)),
            "ссылки «*» разворачиваются в слишком большой текст",
            "так бывает со злонамеренным файлом («YAML-бомба»); уберите метки «&» и ссылки «*» и запишите значения прямо",
        ),
        (p, _) if p.contains("more than one document") => Problem::new(
            second_document(text).unwrap_or(at),
            "в заголовке страницы больше одного документа YAML",
            "строки «---», «...» и строки с «%» внутри заголовка недопустимы",
        ),
        _ => return None,
    })
}

/// A line that reads as a field (`date: 2025-01-20`, `- id: A1`).
static KEY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:-\s+)?[^\s#'"\[\]{}\-][^:#]*:(?:\s|$)"#).expect("valid built-in regex")
});

/// A quoted value of a YAML text that parsed, spanning lines that read as fields
/// (`title: "Открыт приём` … `summary: кратко"`): the quote was meant to close on its
/// line, and the fields after it became part of the value without an error. The place
/// and wording as for [`swallowed_lines`], for a warning.
pub fn swallowing_quote(text: &str) -> Option<Problem> {
    // Only a line with an odd number of quotes can open such a value: most texts are
    // not parsed again.
    let odd = |l: &str| l.matches('"').count() % 2 == 1 || l.matches('\'').count() % 2 == 1;
    if !text.lines().any(odd) {
        return None;
    }
    swallowed_lines(text, Pos::new(usize::MAX, usize::MAX))
}

/// An opening quote left unclosed on its line is closed by the first quote of a later
/// one (`title: "Открыт приём` … `tags: ["конкурс"]`): the parser reads the lines between
/// as the value and fails after it, far from the mistake. A quoted value spanning lines
/// that read as fields, before the place the parser failed, is that mistake.
fn swallowed_lines(text: &str, failed: Pos) -> Option<Problem> {
    use saphyr_parser::{Event, ScalarStyle};
    let lines: Vec<&str> = text.lines().collect();
    // Opening quotes of values over several lines, as (line, column from 0): saphyr
    // gives a span, or, where YAML 1.2 wants the lines after the first indented and
    // libyaml did not, stops at the quote.
    let mut opened: Vec<(usize, usize)> = Vec::new();
    for event in saphyr_parser::Parser::new_from_str(text) {
        match event {
            Ok((
                Event::Scalar(_, ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted, ..),
                span,
            )) if span.start.line() < span.end.line() => {
                opened.push((span.start.line(), span.start.col()));
            }
            Ok((Event::StreamEnd, _)) => break,
            Ok(_) => {}
            Err(e) => {
                if e.info().contains("quoted scalar") {
                    opened.push((e.marker().line(), e.marker().col()));
                }
                break;
            }
        }
    }
    opened
        .into_iter()
        .filter(|&(line, col)| (line, col + 1) < (failed.line, failed.col))
        .find_map(|(line, col)| {
            let quote = lines.get(line - 1)?.chars().nth(col)?;
            let end = closing_line(&lines, line, col, quote)?;
            (line + 1..=end)
                .any(|l| lines.get(l - 1).is_some_and(|t| KEY_LINE.is_match(t)))
                .then(|| {
                    // The text is a part of its file: its line numbers are not the
                    // file's, so the closing line is quoted, not numbered.
                    let closing = lines.get(end - 1).map_or("", |t| t.trim());
                    let closing = super::frontmatter::snippet_window(closing, 1);
                    Problem::new(
                        Pos::new(line, col + 1),
                        format!(
                            "кавычка не закрыта в этой строке: значение в кавычках продолжается до кавычки в строке «{closing}»"
                        ),
                        format!("закройте кавычку {quote} в конце значения этой строки: кавычки ставятся парами"),
                    )
                })
        })
}

/// The line (from 1) of the quote that closes the one at `line`, `col` (from 0).
fn closing_line(lines: &[&str], line: usize, col: usize, quote: char) -> Option<usize> {
    if !matches!(quote, '"' | '\'') {
        return None;
    }
    let mut skip = col + 1;
    for (i, text) in lines.iter().enumerate().skip(line - 1) {
        let mut chars = text.chars().skip(skip).peekable();
        skip = 0;
        while let Some(c) = chars.next() {
            match (quote, c) {
                ('"', '\\') => {
                    chars.next();
                }
                ('\'', '\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                }
                (q, c) if q == c => return Some(i + 1),
                _ => {}
            }
        }
    }
    None
}

/// The innermost `[` or `{` of a YAML text left open where parsing stopped, from
/// saphyr's events.
fn open_flow(text: &str) -> Option<(Pos, char)> {
    use saphyr_parser::Event;
    let lines: Vec<&str> = text.lines().collect();
    let mut open: Vec<(Pos, char)> = Vec::new();
    for event in saphyr_parser::Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let at = span.start;
                let c = lines
                    .get(at.line().saturating_sub(1))
                    .and_then(|l| l.chars().nth(at.col()));
                open.push((Pos::new(at.line(), at.col() + 1), c.unwrap_or(' ')));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                open.pop();
            }
            _ => {}
        }
    }
    open.into_iter().rev().find(|(_, c)| matches!(c, '[' | '{'))
}

/// The token at `pos`: an alias name and the like.
fn word_at(text: &str, pos: Pos) -> String {
    text.lines()
        .nth(pos.line.saturating_sub(1))
        .map(|l| {
            l.chars()
                .skip(pos.col.saturating_sub(1))
                .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
                .collect()
        })
        .unwrap_or_default()
}

/// The first alias (`*name`) of a YAML text, from the parser's events.
fn first_alias(text: &str) -> Option<Pos> {
    saphyr_parser::Parser::new_from_str(text)
        .map_while(Result::ok)
        .find(|(ev, _)| matches!(ev, saphyr_parser::Event::Alias(_)))
        .map(|(_, span)| Pos::new(span.start.line(), span.start.col() + 1))
}

/// Where the second document of a YAML text begins (or where saphyr, stricter, stops),
/// from the parser's events.
fn second_document(text: &str) -> Option<Pos> {
    let mut starts = 0;
    for event in saphyr_parser::Parser::new_from_str(text) {
        let mark = match event {
            Ok((saphyr_parser::Event::DocumentStart(_), span)) => {
                starts += 1;
                if starts < 2 {
                    continue;
                }
                span.start
            }
            Ok(_) => continue,
            Err(e) => *e.marker(),
        };
        return Some(Pos::new(mark.line(), mark.col() + 1));
    }
    None
}

/// A TOML syntax error of `text`.
pub fn toml(text: &str, e: &toml::de::Error) -> Problem {
    let start = e.span().map(|s| s.start);
    let pos = start
        .map(|s| Pos::of_offset(text, s))
        .unwrap_or(Pos::new(1, 1));
    let message = e.message().trim();
    // toml names the duplicate key only by its span.
    let key = e
        .span()
        .and_then(|s| text.get(s))
        .filter(|k| message == "duplicate key" && !k.is_empty());
    let raw = match key {
        Some(k) => format!("duplicate key `{}`", k.trim_matches('"')),
        None => message.to_string(),
    };
    // «summary =» and nothing after: toml asks for quotes, but the value is missing.
    let nothing_after = start
        .and_then(|s| text.get(s..))
        .is_some_and(|rest| rest.lines().next().unwrap_or_default().trim().is_empty());
    let raw = if raw.starts_with("string values must be quoted") && nothing_after {
        "missing value".to_string()
    } else {
        raw
    };
    let (message, hint) = russify(&raw, "TOML");
    // toml notices an unclosed bracket or quote where the closing one should be; the
    // fix starts at the opening one, which its lexer finds.
    let opener = if raw.starts_with("unclosed") {
        Some(Opener::Bracket)
    } else if raw.contains("string, expected") {
        Some(Opener::Quote)
    } else {
        None
    };
    let pos = match start
        .zip(opener)
        .and_then(|(at, o)| toml_opener(text, at, o))
    {
        Some(open) => Pos::of_offset(text, open),
        None => pos,
    };
    Problem { pos, message, hint }
}

/// What a TOML error left open.
#[derive(Clone, Copy, PartialEq)]
enum Opener {
    Bracket,
    Quote,
}

/// The opening quote or bracket left open at byte `at`, from toml's own lexer.
fn toml_opener(text: &str, at: usize, what: Opener) -> Option<usize> {
    use toml_parser::lexer::TokenKind as K;
    let mut open: Vec<usize> = Vec::new();
    for token in toml_parser::Source::new(text).lex() {
        let span = token.span();
        if span.start() > at {
            break;
        }
        match token.kind() {
            K::BasicString | K::LiteralString | K::MlBasicString | K::MlLiteralString
                if what == Opener::Quote && span.end() >= at =>
            {
                return Some(span.start());
            }
            K::LeftSquareBracket | K::LeftCurlyBracket => open.push(span.start()),
            K::RightSquareBracket | K::RightCurlyBracket => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop().filter(|_| what == Opener::Bracket)
}

/// A field that could not be read into its type.
pub fn field(text: &str, spans: &Spans, e: &FieldError, syntax: &str) -> Problem {
    // The whole text is no place to point at: the parser's position says more.
    let exact =
        spans
            .get(&e.path)
            .filter(|_| !e.path.is_empty())
            .map(|s| match (&s.key, e.at_key) {
                (Some(k), true) => k.start,
                _ => s.value.start,
            });
    let offset = exact
        .or(e.offset)
        .or_else(|| spans.nearest(&e.path).map(|(_, s)| s.value.start))
        .unwrap_or(0);
    let raw = if e.path.is_empty() || e.at_key {
        // The field is named in the message; its parent is the path.
        let parent = super::spans::parent(&e.path);
        match parent {
            "" => e.message.clone(),
            p => format!("{p}: {}", e.message),
        }
    } else {
        format!("{}: {}", e.path, e.message)
    };
    let (message, hint) = russify(&raw, syntax);
    Problem {
        pos: Pos::of_offset(text, offset),
        message,
        hint,
    }
}

/// Parsers point a duplicate key at its mapping; the second occurrence is what to fix.
pub fn duplicate_key(spans: &Spans, mapping: &str, key: &str) -> Option<usize> {
    let path = child_key(mapping, key);
    spans
        .under(mapping)
        .filter(|(p, _)| *p == path)
        .nth(1)
        .and_then(|(_, s)| s.key.as_ref().map(|k| k.start))
}

#[cfg(test)]
mod tests;
