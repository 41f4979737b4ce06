//! Server-side search over the fixture practice bank.

mod common;

use common::fixture_corpus;
use search_index::{
    build_index, build_index_in_ram, export_static, open_index, search, Resolution, SearchDoc,
    SearchEngine, SearchError,
};

fn engine() -> SearchEngine {
    SearchEngine::new(&build_index_in_ram(&fixture_corpus()).unwrap()).unwrap()
}

fn ids(engine: &SearchEngine, query: &str, filters: &[(&str, &str)]) -> Vec<String> {
    let filters: Vec<(String, String)> = filters
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect();
    let results = engine.search(query, &filters, 20).unwrap();
    results.hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn mentoring_finds_inflections_and_mentors() {
    let engine = engine();
    let found = ids(&engine, "наставничество", &[]);
    // «наставничеству» (an inflection) and «наставников» (a derived word).
    for id in [
        "shag-vperyod",
        "mentor-club",
        "seminar-mentoring",
        "shnor-roadmap",
    ] {
        assert!(
            found.contains(&id.to_string()),
            "{id} missing from {found:?}"
        );
    }
    // The page titled with the word, saying it three times, ranks first.
    assert_eq!(found[0], "seminar-mentoring");
    // In the body, the word itself outweighs a derived word (half score).
    let shag = found.iter().position(|id| id == "shag-vperyod").unwrap();
    let chitaem = found.iter().position(|id| id == "chitaem").unwrap();
    assert!(shag < chitaem, "{found:?}");
}

#[test]
fn both_words_rank_first() {
    let engine = engine();
    let results = engine
        .search("функциональная грамотность", &[], 10)
        .unwrap();
    assert!(results.matched_all_words);
    let found: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    let mut top = found[..2].to_vec();
    top.sort();
    assert_eq!(
        top,
        ["case-method", "fg-math"],
        "both have both words in the title"
    );
    // AND semantics: a page with only «функциональные» or only
    // «грамотность» is not a match while some page has both.
    assert!(!found.contains(&"functional-tasks"), "{found:?}");
    assert!(!found.contains(&"fin-lit"), "{found:?}");
    assert!(found.contains(&"news-contest"), "{found:?}");
}

#[test]
fn any_word_when_no_page_has_all() {
    let engine = engine();
    let results = engine.search("наставничество robots", &[], 20).unwrap();
    assert!(!results.matched_all_words);
    let found: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert!(found.contains(&"stem-lab") && found.contains(&"seminar-mentoring"));
}

#[test]
fn filters_narrow_and_counts_stay_disjunctive() {
    let engine = engine();
    let all = engine.search("грамотность", &[], 20).unwrap();
    let filters = vec![("district".to_string(), "usolsky".to_string())];
    let usolsky = engine.search("грамотность", &filters, 20).unwrap();
    let count = |results: &search_index::SearchResults, field: &str, value: &str| {
        results
            .facets
            .iter()
            .find(|f| f.field == field)
            .and_then(|f| f.values.iter().find(|v| v.value == value))
            .map_or(0, |v| v.count)
    };
    assert_eq!(usolsky.total, count(&all, "district", "usolsky"));
    assert!(usolsky.total < all.total);
    assert!(usolsky
        .hits
        .iter()
        .all(|h| ["fg-math", "chitaem"].contains(&h.id.as_str())));
    // Other districts keep their counts (ticking one more widens the result)…
    assert_eq!(
        count(&usolsky, "district", "kavkazsky"),
        count(&all, "district", "kavkazsky")
    );
    // …while other facets count only the filtered matches.
    assert_eq!(count(&usolsky, "level", "НОО"), 1);
    assert_eq!(count(&all, "level", "НОО"), 2);
    let label = usolsky.facets[1]
        .values
        .iter()
        .find(|v| v.value == "usolsky")
        .unwrap();
    assert_eq!(label.label, "Усольский район");
    // Values of one facet are alternatives.
    let two = vec![
        ("district".to_string(), "usolsky".to_string()),
        ("district".to_string(), "kavkazsky".to_string()),
    ];
    let both = engine.search("грамотность", &two, 20).unwrap();
    assert_eq!(
        both.total,
        count(&all, "district", "usolsky") + count(&all, "district", "kavkazsky")
    );
}

#[test]
fn word_resolution_prefix_typo_and_blank() {
    let engine = engine();
    let results = engine.search("функц", &[], 10).unwrap();
    assert_eq!(results.words[0].how, Resolution::Prefix);
    assert!(results.total >= 4);
    // A trailing space ends the word: no completion.
    assert_eq!(engine.search("функц ", &[], 10).unwrap().total, 0);
    let typo = engine.search("наставничиство", &[], 10).unwrap();
    assert_eq!(typo.words[0].how, Resolution::Typo);
    assert_eq!(typo.hits[0].id, "seminar-mentoring");
    // Stop words alone match nothing; a blank query lists everything by id.
    assert_eq!(engine.search("и в на", &[], 10).unwrap().total, 0);
    let blank = engine
        .search("", &[("kind".into(), "practice".into())], 100)
        .unwrap();
    assert_eq!(blank.total, 9);
    let listed: Vec<&str> = blank.hits.iter().map(|h| h.id.as_str()).collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted);
}

#[test]
fn latin_words_and_yo() {
    let engine = engine();
    assert_eq!(ids(&engine, "teaching", &[]), vec!["stem-lab"]);
    assert_eq!(ids(&engine, "emkii", &[]), Vec::<String>::new());
    // «ёмкий» in the text, «емкий» typed.
    assert_eq!(ids(&engine, "емкий", &[]), vec!["mentor-club"]);
}

#[test]
fn snippets_mark_the_matched_forms() {
    let engine = engine();
    let results = engine.search("наставничество", &[], 10).unwrap();
    let hit = results
        .hits
        .iter()
        .find(|h| h.id == "shag-vperyod")
        .unwrap();
    let html = hit.snippet.to_html();
    assert!(html.contains("<mark>наставничеству</mark>"), "{html}");
    assert_eq!(hit.url, "practices/shag-vperyod/");
    assert!(hit.score > 0);
}

#[test]
fn reopened_index_analyzes_the_same() {
    // tantivy#2078: an index opened without its analyzer searches wrongly.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let built = build_index(&fixture_corpus(), &path).unwrap();
    let before = search(&built, "наставников", &[], 10).unwrap();
    drop(built);
    let reopened = open_index(&path).unwrap();
    let after = search(&reopened, "наставников", &[], 10).unwrap();
    let ids =
        |r: &search_index::SearchResults| r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
    assert!(!after.hits.is_empty());
    // Building twice into one directory is refused, not merged.
    assert!(build_index(&fixture_corpus(), &path).is_err());
}

#[test]
fn bad_input_is_reported() {
    let engine = engine();
    let bad = engine.search("урок", &[("colour".into(), "red".into())], 10);
    assert!(matches!(bad, Err(SearchError::UnknownFilter(f)) if f == "colour"));
    let mut docs = fixture_corpus();
    docs.push(docs[0].clone());
    assert!(matches!(
        build_index_in_ram(&docs),
        Err(SearchError::DuplicateId(_))
    ));
    let odd = SearchDoc {
        id: "x".into(),
        kind: "poem".into(),
        ..SearchDoc::default()
    };
    assert!(matches!(
        build_index_in_ram(&[odd]),
        Err(SearchError::UnknownKind { .. })
    ));
}

#[test]
fn export_writes_json_and_js_twins() {
    let docs = fixture_corpus();
    let index = build_index_in_ram(&docs).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let stats = export_static(&index, &docs, dir.path()).unwrap();
    assert_eq!(stats.docs, docs.len());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["docs"], 12);
    assert_eq!(manifest["forms"].as_array().unwrap().len(), stats.shards[0]);
    for file in &stats.files {
        let json = std::fs::read_to_string(dir.path().join(format!("{}.json", file.name))).unwrap();
        let js = std::fs::read_to_string(dir.path().join(format!("{}.js", file.name))).unwrap();
        let expected = format!(
            "window.__metodistSearch.register(\"{}\",{json});\n",
            file.name
        );
        assert_eq!(js, expected);
    }
    // Fragments carry display text from the documents.
    let d0: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("d/0.json")).unwrap()).unwrap();
    assert_eq!(
        d0["d"][0]["id"], "case-method",
        "ordinal 0 is the smallest id"
    );
}
