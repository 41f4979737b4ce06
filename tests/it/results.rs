//! The reader of issue 14, points 1 and 5: an accountable page opens with its results,
//! editorial notes come after the document collapsed (and a setting hides them); a
//! dashboard compares districts only when there are two, and totals only what it can sum.
//!
//! Expected values are worked out by hand from the fixtures' numbers and the pages
//! written here, never read back from the generator.

use crate::check::expect;
use crate::indicators::{cells, element, row, text};
use crate::util::{site_with, SiteTest};

/// A report with editorial notes, a body with three headings, two indicators (one met,
/// one missed) and three activities of two directions (two done, one not).
const REPORT: &str = "---
kind: report
title: Отчёт за 2025 год
district: usolsky
year: 2025
as_of: 2025-11-30
notes:
  - Первое примечание редакции.
  - Второе примечание редакции.
indicators:
  - id: A1
    name: Доля педагогов, прошедших диагностику
    target: \"10 %\"
    actual: \"12 %\"
  - id: A2
    name: Доля педагогов с маршрутами
    target: \"10 %\"
    actual: \"5 %\"
activities:
  - n: 1
    direction: \"1. Диагностика\"
    title: Диагностика дефицитов
    result: Проведено
    status: done
  - n: 2
    direction: \"1. Диагностика\"
    title: Анализ результатов
    result: Не проводилось
    status: not_done
  - n: 3
    direction: \"2. Наставничество\"
    title: Школа наставника
    result: Проведено
    status: done
---
## Введение

Текст введения.

## Ход работы

Текст.

## Выводы

Текст выводов.
";

fn report_site(config: Option<&str>) -> SiteTest {
    let mut files = vec![("content/reports/otchet.md", REPORT)];
    if let Some(c) = config {
        files.push(("metodist.toml", c));
    }
    let site = site_with(&files);
    site.build_ok();
    site
}

/// Byte offset of `needle` in `html`, failing with the page when it is absent.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("no «{needle}» on the page"))
}

#[test]
fn a_report_opens_with_its_results() {
    let site = report_site(None);
    let html = site.read("public/reports/otchet/index.html");
    let results = element(&html, "<section class=\"results\"", "section");
    let t = text(results);
    // 1 of 2 indicators met, 1 missed; 3 activities: 2 done, 1 not done.
    assert!(t.starts_with("Итоги на 30 ноября 2025 г."), "{t}");
    assert!(t.contains("1 из 2 достигнут, 1 не достигнут"), "{t}");
    assert!(t.contains("Не достигнуты — 1: A2"), "{t}");
    assert!(
        t.contains("3 мероприятия: выполнено — 2, не выполнено — 1"),
        "{t}"
    );
    // By status, the ones not done linked to their rows; by direction, with counts.
    assert!(t.contains("не выполнено — 1 : № 2"), "{t}");
    assert!(
        t.contains("1. Диагностика (2 мероприятия: выполнено — 1, не выполнено — 1)"),
        "{t}"
    );
    assert!(
        t.contains("2. Наставничество (1 мероприятие: выполнено — 1)"),
        "{t}"
    );
    assert!(results.contains("<figure class=\"chart\">"), "the chart");
    for link in [
        "href=\"#indicators\"",
        "href=\"#activities\"",
        "href=\"#ind-A2\"",
        "href=\"#activity-2\"",
    ] {
        assert!(results.contains(link), "no {link} in the results");
    }
    // Right after the title block, before the contents, the body and the full tables.
    let h1 = at(&html, "<h1>");
    let res = at(&html, "id=\"results\"");
    assert!(h1 < res);
    for later in [
        "id=\"toc\"",
        "id=\"vvedenie\"",
        "id=\"indicators\"",
        "id=\"activities\"",
    ] {
        assert!(res < at(&html, later), "{later} before the results");
    }
    // The contents name the results and the tables, and a «к содержанию» link follows.
    let toc = text(element(&html, "<nav class=\"toc\"", "nav"));
    assert_eq!(
        toc,
        "Содержание Итоги Введение Ход работы Выводы Показатели Мероприятия Примечания редакции"
    );
    assert!(html.contains("<p class=\"to-toc\"><a href=\"#toc\">"));
}

#[test]
fn editorial_notes_follow_the_document_collapsed() {
    let site = report_site(None);
    let html = site.read("public/reports/otchet/index.html");
    let notes = element(&html, "<details class=\"notes\" id=\"notes\"", "details");
    // Collapsed: no `open`.
    assert!(notes.starts_with("<details class=\"notes\" id=\"notes\">"));
    assert_eq!(
        text(notes),
        "Примечания редакции (2) Первое примечание редакции. Второе примечание редакции."
    );
    // After the body and the full tables.
    let n = at(&html, "id=\"notes\"");
    for before in ["Текст выводов.", "id=\"indicators\"", "id=\"activities\""] {
        assert!(at(&html, before) < n, "{before} after the notes");
    }
    assert_eq!(
        html.matches("Примечания редакции").count(),
        2,
        "toc and summary"
    );
}

#[test]
fn a_setting_hides_editorial_notes() {
    let site = report_site(Some("title = \"Сайт\"\neditorial_notes = false\n"));
    let html = site.read("public/reports/otchet/index.html");
    assert!(!html.contains("Примечания редакции"));
    assert!(!html.contains("Первое примечание"));
    assert!(!html.contains("href=\"#notes\""));
}

#[test]
fn a_wrong_notes_setting_is_a_russian_error_at_its_value() {
    let site = site_with(&[
        ("content/reports/otchet.md", REPORT),
        (
            "metodist.toml",
            "title = \"Сайт\"\neditorial_notes = \"нет\"\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    // Line 2; «editorial_notes = » is 18 characters, the value at column 19.
    expect(
        &out,
        "metodist.toml:2:19: ошибка: ошибка в настройках: неверный тип значения: строка \"нет\", ожидается да/нет (true/false) (в editorial_notes)",
        &[],
    );
}

fn dashboard_site() -> SiteTest {
    let site = SiteTest::fixture("indicators");
    // 2026: both districts; P1 as shares only, P2 with counts from both: Усольский 5 of
    // 50, Жигаловский 10 of 100, so the region is 15 of 150 = 10 %.
    site.create(
        "content/reports/usolsky-2026.md",
        "---\nkind: report\ntitle: Усольский 2026\ndistrict: usolsky\nyear: 2026\nindicators:\n  - id: P1\n    name: Диагностика\n    target: \"10 %\"\n    actual: \"12 %\"\n  - id: P2\n    name: Маршруты\n    unit: \"%\"\n    target: \"10 %\"\n    numerator: 5\n    denominator: 50\n---\n",
    );
    site.create(
        "content/reports/zhigalovsky-2026.md",
        "---\nkind: report\ntitle: Жигаловский 2026\ndistrict: zhigalovsky\nyear: 2026\nindicators:\n  - id: P1\n    name: Диагностика\n    target: \"10 %\"\n    actual: \"20 %\"\n  - id: P2\n    name: Маршруты\n    unit: \"%\"\n    target: \"10 %\"\n    numerator: 10\n    denominator: 100\n---\n",
    );
    // 2027: both districts, shares only: nothing to sum.
    site.create(
        "content/reports/usolsky-2027.md",
        "---\nkind: report\ntitle: Усольский 2027\ndistrict: usolsky\nyear: 2027\nindicators:\n  - id: P1\n    name: Диагностика\n    target: \"10 %\"\n    actual: \"15 %\"\n---\n",
    );
    site.create(
        "content/reports/zhigalovsky-2027.md",
        "---\nkind: report\ntitle: Жигаловский 2027\ndistrict: zhigalovsky\nyear: 2027\nindicators:\n  - id: P1\n    name: Диагностика\n    target: \"10 %\"\n    actual: \"8 %\"\n---\n",
    );
    site.build_ok();
    site
}

#[test]
fn a_dashboard_of_one_district_compares_nothing() {
    let site = dashboard_site();
    let html = site.read("public/dashboard/irkutsk-rs-nms/index.html");
    // 2025: only Усольский reports (Жигаловский's 2025 report has activities only), on
    // P1 through its A1.
    let y2025 = element(
        &html,
        "<section class=\"dashboard-year\" id=\"year-2025\"",
        "section",
    );
    assert!(
        text(y2025).starts_with("2025 год: Усольский район "),
        "{}",
        text(y2025)
    );
    for absent in ["сравнение", "Сравнение", "Итого", "Σ", "нет числителя"]
    {
        assert!(
            !y2025.contains(absent),
            "«{absent}» in a year of one district"
        );
    }
    // Value, the district's own target, the framework's target and the status.
    assert_eq!(
        cells(row(y2025, "2025-P1")),
        [
            "10 % от общей численности педагогических работников Иркутской области, начиная с 2023 года",
            "10 % от общей численности педагогических работников образовательных организаций Усольского района",
            "10,3 %",
            "достигнут",
        ]
    );
    // What is missing is named: P2 and U2 of the framework's three.
    assert!(
        text(y2025).contains("Нет значений за 2025 год: 2 показателя — P2, U2."),
        "{}",
        text(y2025)
    );
    // A year of two districts is a comparison.
    let y2024 = element(
        &html,
        "<section class=\"dashboard-year\" id=\"year-2024\"",
        "section",
    );
    assert!(text(y2024).starts_with("2024 год: сравнение районов "));
}

#[test]
fn a_regional_total_only_with_numerator_and_denominator() {
    let site = dashboard_site();
    let html = site.read("public/dashboard/irkutsk-rs-nms/index.html");
    let y2026 = element(
        &html,
        "<section class=\"dashboard-year\" id=\"year-2026\"",
        "section",
    );
    let head = text(element(y2026, "<thead>", "thead"));
    assert_eq!(
        head,
        "Показатель Цель системы Жигаловский район Усольский район Итого (Σ/Σ)"
    );
    // P1: shares only — no total, and no cell repeating why.
    let p1 = cells(row(y2026, "2026-P1"));
    assert_eq!(p1[1..], ["20 % достигнут", "12 % достигнут", "—"]);
    // P2: (10 + 5) / (100 + 50) = 15 / 150 = 10 %; the framework's target is 10 %.
    let p2 = cells(row(y2026, "2026-P2"));
    assert_eq!(p2[3], "10 % 15 из 150 достигнут");
    assert!(!y2026.contains("нет числителя и знаменателя"));
    // 2027: two districts, no counts at all: no total column.
    let y2027 = element(
        &html,
        "<section class=\"dashboard-year\" id=\"year-2027\"",
        "section",
    );
    assert_eq!(
        text(element(y2027, "<thead>", "thead")),
        "Показатель Цель системы Жигаловский район Усольский район"
    );
    assert!(text(y2027).contains("Итога по региону нет"));
    // Every body cell is labelled by its column for the stacked layout.
    let body = element(y2026, "<tbody>", "tbody");
    assert_eq!(
        body.matches("<td").count() + body.matches("<th scope=\"row\"").count(),
        body.matches("data-label=").count()
    );
    assert!(y2026.contains("class=\"dashboard-table stack\""));
}

#[test]
fn a_dashboard_has_one_breadcrumb() {
    let site = dashboard_site();
    let html = site.read("public/dashboard/irkutsk-rs-nms/index.html");
    let main = element(&html, "<main", "main");
    assert_eq!(
        main.matches("href=\"../../dashboard/index.html\"").count(),
        1,
        "{main}"
    );
    assert!(!main.contains("class=\"breadcrumbs\""));
}
