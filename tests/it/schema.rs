//! `metodist schema`: the JSON Schema of front matter.

use crate::util::SiteTest;

#[test]
fn schema_is_json_with_russian_descriptions() {
    let site = SiteTest::new();
    let out = site.run(&["schema"]);
    out.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", out.describe()));
    assert!(out.stdout.contains("\"kind\""));
    // `kind` is required and lists every kind.
    let required: Vec<&str> = v["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert!(
        required.contains(&"kind") && required.contains(&"title"),
        "{required:?}"
    );
    let kinds: Vec<&str> = v["properties"]["kind"]["enum"]
        .as_array()
        .expect("kind enum")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    for k in [
        "report",
        "plan",
        "roadmap",
        "programme",
        "regulation",
        "rmo",
        "competition",
        "practice",
        "event",
        "page",
        "news",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    // Descriptions come from the doc comments, in Russian.
    for d in [
        "Заголовок.",
        "Уровень образования: ДО, НОО, ООО, СОО, ДОД.",
        "Авторы.",
    ] {
        assert!(
            out.stdout.contains(&format!("\"{d}\"")),
            "no description {d:?}"
        );
    }
    // The practice branch allows `authors` and forbids anything else.
    let branches = v["allOf"].as_array().expect("allOf");
    let practice = branches
        .iter()
        .find(|b| b["if"]["properties"]["kind"]["const"] == "practice")
        .expect("practice branch");
    assert!(practice["then"]["properties"]["authors"].is_object());
    assert_eq!(practice["then"]["additionalProperties"], false);
    // Every $ref points at a definition that exists.
    let text = &out.stdout;
    let mut from = 0;
    while let Some(i) = text[from..].find("\"$ref\": \"#/$defs/") {
        let start = from + i + "\"$ref\": \"#/$defs/".len();
        let end = start + text[start..].find('"').unwrap();
        let name = &text[start..end];
        assert!(v["$defs"][name].is_object(), "dangling $ref {name}");
        from = end;
    }
}
