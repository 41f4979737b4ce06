//! Search on the bundled site: `metodist search` and the browser client (search.js under
//! Node, reading the static export) give the same top 10 in the same order, and the
//! practice bank answers the questions teachers ask.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

#[path = "common/prereq.rs"]
mod prereq;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled site, built once for every test in this file.
fn built() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = Command::new(env!("CARGO_BIN_EXE_metodist"))
            .arg("build")
            .arg(repo())
            .arg("-o")
            .arg(dir.path().join("public"))
            .output()
            .expect("run metodist build");
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
    .path()
}

fn public() -> PathBuf {
    built().join("public")
}

/// `metodist search --json` on the built site.
fn cli(query: &str, filters: &[(&str, &str)]) -> Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_metodist"));
    cmd.args(["search", query, "--json", "--out"]).arg(public());
    for (k, v) in filters {
        cmd.arg("--filter").arg(format!("{k}={v}"));
    }
    let out = cmd.output().expect("run metodist search");
    assert!(
        out.status.success(),
        "search failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("search --json prints JSON")
}

fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|h| h["id"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

const QUERIES: [(&str, &[(&str, &str)]); 10] = [
    ("наставничество", &[]),
    ("наставников", &[]),
    ("функциональная грамотность", &[]),
    ("молодые педагоги", &[]),
    ("ШНОР", &[]),
    ("конкурс профессионального мастерства", &[]),
    ("индивидуальный образовательный маршрут", &[]),
    ("семинар", &[("kind", "event")]),
    ("практика", &[("kind", "practice")]),
    ("методическое объединение", &[("district", "usolsky")]),
];

#[test]
fn cli_and_browser_client_rank_the_same_on_the_bundled_site() {
    if !prereq::present(prereq::node(), "node (Node.js 20+ для клиента поиска)") {
        return;
    }
    let list: Vec<Value> = QUERIES
        .iter()
        .map(|(q, f)| json!({ "q": q, "filters": f.iter().map(|(k, v)| [k, v]).collect::<Vec<_>>() }))
        .collect();
    let qfile = built().join("queries.json");
    std::fs::write(&qfile, serde_json::to_vec(&list).unwrap()).unwrap();
    let out = Command::new("node")
        .arg(repo().join("tests/js/parity.mjs"))
        .arg(public().join("search"))
        .arg(&qfile)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser: Vec<Value> = serde_json::from_slice(&out.stdout).expect("node prints JSON");
    let mut non_empty = 0;
    for ((q, f), js) in QUERIES.iter().zip(&browser) {
        let rust = cli(q, f);
        let js_ids: Vec<String> = js["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids(&rust), js_ids, "«{q}» {f:?}: top 10 differ");
        assert_eq!(rust["total"], js["total"], "«{q}» {f:?}: totals differ");
        non_empty += usize::from(!js_ids.is_empty());
    }
    assert!(
        non_empty >= 8,
        "only {non_empty} of {} queries found anything",
        QUERIES.len()
    );
}

/// Practices whose text says «наставничеств…» in any form, counted from the sources.
fn practices_mentioning(stem: &str) -> Vec<String> {
    let dir = repo().join("content/practices");
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
            if text.contains(stem) {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                found.push(format!("practices/{name}"));
            }
        }
    }
    found
}

#[test]
fn word_forms_find_the_same_practices() {
    let expected = practices_mentioning("наставничеств");
    assert!(
        !expected.is_empty(),
        "the bundled bank has practices about наставничество"
    );
    for form in ["наставничество", "наставничеству", "наставничества"]
    {
        let found = ids(&cli(form, &[("kind", "practice")]));
        for id in &expected {
            assert!(
                found.contains(id) || found.len() == 10,
                "«{form}» misses {id}: {found:?}"
            );
        }
    }
}

#[test]
fn a_filter_narrows_the_count() {
    let all = cli("педагогов", &[]);
    let events = cli("педагогов", &[("kind", "event")]);
    let (a, e) = (
        all["total"].as_u64().unwrap(),
        events["total"].as_u64().unwrap(),
    );
    assert!(
        e > 0 && e < a,
        "kind=event should narrow {a} results, got {e}"
    );
    for h in events["hits"].as_array().unwrap() {
        assert!(h["url"].as_str().unwrap().starts_with("events/"), "{h}");
    }
}

#[test]
fn one_typo_still_finds_the_practice() {
    let exact = ids(&cli("наставничество", &[("kind", "practice")]));
    let typo = ids(&cli("наставнечество", &[("kind", "practice")]));
    assert!(!exact.is_empty());
    assert_eq!(
        exact.first(),
        typo.first(),
        "a one-letter typo keeps the best practice"
    );
}
