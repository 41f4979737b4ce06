//! `metodist import`: every seed document imports into a page that passes `metodist
//! check` with the same numbers of indicators and activities as the bundled site's
//! curated page of that document; a `.docx` made from a seed imports to the same
//! result; merged cells of a Word table are expanded; no input makes it panic.
//!
//! Expected counts are read from the curated pages under `content/`, never typed here.

use crate::util::{copy_dir, fixtures, Rng, SiteTest};
use serde_yaml_ng::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Seed file, curated page, kind of page.
const SEEDS: [(&str, &str, &str); 5] = [
    (
        "000_07374ca5bb362078.txt",
        "reports/usolsky-2025.md",
        "report",
    ),
    (
        "001_ce7eea487d496dde.txt",
        "plans/zhigalovsky-2023.md",
        "plan",
    ),
    (
        "002_4dec693d720271d8.txt",
        "roadmaps/usolsky-shnor-2023.md",
        "roadmap",
    ),
    (
        "003_78658875f6c88a1e.txt",
        "regulations/irkutsk-rs-nms-2023.md",
        "regulation",
    ),
    (
        "004_44035bd960533922.txt",
        "programmes/kavkazsky-2025-2027.md",
        "programme",
    ),
];

/// The source documents; missing, the seed tests are skipped (a failure in CI).
fn seeds_dir() -> Option<PathBuf> {
    let d = repo().join("../shared/seeds");
    crate::prereq::present(d.is_dir(), "../shared/seeds (исходные документы)").then_some(d)
}

/// The front matter of a page file.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text.strip_prefix("---\n").expect("YAML front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    serde_yaml_ng::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn len(fm: &Value, key: &str) -> usize {
    fm.get(key).and_then(Value::as_sequence).map_or(0, Vec::len)
}

/// Indicator and activity counts.
fn counts(fm: &Value) -> (usize, usize) {
    (len(fm, "indicators"), len(fm, "activities"))
}

fn want_place(curated: &str, key: &str) -> Option<String> {
    front_matter(&repo().join("content").join(curated))[key]
        .as_str()
        .map(str::to_string)
}

/// A temporary site with the bundled registries (`data/`) and no pages.
fn site_with_registries() -> SiteTest {
    let site = SiteTest::new();
    copy_dir(&repo().join("data"), &site.path("data"));
    site
}

#[test]
fn seeds_import_with_curated_counts_and_pass_check() {
    let Some(seeds) = seeds_dir() else {
        return;
    };
    let site = site_with_registries();
    for (seed, curated, kind) in SEEDS {
        let out = format!("content/imported/{}.md", &seed[..3]);
        let res = site.run(&[
            "import",
            seeds.join(seed).to_str().unwrap(),
            "--site",
            "{site}",
            "-o",
            &format!("{{site}}/{out}"),
        ]);
        res.assert_code(0);
        res.assert_stderr_contains("проверьте");
        let got = front_matter(&site.path(&out));
        assert_eq!(got["kind"].as_str(), Some(kind), "{seed}: kind");
        // The district (or region) is the curated page's.
        for key in ["district", "region"] {
            if let Some(v) = want_place(curated, key) {
                assert_eq!(got[key].as_str(), Some(v.as_str()), "{seed}: {key}");
            }
        }
        let want = front_matter(&repo().join("content").join(curated));
        assert_eq!(
            counts(&got),
            counts(&want),
            "{seed}: (indicators, activities) imported vs {curated}"
        );
        let review = site.read(&out.replace(".md", ".review.md"));
        assert!(
            review.contains("# Проверка импорта"),
            "{seed}: review report"
        );
        let page = site.read(&out);
        assert!(
            !page.contains('@'),
            "{seed}: an e-mail address left in the page"
        );
    }
    // Seed 002 names the curators' private e-mails: removed and listed (masked).
    let review = site.read("content/imported/002.review.md");
    assert!(
        review.contains("удалён адрес электронной почты"),
        "{review}"
    );
    // The review reports are never published; the imported pages pass the check.
    site.run(&["check", "{site}"]).assert_code(0);
}

#[test]
fn docx_of_a_seed_imports_like_the_text() {
    let docx = fixtures().join("import/plan-001.docx");
    let site = site_with_registries();
    site.run(&[
        "import",
        docx.to_str().unwrap(),
        "--site",
        "{site}",
        "-o",
        "{site}/content/plans/docx.md",
    ])
    .assert_code(0);
    let from_docx = front_matter(&site.path("content/plans/docx.md"));
    let curated = front_matter(&repo().join("content/plans/zhigalovsky-2023.md"));
    assert_eq!(counts(&from_docx), counts(&curated));
    if let Some(seeds) = seeds_dir() {
        let txt = seeds.join(SEEDS[1].0);
        site.run(&[
            "import",
            txt.to_str().unwrap(),
            "--site",
            "{site}",
            "-o",
            "{site}/content/plans/txt.md",
        ])
        .assert_code(0);
        let mut from_txt = front_matter(&site.path("content/plans/txt.md"));
        let mut from_docx = from_docx.clone();
        from_txt["source"] = Value::Null;
        from_docx["source"] = Value::Null;
        assert_eq!(
            from_docx, from_txt,
            "front matter differs between .docx and .txt"
        );
        // The text import of the same seed passes `check` in the seed test.
        return;
    }
    site.run(&["check", "{site}"]).assert_code(0);
}

#[test]
fn docx_merged_cells_are_expanded() {
    let docx = fixtures().join("import/merged-cells.docx");
    let site = site_with_registries();
    let res = site.run(&[
        "import",
        docx.to_str().unwrap(),
        "--site",
        "{site}",
        "--kind",
        "plan",
        "-o",
        "{site}/content/plans/merged.md",
    ]);
    res.assert_code(0);
    let fm = front_matter(&site.path("content/plans/merged.md"));
    let acts = fm["activities"].as_sequence().expect("activities");
    assert_eq!(acts.len(), 3, "{fm:?}");
    // The section row spans every column (gridSpan): a direction, not an activity.
    for a in acts {
        assert_eq!(
            a["direction"].as_str(),
            Some("1. Методическое сопровождение"),
            "{a:?}"
        );
    }
    // «Март» spans two rows (vMerge): both activities take it.
    assert_eq!(acts[0]["period"].as_str(), Some("Март"));
    assert_eq!(acts[1]["period"].as_str(), Some("Март"));
    assert_eq!(acts[2]["period"].as_str(), Some("Апрель"));
    let ind = fm["indicators"].as_sequence().expect("indicators");
    assert_eq!(ind.len(), 2);
    assert_eq!(ind[1]["target"].as_str(), Some("не менее 10 %"));
    site.run(&["check", "{site}"]).assert_code(0);
}

const PIECES: &[&str] = &[
    "\t",
    "\n",
    "\n\n",
    "№ п/п\tНаименование мероприятия\tСрок\tОтветственный\n",
    "1.\t",
    "1.1.\t",
    "<i>",
    "</i>",
    "<p>",
    "<ul style=\"x\"> - ",
    "**",
    "*",
    "http://a.ru/",
    " .",
    "%",
    "не менее 10 %",
    "Приказ № 12 от 01.02.2025",
    "«",
    "»",
    "МБОУ «",
    "СОШ №",
    "a@b.ru",
    "8 (395) 123-45-67",
    "\u{feff}",
    "\r",
    "ПОЛОЖЕНИЕ О",
    "- ",
    "1) ",
    "Раздел 1.",
    "\u{a0}",
    "𝕏",
    "\0",
    "Показатели результативности",
];

/// Truncated, spliced and random inputs, text and .docx: the importer returns a page or
/// an error, never panics. The real fuzzer is `fuzz/fuzz_targets/import.rs`.
#[test]
fn importer_never_panics() {
    let reg = metodist::model::Registries::default();
    let opts = metodist::import::ImportOptions::default();
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    let docx = std::fs::read(fixtures().join("import/merged-cells.docx")).unwrap();
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for _ in 0..60 {
        let mut d = docx.clone();
        let cut = rng.below(d.len());
        if rng.below(2) == 0 {
            d.truncate(cut);
        } else {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(d.len());
                d[i] = rng.next() as u8;
            }
        }
        inputs.push(d);
    }
    let text = std::fs::read(fixtures().join("import/sample.txt")).unwrap();
    for _ in 0..200 {
        let mut t: Vec<u8> = text[..rng.below(text.len())].to_vec();
        for _ in 0..rng.below(12) {
            let piece = PIECES[rng.below(PIECES.len())].as_bytes();
            let at = rng.below(t.len() + 1);
            t.splice(at..at, piece.iter().copied());
        }
        inputs.push(t);
    }
    for n in [0usize, 1, 7, 64, 1000] {
        inputs.push((0..n).map(|_| rng.next() as u8).collect());
    }
    inputs.push(b"PK\x03\x04".to_vec());
    // Hostile shapes: nesting around the depth cap, other formats' signatures with
    // random tails, and their truncations and flipped bytes.
    for depth in [255, 256, 257, 2_000] {
        let body = format!(
            "{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}",
            "<w:sdt><w:sdtContent>".repeat(depth / 2),
            "</w:sdtContent></w:sdt>".repeat(depth / 2)
        );
        let d = crate::hostile::docx(&body);
        for _ in 0..5 {
            let mut m = d.clone();
            let i = rng.below(m.len());
            m[i] = rng.next() as u8;
            inputs.push(m);
        }
        inputs.push(d[..rng.below(d.len())].to_vec());
        inputs.push(d);
    }
    let magic: [&[u8]; 7] = [
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        b"%PDF-",
        b"\x89PNG\r\n\x1a\n",
        b"\xFF\xFE",
        b"\xFE\xFF",
        b"{\\rtf1",
        b"<?xml version=\"1.0\"?>",
    ];
    for m in magic {
        for n in [0usize, 1, 100] {
            let mut v = m.to_vec();
            v.extend((0..n).map(|_| rng.next() as u8));
            inputs.push(v);
        }
    }
    for input in inputs {
        let res = catch_unwind(AssertUnwindSafe(|| {
            let _ = metodist::import::import(&input, "fuzz.txt", &opts, &reg);
        }));
        assert!(
            res.is_ok(),
            "panic on input {:?}",
            String::from_utf8_lossy(&input)
        );
    }
}
