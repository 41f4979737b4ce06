//! Every school the 2025 Usolsky report names — in its tables and its text — lists the
//! report on its school page, with the activity rows and the role (issue 15 §3).

use super::{builds_site, fs};
use regex::Regex;

/// The organisations named in the cells of the document's tables 2 (activities) and 3
/// (regional events), read by hand from `../shared/seeds/000_07374ca5bb362078.txt`
/// (lines 639–1086): МБУ «ЦРО Усольского района» (126 times), МБОУ «Белая СОШ»,
/// «Большееланская СОШ», «Мальтинская СОШ», «Буретская СОШ», «Белореченская СОШ»,
/// «Тайтурская СОШ», «Тельминская СОШ» and «СОШ №7» (row 108: «СОШ №7, Буретская СОШ,
/// Мальтинская СОШ»). Table 1 names only the ЦРО.
const IN_TABLES: [&str; 9] = [
    "usolsky-cro",
    "belaya-sosh",
    "bolsheelanskaya-sosh",
    "maltinskaya-sosh",
    "buretskaya-sosh",
    "belorechenskaya-sosh",
    "tayturskaya-sosh",
    "telminskaya-sosh",
    "usolsky-sosh-7",
];

/// The schools of section 1.2 the issue names: СОШ №6 (ШНОР 2025 and 2026, five times)
/// and Мишелевская СОШ №19 (ШНОР 2025, leaving the list).
const SHNOR_IN_TEXT: [&str; 2] = ["usolsky-sosh-6", "mishelevskaya-sosh-19"];

/// The report's entry on a school page: from its title to the next entry.
fn report_entry(school_html: &str) -> Option<String> {
    let at = school_html.find("reports/usolsky-2025/index.html\">")?;
    let rest = &school_html[at..];
    let end = rest[1..]
        .find("class=\"item\"")
        .map_or(rest.len(), |e| e + 1);
    Some(rest[..end].to_string())
}

#[test]
fn every_school_the_2025_report_names_lists_it() {
    let (_tmp, out) = builds_site();
    let read = |rel: &str| fs::read_to_string(out.join(rel)).unwrap();
    for id in IN_TABLES.iter().chain(&SHNOR_IN_TEXT) {
        let page = read(&format!("schools/{id}/index.html"));
        assert!(
            report_entry(&page).is_some(),
            "schools/{id} does not list the 2025 report"
        );
    }
    // Row 108 names СОШ №7 in its result only: the school page links that row.
    let sosh7 = report_entry(&read("schools/usolsky-sosh-7/index.html")).unwrap();
    assert!(
        sosh7.contains("#activity-108\">Мероприятие 108</a>"),
        "{sosh7}"
    );
    // Section 1.2 lists both in the ШНОР of 2025; neither is in an activity's cells.
    let summary = Regex::new(r#"<p class="item-summary">([^<]*)</p>"#).unwrap();
    for id in SHNOR_IN_TEXT {
        let entry = report_entry(&read(&format!("schools/{id}/index.html"))).unwrap();
        let role = summary.captures(&entry).map(|c| c[1].to_string());
        assert_eq!(role.as_deref(), Some("ШНОР"), "schools/{id}: {entry}");
    }
}

#[test]
fn the_report_lists_its_schools_with_their_roles() {
    let (_tmp, out) = builds_site();
    let html = fs::read_to_string(out.join("reports/usolsky-2025/index.html")).unwrap();
    let start = html
        .find("<section class=\"schools\">")
        .expect("«Школы» block");
    let block = &html[start..start + html[start..].find("</section>").unwrap()];
    let item = |name: &str| -> String {
        let at = block
            .find(name)
            .unwrap_or_else(|| panic!("{name} not in «Школы»"));
        let end = block[at..].find("</li>").unwrap();
        Regex::new("<[^>]+>")
            .unwrap()
            .replace_all(&block[at..at + end], "")
            .to_string()
    };
    // Section 1.2: the ШНОР of 2025 (СОШ №6, СОШ №7) and the «зона риска» (Хайтинская
    // ООШ, Белая СОШ, where the row-31 seminar was held).
    assert_eq!(item("МБОУ «СОШ №6»"), "МБОУ «СОШ №6» — ШНОР");
    assert_eq!(
        item("МБОУ «Хайтинская ООШ»"),
        "МБОУ «Хайтинская ООШ» — зона риска"
    );
    assert!(item("МБОУ «Белая СОШ»").contains("— зона риска"));
    assert!(item("МБОУ «Белая СОШ»").contains("31"));
}
