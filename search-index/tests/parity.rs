//! The same query gives the same top 10, in the same order, with the same
//! scores, totals and facet counts, through `search()` and through the
//! browser client (search.js run by Node over the static export).

mod common;

use std::process::Command;

use common::{fixture_corpus, prereq, workspace};
use search_index::{build_index_in_ram, export_static, synthetic_corpus, SearchDoc, SearchEngine};
use serde_json::{json, Value};

/// Exports `docs`, runs `queries` through both sides, and fails with every
/// difference listed.
fn assert_parity(docs: &[SearchDoc], queries: &[(String, Vec<(String, String)>)]) {
    if !prereq::present(
        prereq::node(),
        "node (Node.js 20+ для теста совпадения с клиентом)",
    ) {
        return;
    }
    let index = build_index_in_ram(docs).unwrap();
    let dir = tempfile::tempdir().unwrap();
    export_static(&index, docs, dir.path()).unwrap();
    let list: Vec<Value> = queries
        .iter()
        .map(|(q, filters)| json!({ "q": q, "filters": filters }))
        .collect();
    let queries_file = dir.path().join("queries.json");
    std::fs::write(&queries_file, serde_json::to_vec(&list).unwrap()).unwrap();
    let output = Command::new("node")
        .arg(workspace().join("tests/js/parity.mjs"))
        .arg(dir.path())
        .arg(&queries_file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let browser: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let engine = SearchEngine::new(&index).unwrap();
    let mut problems = Vec::new();
    let mut non_empty = 0;
    for ((q, filters), js) in queries.iter().zip(&browser) {
        let rust = engine.search(q, filters, 10).unwrap();
        let expected = json!({
            "ids": rust.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>(),
            "scores": rust.hits.iter().map(|h| h.score).collect::<Vec<_>>(),
            "total": rust.total,
            "matchedAllWords": rust.matched_all_words,
            "facets": rust.facets,
            "words": rust.words.iter().map(|w| json!({
                "word": w.word, "stems": w.stems, "related": w.related, "how": w.how,
            })).collect::<Vec<_>>(),
        });
        for key in [
            "ids",
            "scores",
            "total",
            "matchedAllWords",
            "facets",
            "words",
        ] {
            if expected[key] != js[key] {
                problems.push(format!(
                    "«{q}» {filters:?}: {key} differ\n  rust: {}\n  js:   {}",
                    expected[key], js[key]
                ));
            }
        }
        non_empty += usize::from(rust.total > 0);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        non_empty * 4 >= queries.len() * 3,
        "too many empty queries: {non_empty}"
    );
}

fn plain(queries: &[&str]) -> Vec<(String, Vec<(String, String)>)> {
    queries
        .iter()
        .map(|q| (q.to_string(), Vec::new()))
        .collect()
}

fn filtered(q: &str, filters: &[(&str, &str)]) -> (String, Vec<(String, String)>) {
    let filters = filters
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect();
    (q.to_string(), filters)
}

#[test]
fn fixture_ranks_alike_in_rust_and_browser() {
    let mut queries = plain(&[
        "наставничество",
        "наставников",
        "функциональная грамотность",
        "функциональная грамотность ",
        "грамотность",
        "грамотн",
        "функц",
        "наставничиство",
        "наставничество robots",
        "teaching science",
        "емкий",
        "ШНОР",
        "Шаг вперёд",
        "и в на",
        "математика 2024",
        "читательской",
    ]);
    queries.push(filtered("грамотность", &[("district", "usolsky")]));
    queries.push(filtered("", &[("kind", "practice"), ("level", "ООО")]));
    queries.push(filtered("проект", &[("year", "2025"), ("year", "2023")]));
    queries.push(filtered("урок", &[("tags", "нет такого")]));
    assert_parity(&fixture_corpus(), &queries);
}

#[test]
fn synthetic_corpus_ranks_alike_in_rust_and_browser() {
    let docs = synthetic_corpus(500, 11);
    let index = build_index_in_ram(&docs).unwrap();
    let vocab = search_index::Vocabulary::load(&index).unwrap();
    let forms: Vec<&str> = vocab.forms().map(|(f, _)| f).collect();
    let mut queries = plain(&[
        "наставничество",
        "функциональной грамотности",
        "урок математики",
        "проектная деятельность",
        "наставников молодых",
        "читательская",
        "грамотн",
        "педаг",
        "наставничиство",
        "педагоги района",
        "ВПР",
        "STEM",
        "организуют диагностику",
        "молодые специалисты закрепились",
        "развитие критического мышления у старшеклассников",
    ]);
    // Words drawn from the corpus itself, as typed, truncated and misspelt.
    for (i, form) in forms.iter().enumerate().step_by(forms.len() / 25) {
        let chars: Vec<char> = form.chars().collect();
        queries.push((form.to_string(), Vec::new()));
        if chars.len() >= 6 {
            queries.push((chars[..4].iter().collect(), Vec::new()));
            let mut typo = chars.clone();
            typo.swap(3, 4);
            queries.push((typo.iter().collect(), Vec::new()));
            queries.push((
                format!("{form} {}", forms[(i * 7) % forms.len()]),
                Vec::new(),
            ));
        }
    }
    queries.push(filtered("грамотности", &[("district", "usolsky")]));
    queries.push(filtered(
        "педагоги",
        &[("level", "НОО"), ("subject", "математика")],
    ));
    queries.push(filtered("", &[("kind", "event")]));
    assert_parity(&docs, &queries);
}
