//! Inline code on built pages, and addresses made from names in any script (issue 15,
//! points 6 and 7).
//!
//! Expected slugs are transliterated by hand: the Russian table of `ru::slugify` for
//! Russian letters, the plain Latin letter for others (é → e, ў → u, і → i).

use crate::check::expect;
use crate::util::{decode_entities, site_with, SiteTest};

/// The text that the search index keeps for the page `id` (`search/d/*.json`).
fn search_text(site: &crate::util::SiteTest, id: &str) -> String {
    let shard: serde_json::Value =
        serde_json::from_str(&site.read("public/search/d/0.json")).expect("a JSON shard");
    shard["d"]
        .as_array()
        .expect("a list of documents")
        .iter()
        .find(|d| d["id"] == id)
        .and_then(|d| d["x"].as_str())
        .unwrap_or_else(|| panic!("no document {id} in {shard}"))
        .to_string()
}

#[test]
fn inline_code_is_code_on_the_page_and_words_in_search() {
    let site = site_with(&[(
        "content/pages/sborka.md",
        "---\nkind: page\ntitle: Как собрать сайт\n---\nКоманда `metodist build` собирает сайт; тег `<script>alert(1)</script>` остаётся текстом.\n",
    )]);
    site.build_ok();
    let html = site.read("public/pages/sborka/index.html");
    assert!(
        html.contains("Команда <code>metodist build</code> собирает сайт"),
        "{html}"
    );
    // Hostile text in code is shown, escaped, inside the tag: never an element.
    assert!(
        html.contains("тег <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> остаётся"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"), "{html}");
    // Search finds the words of the code; the summary has them without the tag.
    let text = search_text(&site, "pages/sborka");
    assert!(text.contains("Команда metodist build собирает"), "{text}");
    assert!(!text.contains("<code>"), "{text}");
    let description = html
        .split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a description");
    assert!(
        decode_entities(description).starts_with("Команда metodist build собирает"),
        "{description}"
    );
}

#[test]
fn new_page_address_keeps_letters_of_every_script() {
    let site = SiteTest::new();
    let out = site.run(&["new", "page", "Café Ўзбек тілі", "--site", "{site}"]);
    out.assert_code(0);
    // c-a-f-é→e; ў→u, з-б-е-к; т-і→i-л-і→i. On main: caf-zbek-t-l.md.
    site.assert_file("content/pages/cafe-uzbek-tili.md");
    out.assert_stdout_contains("cafe-uzbek-tili.md");
    site.assert_no_file("content/pages/caf-zbek-t-l.md");
}

#[test]
fn pages_terms_and_anchors_spell_other_scripts_in_latin() {
    let site = site_with(&[(
        "content/pages/Café.md",
        "---\nkind: page\ntitle: Кафе\ntags:\n  - Қазақ тілі\n  - Café\n---\n## Ўзбек тілі\n\nТекст.\n",
    )]);
    site.build_ok();
    // The file name: é → e; the page was at pages/caf/ on main.
    let html = site.read("public/pages/cafe/index.html");
    // Kazakh қ → q, і → i; the heading: ў → u, і → i.
    for tag in ["qazaq-tili", "cafe"] {
        site.assert_file(&format!("public/tags/{tag}/index.html"));
        assert!(
            html.contains(&format!("tags/{tag}/index.html")),
            "no link to tags/{tag}/ in {html}"
        );
    }
    assert!(html.contains("<h2 id=\"uzbek-tili\">"), "{html}");
}

/// The rules about addresses still hold when the letters come from the fallback: two
/// terms meeting at one address are an error at the second, an address over 100 bytes
/// is an error at the term.
#[test]
fn spelled_addresses_still_collide_and_still_have_a_length() {
    let han = "北".repeat(40);
    let site = site_with(&[
        (
            "content/pages/a.md",
            "---\nkind: page\ntitle: А\ntags:\n  - Café\n---\nТекст.\n",
        ),
        // `  - ` is 4 characters: the tags at column 5 of lines 5 and 6.
        (
            "content/pages/b.md",
            &format!("---\nkind: page\ntitle: Б\ntags:\n  - Cafe\n  - {han}\n---\nТекст.\n"),
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // «Café» and «Cafe» differ in a letter, not in case: two terms, one address.
    expect(
        &out,
        "content/pages/b.md:5:5: ошибка: метка «Cafe» получает тот же адрес tags/cafe/, что и метка «Café» (content/pages/a.md:5:5)",
        &[],
    );
    // 北 → bei, 3 bytes, 40 times: 120.
    expect(
        &out,
        &format!("content/pages/b.md:6:5: ошибка: адрес метки «{han}» слишком длинный: 120 символов, можно не больше 100"),
        &[],
    );
    out.assert_stderr_contains("итого: 2 ошибки");
}
