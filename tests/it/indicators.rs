//! Indicators and plan vs fact on built pages, from `tests/fixtures/indicators`:
//! statuses and summary of seed 000, the chart, CSV/XLSX indicator files, plan and
//! fact side by side, trends of a district, regional dashboards.
//!
//! Every expected value here was worked out by hand from the source documents or from
//! the fixture's numbers, never read back from the generator.

use crate::util::{attr_values, decode_entities, list_files, resolve_href, SiteTest};

fn built() -> SiteTest {
    let site = SiteTest::fixture("indicators");
    site.build_ok();
    site
}

/// The text of `html` with tags removed, entities decoded and spaces collapsed.
pub(crate) fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&out).replace('\u{a0}', " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `<tr …>…</tr>` whose `id` is `id`.
pub(crate) fn row<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let start = html[..at].rfind("<tr").expect("a <tr> before the id");
    let end = at + html[at..].find("</tr>").expect("closed row") + "</tr>".len();
    &html[start..end]
}

/// The cells of a row, as text.
pub(crate) fn cells(row: &str) -> Vec<String> {
    row.split("<td")
        .skip(1)
        .map(|c| text(&format!("<td{}", c.split("</td>").next().unwrap_or(""))))
        .collect()
}

/// The element `<tag …>…</tag>` that starts at the first `needle`.
pub(crate) fn element<'a>(html: &'a str, needle: &str, tag: &str) -> &'a str {
    let start = html
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle} in the page"));
    let close = format!("</{tag}>");
    let end = start + html[start..].find(&close).expect("closed element") + close.len();
    &html[start..end]
}

/// Seed 000, table 1 (lines 85–122): the status of each indicator, worked out by hand
/// from the document's numbers (domain notes, seed-000.md §2.1), with the project's
/// decision for sub-targets that are not reported (docs/decisions.md: a part or a
/// coverage not reported does not count against A13, B1, B4).
const SEED_000_STATUSES: [(&str, &str, &str); 24] = [
    ("A1", "achieved", "достигнут"),         // 10 % → 10,3 %
    ("A2", "achieved", "достигнут"),         // 10 % → 10,3 %
    ("A3", "partial", "частично"),           // total not given; ГУП 10,63 ≥ 2; ИРО 0,8 < 8
    ("A4", "achieved", "достигнут"),         // 10 % → 30,35 %
    ("A5", "achieved", "достигнут"),         // ≥ 10 % → 10,89 %
    ("A6", "achieved", "достигнут"),         // 7 % → 64,4 %
    ("A7", "achieved", "достигнут"),         // 5 % → 28,61 %
    ("A8", "achieved", "достигнут"),         // 10 % → 16,15 %
    ("A9", "achieved", "достигнут"),         // 80 % of ШНОР staff → 84 % of ШНОР staff
    ("A10", "achieved", "достигнут"),        // 3 % → 7 %
    ("A11", "achieved", "достигнут"),        // 2 % → 2,72 %
    ("A12", "not-achieved", "не достигнут"), // ≥ 10 % → 7,59 %
    ("A13", "achieved", "достигнут"),        // 5 % → 11,11 %; «в т. ч. 1,5 %» not reported
    ("B1", "achieved", "достигнут"),         // 100 % → 100 %; «в т.ч. 100 %» not reported
    ("B2", "achieved", "достигнут"),         // 100 % → 100 %
    ("B3", "achieved", "достигнут"),         // 8 / 6 / 2 → 12,6 / 9,3 / 3,3
    ("B4", "achieved", "достигнут"),         // coverage 86 ≥ 80; the count of events not given
    ("B5", "achieved", "достигнут"),         // 100 % → 100 %
    ("B6", "achieved", "достигнут"),         // 10 % → 18,92 %
    ("B7", "not-achieved", "не достигнут"),  // 30 % → 25,58 %
    ("B8", "achieved", "достигнут"),         // 5 % → 17,54 %
    ("B9", "achieved", "достигнут"),         // 30 % → 77,37 %
    ("B10", "not-achieved", "не достигнут"), // 20 % → 18,6 %
    ("B11", "achieved", "достигнут"),        // 35 / 10 / 5 / 20 → 57,64 / 12 / 6,2 / 39,44
];

#[test]
fn seed_000_statuses_and_summary_line() {
    let site = built();
    let html = site.read("public/reports/usolsky-2025/index.html");
    for (id, slug, label) in SEED_000_STATUSES {
        let tr = row(&html, &format!("ind-{id}"));
        assert!(
            tr.contains(&format!("class=\"status-{slug}\"")),
            "{id}: want {slug}\n{tr}"
        );
        assert_eq!(cells(tr).last().map(String::as_str), Some(label), "{id}");
    }
    // 20 + 1 + 3 = 24, counted from the list above.
    let line = "20 из 24 достигнуты, 1 частично, 3 не достигнуты";
    let summary = element(&html, "<p class=\"summary-line\">", "p");
    assert_eq!(text(summary), line);
    // The document's own verdict («по пунктам 1-13 достигнуты на 100 %») is not repeated.
    assert!(!html.contains("24 из 24"));
    // A3's parts each with their own status; the part label is not doubled.
    let a3 = &html[html.find("id=\"ind-A3\"").unwrap()..html.find("id=\"ind-A4\"").unwrap()];
    assert!(
        text(a3).contains("ГАУ ДПО ИРО, в т.ч. ЦНППМ 8 % 0,8 % не достигнут"),
        "{}",
        text(a3)
    );
    assert!(!a3.contains("в т. ч. в т"), "{a3}");
}

/// The actual value the bar of each seed 000 indicator must show, from the document;
/// `None` where the document gives no comparable main value (A3: only the parts; B4: a
/// coverage against a count of events), and the target mark — none for B4, whose
/// «2 ед.» is no point of the 0–100 % axis (issue 14: counts are not put on it).
const SEED_000_BARS: [(&str, Option<f64>, Option<f64>); 24] = [
    ("A1", Some(10.3), Some(10.0)),
    ("A2", Some(10.3), Some(10.0)),
    ("A3", None, Some(10.0)),
    ("A4", Some(30.35), Some(10.0)),
    ("A5", Some(10.89), Some(10.0)),
    ("A6", Some(64.4), Some(7.0)),
    ("A7", Some(28.61), Some(5.0)),
    ("A8", Some(16.15), Some(10.0)),
    ("A9", Some(84.0), Some(80.0)),
    ("A10", Some(7.0), Some(3.0)),
    ("A11", Some(2.72), Some(2.0)),
    ("A12", Some(7.59), Some(10.0)),
    ("A13", Some(11.11), Some(5.0)),
    ("B1", Some(100.0), Some(100.0)),
    ("B2", Some(100.0), Some(100.0)),
    ("B3", Some(12.6), Some(8.0)),
    ("B4", None, None),
    ("B5", Some(100.0), Some(100.0)),
    ("B6", Some(18.92), Some(10.0)),
    ("B7", Some(25.58), Some(30.0)),
    ("B8", Some(17.54), Some(5.0)),
    ("B9", Some(77.37), Some(30.0)),
    ("B10", Some(18.6), Some(20.0)),
    ("B11", Some(57.64), Some(35.0)),
];

/// A percentage attribute of a bar (`width`) or a target mark (`x1`): «10.3%» → 10.3.
fn style_pct(tag: &str) -> f64 {
    let at = [" width=\"", " x1=\""]
        .iter()
        .find_map(|a| tag.find(a).map(|i| i + a.len()))
        .expect("a width or x1");
    let v = &tag[at..];
    v[..v.find('%').unwrap()].parse().unwrap()
}

/// The opening tag of the first element of `class` in `html`, if any.
fn tag_of<'a>(html: &'a str, class: &str) -> Option<&'a str> {
    let at = html.find(&format!("class=\"{class}"))?;
    let start = html[..at].rfind('<').unwrap();
    Some(&html[start..start + html[start..].find('>').unwrap()])
}

#[test]
fn chart_bars_match_the_values() {
    let site = built();
    let html = site.read("public/reports/usolsky-2025/index.html");
    let chart = element(&html, "<figure class=\"chart\">", "figure");
    assert!(text(chart).starts_with("Целевые и фактические значения: 24 показателя"));
    // The scale: the axis ends at 100 %, the full width of the track.
    let axis = element(chart, "<div class=\"ichart-axis\"", "div");
    assert_eq!(text(axis), "0 50 % 100 %");
    let max = 100.0;
    let rows: Vec<&str> = chart.split("<li class=\"ichart-row ").skip(1).collect();
    assert_eq!(rows.len(), 24);
    for (r, ((id, actual, target), (sid, slug, _))) in
        rows.iter().zip(SEED_000_BARS.iter().zip(SEED_000_STATUSES))
    {
        assert_eq!(*id, sid);
        assert!(
            r.starts_with(&format!("ichart-row--{slug}\" data-indicator=\"{id}\"")),
            "{id}: {r}"
        );
        // The row's own track, before its parts.
        let own = r.split("<ul class=\"ichart-parts\">").next().unwrap();
        let bar = tag_of(own, "ichart-bar ");
        match (actual, bar) {
            (Some(v), Some(bar)) => {
                let want = 100.0 * v / max;
                let got = style_pct(bar);
                assert!(
                    (got - want).abs() < 0.01,
                    "{id}: bar {got} %, want {want} %"
                );
                assert!(bar.contains(&format!("ichart-bar--{slug}")), "{id}");
            }
            (None, None) => {}
            (want, got) => panic!("{id}: value {want:?}, bar {got:?}"),
        }
        let mark = tag_of(own, "ichart-target").map(style_pct);
        match (target, mark) {
            (Some(t), Some(m)) => assert!((m - 100.0 * t / max).abs() < 0.01, "{id}: target mark"),
            (None, None) => {}
            (want, got) => panic!("{id}: target {want:?}, mark {got:?}"),
        }
    }
}

/// The CSV of the fixture (`content/reports/tablitsa-csv/indicators.csv`), statuses by
/// hand: K1 10,3 ≥ 10; K2 12 of 150 = 8 % < 10; K3 11,11 ≥ 5, part 1,5 not reported (does
/// not count against);
/// K4 12,6 ≥ 8, parts 9,3 ≥ 6 and 1 < 2.
const TABLE_STATUSES: [(&str, &str, &str, &str); 4] = [
    ("K1", "achieved", "10,3%", "достигнут"),
    ("K2", "not-achieved", "12 из 150", "не достигнут"),
    ("K3", "achieved", "11,11% (2 чел.)", "достигнут"),
    ("K4", "partial", "12,6 %", "частично"),
];

fn assert_table_page(site: &SiteTest, page: &str) {
    let html = site.read(&format!("public/reports/{page}/index.html"));
    for (id, slug, actual, label) in TABLE_STATUSES {
        let tr = row(&html, &format!("ind-{id}"));
        assert!(tr.contains(&format!("status-{slug}")), "{page} {id}: {tr}");
        let c = cells(tr);
        assert_eq!(
            c[3].replace(' ', ""),
            actual.replace(' ', ""),
            "{page} {id}"
        );
        assert_eq!(c[4], label, "{page} {id}");
    }
    assert_eq!(
        text(element(&html, "<p class=\"summary-line\">", "p")),
        "2 из 4 достигнуты, 1 частично, 1 не достигнут"
    );
    let k4 = &html[html.find("id=\"ind-K4\"").unwrap()..];
    assert!(text(k4).contains("в т. ч. на региональном уровне 2 % 1 % не достигнут"));
    // The open data published beside the page carries the file's values.
    let csv = site.read(&format!("public/reports/{page}/indicators.csv"));
    assert!(csv.starts_with('\u{feff}'));
    let k2: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("K2;"))
        .unwrap()
        .split(';')
        .collect();
    // Код;Группа;№;Показатель;Входит в;Ед. изм.;Цель;Вид цели;Целевое значение;Факт;
    // Фактическое значение;Числитель;Знаменатель;Достижение;Примечание
    assert_eq!(
        (k2[6], k2[8], k2[10], k2[11], k2[12], k2[13]),
        ("10 %", "10", "8", "12", "150", "не достигнут")
    );
}

#[test]
fn csv_indicator_file_round_trips_into_the_page() {
    let site = built();
    assert_table_page(&site, "tablitsa-csv");
}

#[test]
fn xlsx_indicator_file_round_trips_into_the_page() {
    use rust_xlsxwriter::{Format, Workbook};
    let site = SiteTest::fixture("indicators");
    site.create(
        "content/reports/tablitsa-xlsx/index.md",
        "---\nkind: report\ntitle: Показатели из Excel\nyear: 2025\nindicators_file: pokazateli.xlsx\n---\nТаблица Excel.\n",
    );
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Показатели").unwrap();
    let header = [
        "Код",
        "Показатель",
        "Ед. изм.",
        "Цель",
        "Факт",
        "Числитель",
        "Знаменатель",
        "Входит в",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let text_rows: [[&str; 8]; 6] = [
        [
            "K1",
            "Доля педагогов, прошедших диагностику",
            "%",
            "не менее 10 %",
            "",
            "",
            "",
            "",
        ],
        ["K2", "Доля педагогов с ИОМ", "%", "10 %", "", "", "", ""],
        [
            "K3",
            "Доля сотрудников ММС",
            "%",
            "5% (в т. ч. 1,5%)",
            "11,11% (2 чел.)",
            "",
            "",
            "",
        ],
        [
            "K4",
            "Доля педагогов-экспертов",
            "%",
            "8 %",
            "12,6 %",
            "",
            "",
            "",
        ],
        [
            "",
            "на муниципальном уровне",
            "",
            "6 %",
            "9,3 %",
            "",
            "",
            "K4",
        ],
        ["", "на региональном уровне", "", "2 %", "1 %", "", "", "K4"],
    ];
    for (r, cells) in text_rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    // Excel keeps 10,3 % as 0,103 with a percent format, and counts as numbers.
    let percent = Format::new().set_num_format("0.0%");
    sheet
        .write_number_with_format(1, 4, 0.103, &percent)
        .unwrap();
    sheet.write_number(2, 5, 12.0).unwrap();
    sheet.write_number(2, 6, 150.0).unwrap();
    let path = site.path("content/reports/tablitsa-xlsx/pokazateli.xlsx");
    book.save(&path).unwrap();
    site.build_ok();
    assert_table_page(&site, "tablitsa-xlsx");
}

#[test]
fn xlsx_errors_name_sheet_row_and_column() {
    use rust_xlsxwriter::Workbook;
    let site = SiteTest::fixture("indicators");
    site.create(
        "content/reports/plokhaya/index.md",
        "---\nkind: report\ntitle: Ошибка в Excel\nindicators_file: t.xlsx\n---\n",
    );
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Лист1").unwrap();
    for (c, h) in ["Код", "Показатель", "Цель", "Числитель"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "K1").unwrap();
    sheet.write_string(1, 1, "Доля").unwrap();
    sheet.write_string(1, 2, "10 %").unwrap();
    sheet.write_string(1, 3, "двенадцать").unwrap();
    book.save(site.path("content/reports/plokhaya/t.xlsx"))
        .unwrap();
    site.run(&["build", "{site}", "-o", "{site}/public"])
        .assert_code(1)
        .assert_stderr_contains("лист «Лист1», строка 2, столбец D: не число: «двенадцать»");
}

#[test]
fn plan_and_fact_side_by_side_by_plan_number() {
    let site = built();
    let rel = "public/reports/zhigalovsky-2025/index.html";
    let html = site.read(rel);
    // № | План: срок, мероприятие, ответственные, ожидаемый результат | Факт: результат, статус
    let table = element(
        &html,
        "<table class=\"activity-table plan-fact stack\"",
        "table",
    );
    let head = element(table, "<thead>", "thead");
    assert_eq!(
        text(head),
        "№ План Факт Срок Мероприятие Ответственные Ожидаемый результат Результат Статус"
    );
    // The report row names only the plan's number; the plan's columns come from the plan.
    let want: [(&str, [&str; 7]); 4] = [
        (
            "activity-1",
            [
                "1",
                "январь",
                "Совещание руководителей РМО",
                "Иванова А.А., методист",
                "Протокол совещания",
                "Проведено 2 совещания (протоколы № 1, 2)",
                "выполнено",
            ],
        ),
        (
            "activity-2",
            [
                "2",
                "март-апрель",
                "Семинар «Функциональная грамотность»",
                "Петрова Б.Б., Сидорова В.В.",
                "Программа семинара",
                "Мероприятие перенесено на февраль 2026 г.",
                "перенесено",
            ],
        ),
        // The plan's activity 3 is not in the report: shown, with no data.
        (
            "activity-3",
            [
                "3",
                "в течение года",
                "Муниципальный конкурс «Учитель года»",
                "Иванова А.А., методист",
                "Приказ об итогах конкурса",
                "в отчёте нет сведений",
                "нет данных",
            ],
        ),
        (
            "activity-4",
            [
                "4",
                "декабрь",
                "Конкурс молодых педагогов «Шаг вперёд»",
                "Сидорова В.В.",
                "Положение о конкурсе",
                "Конкурс не проводился",
                "не выполнено",
            ],
        ),
    ];
    for (id, cols) in want {
        assert_eq!(cells(row(&html, id)), cols, "{id}");
    }
    // Counts: 5 activities (4 of the plan + 1 beyond it): done 1 and the extra one,
    // not done 4, postponed 2, no data 3.
    let summary = element(&html, "<p class=\"summary-line\">", "p");
    assert_eq!(
        text(summary),
        "5 мероприятий: выполнено — 2, не выполнено — 1, перенесено — 1, нет данных — 1"
    );
    // Directions: a table of contents with counts and an anchor per direction.
    let toc = element(&html, "<nav class=\"activity-directions\"", "nav");
    assert_eq!(attr_values(toc, "href"), ["#direction-1", "#direction-2"]);
    assert!(text(toc)
        .contains("1. Методическое сопровождение (3 мероприятия: выполнено — 2, перенесено — 1)"));
    assert!(text(toc).contains(
        "2. Конкурсы профессионального мастерства (2 мероприятия: не выполнено — 1, нет данных — 1)"
    ));
    let dir2 = element(&html, "id=\"direction-2\"", "section");
    assert!(dir2.contains("id=\"activity-3\"") && dir2.contains("id=\"activity-4\""));
    assert!(!dir2.contains("id=\"activity-1\""));
    // The activity beyond the plan is listed in its direction after the plan's.
    let dir1 = element(&html, "id=\"direction-1\"", "section");
    assert!(text(dir1).contains(
        "октябрь Выездной методический десант Петрова Б.Б. Проведён в 3 школах выполнено"
    ));
    // Statuses link to their rows: the list filtered without a script.
    let statuses = element(&html, "<nav class=\"activity-statuses\"", "nav");
    assert!(
        text(statuses).contains("не выполнено — 1 : № 4"),
        "{}",
        text(statuses)
    );
    assert!(attr_values(statuses, "href").contains(&"#activity-2".to_string()));
    // The plan itself lists the plan's columns only.
    let plan = site.read("public/plans/zhigalovsky-2025/index.html");
    assert!(!plan.contains("plan-fact"));
    assert_eq!(
        cells(row(&plan, "activity-2")),
        [
            "2",
            "март-апрель",
            "Семинар «Функциональная грамотность»",
            "Петрова Б.Б., Сидорова В.В.",
            "Программа семинара"
        ]
    );
}

#[test]
fn activity_open_data() {
    let site = built();
    let html = site.read("public/reports/zhigalovsky-2025/index.html");
    let hrefs = attr_values(&html, "href");
    assert!(hrefs.contains(&"activities.csv".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"activities.json".to_string()));
    let csv = site.read("public/reports/zhigalovsky-2025/activities.csv");
    assert!(csv.starts_with("\u{feff}№;Направление;Период;"), "{csv}");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines.len(), 7, "header, 5 activities, final empty line");
    assert!(lines[3].starts_with("3;2. Конкурсы профессионального мастерства;в течение года;"));
    assert!(lines[3].contains(";нет данных;3;"), "{}", lines[3]);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/reports/zhigalovsky-2025/activities.json"))
            .unwrap();
    assert_eq!(json["counts"]["by_status"]["total"], 5);
    assert_eq!(json["activities"][2]["unreported"], true);
    assert_eq!(
        json["activities"][1]["title"],
        "Семинар «Функциональная грамотность»"
    );
}

#[test]
fn plan_refs_are_checked() {
    let site = SiteTest::fixture("indicators");
    site.create(
        "content/reports/oshibka.md",
        "---\nkind: report\ntitle: Ошибка\nplan: plans/zhigalovsky-2025\nactivities:\n  - plan_ref: 9\n    result: Проведено\n---\n",
    );
    site.run(&["build", "{site}", "-o", "{site}/public"])
        .assert_code(1)
        .assert_stderr_contains("oshibka.md")
        .assert_stderr_contains("в плане нет мероприятия № 9");
}

#[test]
fn district_page_shows_trends() {
    let site = built();
    let html = site.read("public/district/usolsky/index.html");
    let trend = element(&html, "<section class=\"trend\" id=\"trend-A1\"", "table");
    let chart = element(trend, "<figure class=\"chart\">", "figure");
    // A1 of the 2024 report is 10 %, of the 2025 report 10,3 %.
    let caption = text(element(chart, "<figcaption", "figcaption"));
    assert!(caption.ends_with("2024 — 10 %, 2025 — 10,3 %"), "{caption}");
    // The axis ends at a round number above 10,3 %: 20 %.
    let axis = text(element(chart, "<div class=\"ichart-axis\"", "div"));
    assert_eq!(axis, "0 10 % 20 %");
    let bars: Vec<f64> = chart
        .split("<li class=\"ichart-row ")
        .skip(1)
        .filter_map(|r| tag_of(r, "ichart-bar ").map(style_pct))
        .collect();
    assert_eq!(bars.len(), 2);
    for (got, want) in bars.iter().zip([10.0, 10.3]) {
        assert!(
            (got - want / 20.0 * 100.0).abs() < 0.01,
            "bar {got} %, want {want} of 20 %"
        );
    }
    let t = text(trend);
    assert!(
        t.contains("2024 10 % 10 % достигнут Отчёт Усольского района за 2024 год"),
        "{t}"
    );
    // A district with one year has no trend.
    site.assert_not_contains("public/district/zhigalovsky/index.html", "class=\"trend\"");
}

#[test]
fn dashboard_sums_numerators_and_denominators() {
    let site = built();
    let rel = "public/dashboard/irkutsk-rs-nms/index.html";
    let html = site.read(rel);
    let y2024 = element(&html, "id=\"year-2024\"", "table");
    // Districts of the framework's region only: Кавказский район is in Краснодарский край.
    assert_eq!(
        text(element(y2024, "<thead>", "thead")),
        "Показатель Цель системы Жигаловский район Усольский район Итого (Σ/Σ)"
    );
    assert!(!html.contains("Кавказский"));
    // P1: Жигаловский 27 of 180 (15 %), Усольский 60 of 600 (10 %, its A1 reported as
    // framework_id P1). Region: (27 + 60) / (180 + 600) = 87 / 780 = 11,15 %; the mean of
    // the shares would be 12,5 %.
    let p1 = cells(row(y2024, "2024-P1"));
    assert_eq!(p1[1], "15 % 27 из 180 достигнут");
    assert_eq!(p1[2], "10 % 60 из 600 достигнут");
    assert_eq!(p1[3], "11,15 % 87 из 780 достигнут");
    assert!(!html.contains("12,5"));
    // P2: Усольский gives 20 % without counts, so only Жигаловский 8 of 160 is summed,
    // and no status is claimed for the region.
    let p2 = cells(row(y2024, "2024-P2"));
    assert_eq!(p2[2], "20 % достигнут");
    assert_eq!(
        p2[3],
        "5 % 8 из 160; учтено районов: 1 из 2 (у остальных нет числителя и знаменателя)"
    );
    // 2025: a share without counts is never summed; here only Усольский reports, so
    // there is no total at all (issue 14: a total only where Σ/Σ exists).
    let y2025 = element(&html, "id=\"year-2025\"", "table");
    assert_eq!(cells(row(y2025, "2025-P1"))[2], "10,3 %");
    assert!(!y2025.contains("Итого"));
    // The other region's framework has its own dashboard: 900 of 1000. Кавказский is
    // its only district, so the row is that district's (framework target, own target,
    // value, status) and no «total» repeats its value (issue 14).
    let kuban = site.read("public/dashboard/kuban-metod/index.html");
    assert_eq!(
        cells(row(&kuban, "2024-P1")),
        [
            "не менее 20 %",
            "не менее 20 %",
            "90 % 900 из 1 000",
            "достигнут"
        ]
    );
    assert!(!kuban.contains("Усольский"));
}

#[test]
fn dashboards_are_linked() {
    let site = built();
    let reg = "regulations/polozhenie-rs-nms/index.html";
    let html = site.read(&format!("public/{reg}"));
    let links: Vec<String> = attr_values(&html, "href")
        .iter()
        .filter_map(|h| resolve_href(reg, h))
        .collect();
    assert!(
        links.contains(&"dashboard/irkutsk-rs-nms/index.html".to_string()),
        "{links:?}"
    );
    // From the footer of every page, the home included.
    let home = site.read("public/index.html");
    assert!(attr_values(&home, "href").contains(&"dashboard/index.html".to_string()));
    let list = site.read("public/dashboard/index.html");
    let hrefs = attr_values(&list, "href");
    assert!(
        hrefs.contains(&"../dashboard/irkutsk-rs-nms/index.html".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"../dashboard/kuban-metod/index.html".to_string()));
    // The dashboard names the regulation that introduces the framework.
    site.assert_contains(
        "public/dashboard/irkutsk-rs-nms/index.html",
        "../../regulations/polozhenie-rs-nms/index.html",
    );
}

#[test]
fn unknown_framework_id_is_an_error() {
    let site = SiteTest::fixture("indicators");
    site.create(
        "content/reports/chuzhoy.md",
        "---\nkind: report\ntitle: Чужой показатель\ndistrict: kavkazsky\nyear: 2025\nindicators:\n  - id: X1\n    framework_id: irkutsk-rs-nms/P1\n    name: Доля\n    target: 10 %\n    actual: 12 %\n---\n",
    );
    site.run(&["build", "{site}", "-o", "{site}/public"])
        .assert_code(1)
        .assert_stderr_contains("chuzhoy.md")
        .assert_stderr_contains(
            "показатель X1: в системе показателей региона нет показателя «irkutsk-rs-nms/P1»",
        )
        .assert_stderr_contains("kuban-metod");
}

/// Every link of the built fixture resolves to a file, and every `#anchor` to an `id`.
#[test]
fn all_links_and_anchors_resolve() {
    let site = built();
    let public = site.path("public");
    for file in list_files(&public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let html = site.read(&format!("public/{file}"));
        for href in attr_values(&html, "href") {
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let (target, anchor) = match href.split_once('#') {
                Some(("", a)) => (file.clone(), Some(a.to_string())),
                Some((_, a)) => (resolve_href(&file, &href).unwrap(), Some(a.to_string())),
                None => (resolve_href(&file, &href).unwrap(), None),
            };
            assert!(public.join(&target).is_file(), "{file}: {href} → {target}");
            if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                let there = site.read(&format!("public/{target}"));
                assert!(
                    there.contains(&format!("id=\"{a}\"")),
                    "{file}: {href}: no #{a} in {target}"
                );
            }
        }
    }
}
