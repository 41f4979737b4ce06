//! Indicators named as a regional framework's (issue 15 §1): `metodist import` fills
//! their `framework_id`, `check` warns where it is missing (the warning's wording and
//! position are in `tests/bad_input/indicator-framework-name`).

use crate::util::{copy_dir, SiteTest};
use serde_yaml_ng::Value;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The 2025 Usolsky report, imported with the bundled registries, reports on the rows of
/// the Irkutsk framework whose names it repeats word for word. Pairs read from the two
/// documents (000, table 1; 003, the indicator list): A3 («…в том числе: …») and A4
/// («Доля управленческих команд» against P6 «Количество…») differ and get none.
#[test]
fn import_fills_framework_id_of_identical_names() {
    let seeds = repo().join("../shared/seeds");
    if !crate::prereq::present(seeds.is_dir(), "../shared/seeds (исходные документы)")
    {
        return;
    }
    let site = SiteTest::new();
    copy_dir(&repo().join("data"), &site.path("data"));
    let out = "content/reports/usolsky.md";
    site.run(&[
        "import",
        seeds.join("000_07374ca5bb362078.txt").to_str().unwrap(),
        "--site",
        "{site}",
        "-o",
        &format!("{{site}}/{out}"),
    ])
    .assert_code(0);
    let text = site.read(out);
    let front = text
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    let fm: Value = serde_yaml_ng::from_str(front).unwrap();
    let got: Vec<(String, String)> = fm["indicators"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|i| {
            let fid = i["framework_id"].as_str()?;
            Some((i["id"].as_str()?.to_string(), fid.to_string()))
        })
        .collect();
    let want = [
        ("A1", "P1"),
        ("A2", "P2"),
        ("A5", "P8"),
        ("A7", "P10"),
        ("A8", "P11"),
        ("A9", "P12"),
        ("A10", "P13"),
        ("A11", "P14"),
        ("B1", "C1"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    let review = site.read("content/reports/usolsky.review.md");
    assert!(
        review.contains("A5: название совпадает с показателем P8 регионального перечня"),
        "{review}"
    );
    // What import wrote leaves `check` no warning about framework names (the seed's own
    // dates after its as_of are warned about, as they should be: issue 15 §5).
    let out = site.run(&["check", "{site}"]);
    out.assert_code(0);
    assert!(
        !out.stderr.contains("регионального перечня"),
        "{}",
        out.stderr
    );
}

/// A page indicator with C2's name in capitals and a dash for the comma is warned about
/// at its `name` (line 8, column 11); one whose id is the framework's own (C3) already
/// matches by id and is not.
#[test]
fn check_warns_once_per_unmapped_name_and_not_for_mapped() {
    let site = SiteTest::new();
    copy_dir(&repo().join("data"), &site.path("data"));
    site.create(
        "content/reports/r.md",
        "---\nkind: report\ntitle: Отчёт\ndistrict: usolsky\nyear: 2025\nindicators:\n  - id: X\n    name: \"ДОЛЯ образовательных организаций — реализующих программы наставничества педагогических работников\"\n    target: \"10 %\"\n  - id: C3\n    name: Количество педагогических работников общеобразовательных организаций, закрепленных за региональным методистом для осуществления методического сопровождения\n    target: \"10 чел.\"\n---\nТекст.\n",
    );
    let res = site.run(&["check", "{site}"]);
    res.assert_stderr_contains(
        "content/reports/r.md:8:11: предупреждение: показатель X совпадает с показателем C2 регионального перечня: укажите framework_id: C2",
    );
    res.assert_stderr_lacks("показатель C3 совпадает");
    res.assert_stderr_contains("0 ошибок, 1 предупреждение");
}
