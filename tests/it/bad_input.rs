//! The catalogue of bad inputs (`tests/bad_input/`, described in its README): every case
//! in one site, one run of `metodist check`, every expected Russian diagnostic at its
//! position, nothing else, no panic and no hang.

use crate::hostile::{text_row, xlsx};
use crate::util::{copy_dir, fixtures, SiteTest, BIN};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take before it counts as a hang.
const DEADLINE: Duration = Duration::from_secs(180);

fn catalogue() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("bad_input")
}

/// One expected diagnostic: the start of its first line and text its block contains.
#[derive(Debug)]
struct Expected {
    case: String,
    head: String,
    also: Vec<String>,
}

/// A case's `expected.txt`.
fn read_expected(case: &str, dir: &Path) -> Vec<Expected> {
    let text = std::fs::read_to_string(dir.join("expected.txt"))
        .unwrap_or_else(|e| panic!("{case}: expected.txt: {e}"));
    let mut out: Vec<Expected> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(also) = line.strip_prefix("  ") {
            out.last_mut()
                .unwrap_or_else(|| panic!("{case}: «{line}» before any diagnostic"))
                .also
                .push(also.to_string());
        } else {
            out.push(Expected {
                case: case.to_string(),
                head: line.to_string(),
                also: Vec::new(),
            });
        }
    }
    assert!(!out.is_empty(), "{case}: expected.txt lists nothing");
    out
}

/// Makes the files of `generate.txt`; false if the case cannot run on this system.
fn generate(case: &str, dir: &Path, site: &SiteTest) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join("generate.txt")) else {
        return true;
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (what, rel, arg) = match words[..] {
            [what, rel, arg] => (what, rel, arg),
            [what @ "fifo", rel] => (what, rel, ""),
            _ => panic!("{case}: bad generate line «{line}»"),
        };
        let page =
            |title: &str, body: &str| format!("---\nkind: page\ntitle: {title}\n---\n{body}");
        let n = || -> usize { arg.parse().unwrap_or_else(|_| panic!("{case}: «{arg}»")) };
        match what {
            "big" => {
                let bytes = n();
                let para = "Строка текста огромного документа. ".repeat(20) + "\n\n";
                let mut text = page("Огромный документ", "");
                text.reserve(bytes);
                while text.len() < bytes {
                    text.push_str(&para);
                }
                site.create(rel, &text);
            }
            "big-front" => {
                // A page whose `summary` (line 4) pads the front matter to `n` bytes.
                let pad = "Очень длинное описание. ".repeat(n() / 40 + 1);
                site.create(
                    rel,
                    &format!("---\nkind: page\ntitle: Огромный заголовок\nsummary: \"{pad}\"\n---\nТекст.\n"),
                );
            }
            "nest-list" => site.create(
                rel,
                &page("Глубокий список", &("- ".repeat(n()) + "пункт\n")),
            ),
            "nest-quote" => site.create(
                rel,
                &page("Глубокая цитата", &(">".repeat(n()) + " цитата\n")),
            ),
            "nest-yaml" => site.create(
                rel,
                &format!(
                    "---\nkind: page\ntitle: Глубокий YAML\ntags: {}{}\n---\nТекст.\n",
                    "[".repeat(n()),
                    "]".repeat(n())
                ),
            ),
            "nest-toml" => site.create(
                rel,
                &format!(
                    "+++\nkind = \"page\"\ntitle = \"Глубокий TOML\"\ntags = {}{}\n+++\nТекст.\n",
                    "[".repeat(n()),
                    "]".repeat(n())
                ),
            ),
            "nest-html" => site.create(
                rel,
                &page(
                    "Глубокий HTML",
                    &format!("{}x{}\n", "<div>".repeat(n()), "</div>".repeat(n())),
                ),
            ),
            "big-csv" => {
                let mut csv = "id;name;target;note\nK1;Доля;10 %;".as_bytes().to_vec();
                csv.resize(n(), b'x');
                site.create_bytes(rel, &csv);
            }
            "csv-rows" => {
                let mut csv = String::from("id;name;target\n");
                for i in 1..=n() {
                    csv.push_str(&format!("K{i};Показатель {i};10 %\n"));
                }
                site.create(rel, &csv);
            }
            "xlsx-bomb" => {
                let header = text_row(1, &["Код", "Показатель", "Цель"]);
                // «а» is two bytes: n MB of them is a cell of n / 2 MB characters.
                let cell = "а".repeat(n() * 512 * 1024);
                let rows = header + &text_row(2, &["K1", &cell, "10 %"]);
                site.create_bytes(rel, &xlsx(&rows, None, None));
            }
            "xlsx-cut" => {
                let mut rows = text_row(1, &["Код", "Показатель", "Цель"]);
                for r in 2..n() as u32 + 2 {
                    rows.push_str(&text_row(r, &[&format!("K{}", r - 1), "Доля", "10 %"]));
                }
                let last = n() + 2;
                rows.push_str(&format!(
                    "<row r=\"{last}\"><c r=\"A{last}\" t=\"inlineStr\"><is><t>K{}",
                    last - 1
                ));
                site.create_bytes(rel, &xlsx(&rows, None, None));
            }
            "symlink" => {
                #[cfg(unix)]
                {
                    let link = site.path(rel);
                    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
                    std::os::unix::fs::symlink(arg, &link).unwrap();
                }
                #[cfg(not(unix))]
                return false;
            }
            "fifo" => {
                #[cfg(unix)]
                {
                    let fifo = site.path(rel);
                    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
                    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
                    assert!(made.is_ok_and(|s| s.success()), "{case}: mkfifo failed");
                }
                #[cfg(not(unix))]
                return false;
            }
            other => panic!("{case}: unknown generator «{other}»"),
        }
    }
    true
}

/// The catalogue as one site, and what it must report.
fn assemble() -> (SiteTest, Vec<Expected>) {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    let mut expected = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(catalogue())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the catalogue is incomplete: {cases:?}");
    for dir in cases {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let files = dir.join("site");
        if files.is_dir() {
            for rel in crate::util::list_files(&files) {
                if let Some(other) = owner.insert(rel.clone(), case.clone()) {
                    panic!("cases {other} and {case} both write {rel}");
                }
            }
            copy_dir(&files, site.root());
        }
        if generate(&case, &dir, &site) {
            expected.extend(read_expected(&case, &dir));
        }
    }
    assert!(fixtures().join("basic").is_dir());
    (site, expected)
}

/// Runs `metodist` with a deadline; a run past it is killed and fails the test.
fn run(site: &SiteTest, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .args(
            args.iter()
                .map(|a| a.replace("{site}", &site.root().to_string_lossy())),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run metodist");
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("metodist {args:?} hung for {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (status.code(), reader.join().unwrap())
}

/// The diagnostic block (first line and its indented lines) whose first line starts with
/// `head`.
fn block<'a>(lines: &[&'a str], head: &str) -> Option<Vec<&'a str>> {
    let start = lines.iter().position(|l| l.starts_with(head))?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| !l.starts_with("    "))
        .map_or(lines.len(), |i| start + 1 + i);
    Some(lines[start..end].to_vec())
}

/// First lines of diagnostics.
fn heads<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    lines
        .iter()
        .copied()
        .filter(|l| {
            !l.starts_with(' ') && (l.contains(": ошибка: ") || l.contains(": предупреждение: "))
        })
        .collect()
}

/// A run of English words in a diagnostic's first line, outside its path and the text it
/// quotes: a parser's message left untranslated. Identifiers (`pervaya-sosh`, `a.b`) are
/// not words; «front matter» is the name methodists know the header by.
fn english_run(head: &str) -> Option<String> {
    static QUOTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"«[^»]*»|`[^`]*`|"[^"]*"|\(front matter\)"#).unwrap()
    });
    let message = [": ошибка: ", ": предупреждение: "]
        .iter()
        .find_map(|sep| head.split_once(sep))
        .map_or(head, |(_, m)| m);
    let plain = QUOTED.replace_all(message, " | ");
    let is_word = |t: &str| {
        let t = t
            .trim_start_matches('(')
            .trim_end_matches([',', ';', ':', ')']);
        t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic())
    };
    let mut run: Vec<&str> = Vec::new();
    for token in plain.split_whitespace() {
        if is_word(token) {
            run.push(token);
            if run.len() >= 2 {
                continue;
            }
        } else if run.len() >= 2 {
            break;
        } else {
            run.clear();
        }
    }
    (run.len() >= 2).then(|| run.join(" "))
}

#[test]
fn english_runs_are_caught() {
    let head = "content/a.md:5:8: ошибка: ошибка в записи YAML: did not find expected ',' or ']'";
    assert_eq!(
        english_run(head).as_deref(),
        Some("YAML: did not find expected")
    );
    let head = "content/a.md:5:8: ошибка: неизвестное поле «two words» (в approved.date)";
    assert_eq!(english_run(head), None);
    let head = "content/a.md:5:8: ошибка: школа «Х» неоднозначна: подходят pervaya-sosh, pervaya-gimnaziya";
    assert_eq!(english_run(head), None);
}

fn check_output(what: &str, want: i32, code: Option<i32>, stderr: &str, expected: &[Expected]) {
    let lines: Vec<&str> = stderr.lines().collect();
    let show = || format!("--- {what}: exit {code:?}, stderr ---\n{stderr}\n--- end ---");
    let english: Vec<String> = heads(&lines)
        .iter()
        .filter_map(|h| english_run(h).map(|w| format!("  «{w}» in {h}")))
        .collect();
    assert!(
        english.is_empty(),
        "{what}: English left in diagnostics:\n{}",
        english.join("\n")
    );
    for bad in ["panicked", "overflow", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(bad), "{what}: «{bad}»\n{}", show());
    }
    assert_eq!(code, Some(want), "{what}: exit code\n{}", show());
    let mut missing = Vec::new();
    for e in expected {
        match block(&lines, &e.head) {
            None => missing.push(format!("[{}] {}", e.case, e.head)),
            Some(b) => {
                let text = b.join("\n");
                for a in &e.also {
                    if !text.contains(a.as_str()) {
                        missing.push(format!(
                            "[{}] {}\n    block lacks «{a}»:\n{text}",
                            e.case, e.head
                        ));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{what}: missing diagnostics:\n{}\n{}",
        missing.join("\n"),
        show()
    );
    let printed = heads(&lines);
    let unexpected: Vec<&&str> = printed
        .iter()
        .filter(|l| !expected.iter().any(|e| l.starts_with(&e.head)))
        .collect();
    assert!(
        unexpected.is_empty() && printed.len() == expected.len(),
        "{what}: {} diagnostics printed, {} expected; not in the catalogue:\n{}\n{}",
        printed.len(),
        expected.len(),
        unexpected
            .iter()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        show()
    );
}

#[test]
fn every_bad_input_is_reported_in_one_run() {
    let (site, expected) = assemble();
    let (code, stderr) = run(&site, &["check", "{site}"]);
    check_output("check", 1, code, &stderr, &expected);

    // A build reports the same and writes nothing.
    let (code, stderr) = run(&site, &["build", "{site}", "-o", "{site}/public"]);
    check_output("build", 1, code, &stderr, &expected);
    assert!(stderr.contains("сборка не выполнена"), "{stderr}");
    site.assert_no_file("public/index.html");
}

/// Each case on its own reports what the catalogue says, so no expectation depends on
/// another case being present.
#[test]
fn every_bad_input_alone() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(catalogue())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for dir in cases {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        if case == "huge-file" {
            // 50 MB once is enough; the combined run has it.
            continue;
        }
        let site = SiteTest::new();
        site.copy_from_fixture("basic", "data");
        site.copy_from_fixture("basic", "metodist.toml");
        // A site folder holds content/, even when a case has no page.
        std::fs::create_dir_all(site.path("content")).unwrap();
        if dir.join("site").is_dir() {
            copy_dir(&dir.join("site"), site.root());
        }
        if !generate(&case, &dir, &site) {
            continue;
        }
        let expected = read_expected(&case, &dir);
        let (code, stderr) = run(&site, &["check", "{site}"]);
        let only_warnings = expected
            .iter()
            .all(|e| e.head.contains(": предупреждение: "));
        let want = if only_warnings { 0 } else { 1 };
        check_output(
            &format!("check of case {case}"),
            want,
            code,
            &stderr,
            &expected,
        );
    }
}
