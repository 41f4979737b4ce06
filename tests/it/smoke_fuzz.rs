//! A stable-toolchain stand-in for the cargo-fuzz targets in `fuzz/`: each target function
//! runs on a few thousand deterministic pseudo-random inputs (mutations of real front
//! matter, indicator wording and Markdown, and plain noise) and must not panic. The real
//! fuzzers and how long they ran are in `docs/hardening.md`.
//!
//! `METODIST_SMOKE_FUZZ=<n>` changes the number of inputs per target (default 3000);
//! `METODIST_SMOKE_SEED=<n>` the seed.

use metodist::parse::frontmatter::{parse_front_matter, split};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use crate::util::Rng;

/// Characters mutations insert: syntax of YAML, TOML, Markdown, HTML and the indicator
/// grammar, Cyrillic, and the invisible ones that arrive from Word.
const ALPHABET: &[&str] = &[
    "-",
    "---",
    "+++",
    ":",
    "=",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "#",
    "*",
    "_",
    "`",
    "```",
    ">",
    "<",
    "</",
    "|",
    "\\",
    "!",
    "(",
    ")",
    "%",
    ",",
    ".",
    "0",
    "1",
    "5",
    "9",
    "10,5",
    "1 000",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\0",
    "\u{feff}",
    "\u{a0}",
    "\u{2028}",
    "\u{301}",
    "ё",
    "Ж",
    "не менее ",
    "не более ",
    "в т. ч. ",
    "из них ",
    "чел.",
    "да",
    "нет",
    "—",
    "–",
    "«",
    "»",
    "№",
    "…",
    "- ",
    "1. ",
    "> ",
    "<div>",
    "</div>",
    "<script>",
    "<b>",
    "&amp;",
    "&#x",
    "[^1]",
    "](",
    "kind: ",
    "title: ",
    "date: ",
    "31.02.2025",
    "2025-13-45",
    "𝕏",
    "\u{200d}",
];

fn mutate(rng: &mut Rng, seeds: &[String]) -> String {
    let mut s: Vec<char> = rng.pick(seeds).chars().collect();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(s.len() + 1);
        match rng.below(8) {
            0 | 1 => {
                let ins: Vec<char> = rng.pick(ALPHABET).chars().collect();
                s.splice(at..at, ins);
            }
            2 if !s.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(s.len());
                s.drain(at.min(end)..end);
            }
            3 if !s.is_empty() => {
                // Repeat a chunk: deep nesting, long runs.
                let start = at.min(s.len() - 1);
                let end = (start + 1 + rng.below(6)).min(s.len());
                let chunk: Vec<char> = s[start..end].to_vec();
                let most = if rng.below(10) == 0 { 2000 } else { 20 };
                let times = 1 + rng.below(most);
                let rep: Vec<char> = chunk
                    .iter()
                    .cycle()
                    .take(chunk.len() * times)
                    .copied()
                    .collect();
                s.splice(start..start, rep);
            }
            4 => {
                // Splice another seed in.
                let other: Vec<char> = rng.pick(seeds).chars().collect();
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(64)).min(other.len());
                s.splice(at..at, other[from..to].iter().copied());
            }
            5 if s.len() > 1 => {
                let a = rng.below(s.len());
                let b = rng.below(s.len());
                s.swap(a, b);
            }
            6 => {
                // A random character from anywhere in Unicode.
                let c = char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('\u{fffd}');
                s.insert(at, c);
            }
            _ => s.truncate(at),
        }
    }
    s.into_iter().collect()
}

fn noise(rng: &mut Rng) -> String {
    (0..rng.below(200)).map(|_| *rng.pick(ALPHABET)).collect()
}

/// `n` inputs: seeds as they are, then mutations and noise.
fn inputs(seeds: &[String], n: usize, rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<String> = seeds.to_vec();
    while out.len() < n {
        out.push(if rng.below(10) == 0 {
            noise(rng)
        } else {
            mutate(rng, seeds)
        });
    }
    out
}

fn count() -> usize {
    std::env::var("METODIST_SMOKE_FUZZ")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

fn rng(salt: u64) -> Rng {
    let seed: u64 = std::env::var("METODIST_SMOKE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6d65_746f_6469_7374);
    Rng((seed ^ salt) | 1)
}

/// Runs `f` on every input; a panic names the input that caused it.
fn run_all(target: &str, inputs: &[String], f: impl Fn(&str)) {
    for (i, input) in inputs.iter().enumerate() {
        if catch_unwind(AssertUnwindSafe(|| f(input))).is_err() {
            panic!("{target}: input #{i} panicked:\n{input:?}");
        }
    }
}

/// Markdown files of the fixtures and of the bad-input catalogue.
fn markdown_files() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut paths = Vec::new();
    walk(&root.join("fixtures"), &mut paths);
    walk(&root.join("bad_input"), &mut paths);
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .filter(|t| t.len() < 20_000)
        .collect();
    assert!(texts.len() > 20, "{} seed files", texts.len());
    texts
}

#[test]
fn smoke_fuzz_front_matter() {
    let mut rng = rng(1);
    let seeds = markdown_files();
    let path = Path::new("content/pages/fuzz.md");
    run_all("front matter", &inputs(&seeds, count(), &mut rng), |text| {
        // Parsing receives text as loading leaves it.
        let text = &metodist::load::normalize_newlines(text.to_string());
        let lines = text.split('\n').count();
        match split(text) {
            Ok(Some(s)) => {
                assert_eq!(s.front_line, 2);
                assert!(s.body_line >= 2 && s.body_line <= lines + 1);
                assert!(text.len() >= s.front.len() + s.body.len());
                if let Err(errors) = parse_front_matter(path, &s) {
                    assert!(!errors.is_empty());
                    for d in errors {
                        assert!(!d.message.is_empty());
                        if let Some(p) = d.pos {
                            assert!(p.line >= 1 && p.line <= lines + 1, "{d}");
                            assert!(p.col >= 1, "{d}");
                        }
                    }
                }
            }
            Ok(None) => {}
            Err(d) => assert_eq!(d.pos.map(|p| p.line), Some(1)),
        }
    });
}

#[test]
fn smoke_fuzz_targets_and_actuals() {
    let mut rng = rng(2);
    let mut seeds: Vec<String> = [
        "5% (в т. ч. 1,5%)",
        "11,11% (2 чел.)",
        "не менее 10 %",
        "не более 3",
        "100 %",
        "100",
        "да",
        "выполнено",
        "не выполнено",
        "положительная динамика",
        "нет данных",
        "не менее 80 % от общей численности педагогических работников",
        "2 (из них 1 победитель)",
        "не менее 1 мероприятия в квартал",
        "до 31.12.2025",
        "с общим охватом не менее 80 %",
        "84 % от общего числа педагогов ШНОР",
        "0,5 ставки",
        "1 000 чел.",
        "—",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The wording of the real documents.
    let re = regex::Regex::new(r#"(?m)^\s*-?\s*(?:target|actual):\s*"?([^"\n]*)"?\s*$"#).unwrap();
    for text in markdown_files() {
        seeds.extend(re.captures_iter(&text).map(|c| c[1].to_string()));
    }
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for dir in std::fs::read_dir(content).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(text) = std::fs::read_to_string(f.path()) {
                seeds.extend(re.captures_iter(&text).map(|c| c[1].to_string()));
            }
        }
    }
    seeds.sort();
    seeds.dedup();
    run_all("target/actual", &inputs(&seeds, count(), &mut rng), |raw| {
        if let Ok(t) = metodist::indicator::parse_target(raw) {
            assert_eq!(t.raw, raw);
        }
        if let Ok(a) = metodist::indicator::parse_actual(raw) {
            assert_eq!(a.raw, raw);
        }
    });
}

#[test]
fn smoke_fuzz_markdown() {
    let mut rng = rng(3);
    let mut seeds: Vec<String> = markdown_files()
        .into_iter()
        .map(|t| match split(&t) {
            Ok(Some(s)) => s.body.to_string(),
            _ => t,
        })
        .collect();
    seeds.extend(
        [
            "# Заголовок {#id}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nТекст[^1] ~~старое~~\n\n[^1]: Сноска.\n",
            "```rust\nfn main() {}\n```\n\n```\nбез языка\n```\n",
            "- a\n  - b\n    - c\n\n1. один\n2. два\n\n> цитата\n> > вложенная\n",
            "<table><tr><td colspan=2>Word</td></tr></table>\n\n<p style=\"x\" onclick=\"y\">z</p>\n",
            "[ссылка](plan.md#tsel) ![картинка](a.png \"t\") <https://example.org> <a@b.ru>\n",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let resolve = |d: &str| {
        if d.ends_with(".md") {
            metodist::markdown::Resolved::Href("../x/index.html".into())
        } else {
            metodist::markdown::Resolved::Keep
        }
    };
    run_all("markdown", &inputs(&seeds, count(), &mut rng), |body| {
        let r = metodist::markdown::render(body, &resolve);
        let lower = r.html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{}", r.html);
        let mut ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate heading ids");
        if let Some(off) = r.too_deep {
            assert!(off <= body.len());
        }
    });
}
