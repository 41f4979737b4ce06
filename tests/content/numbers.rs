//! Every number agrees everywhere (issue 15): the regional dashboard counts what the
//! 2025 report maps, and each indicator's compared actual is one number in the HTML
//! table, the chart, the CSV and the JSON of its page.

use super::builds_site;
use regex::Regex;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The 2025 Usolsky report reports on ten framework indicators: A1→P1, A2→P2, A3→P4,
/// A9→P12, B1→C1 as before, and A5, A7, A8, A10, A11, whose names are P8, P10, P11,
/// P13, P14's word for word (document 000 table 1 against document 003). Of 25, 15
/// are left without a 2025 value.
#[test]
fn dashboard_shows_the_ten_mapped_indicators_of_2025() {
    let (_tmp, out) = builds_site();
    let html = fs::read_to_string(out.join("dashboard/irkutsk-rs-nms/index.html")).unwrap();
    let rows: Vec<&str> = Regex::new(r#"id="2025-([A-Z]\d+)""#)
        .unwrap()
        .captures_iter(&html)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(
        rows,
        ["P1", "P2", "P4", "P8", "P10", "P11", "P12", "P13", "P14", "C1"]
    );
    assert!(
        html.contains("Нет значений за 2025 год: 15 показателей — U1, U2, P3, P5, P6, P7, P9, P15, P16, P17, C2, C3, C4, C5, C6."),
        "the list of framework indicators without values"
    );
}

/// id → the compared actual a page's output gives (None: no number).
type Values = BTreeMap<String, Option<f64>>;

fn num(s: &str) -> f64 {
    s.replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

fn from_json(dir: &Path) -> Values {
    let text = fs::read_to_string(dir.join("indicators.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let id = i["id"].as_str().unwrap().to_string();
            (id, i["actual"]["value"]["value"].as_f64())
        })
        .collect()
}

/// Indicator rows of the CSV (parts, «A3.1», have «Входит в» filled and are left out).
fn from_csv(dir: &Path) -> Values {
    let text = fs::read_to_string(dir.join("indicators.csv")).unwrap();
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rd.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, part_of, value) = (col("Код"), col("Входит в"), col("Фактическое значение"));
    rd.records()
        .map(Result::unwrap)
        .filter(|r| r[part_of].is_empty())
        .map(|r| {
            let v = Some(&r[value]).filter(|v| !v.is_empty()).map(num);
            (r[id].to_string(), v)
        })
        .collect()
}

/// The table's «Факт» cell of each `ind-…` row, and the chart's `ichart-row` items.
fn from_html(html: &str) -> (Values, Values) {
    let attr = |tag: &str, name: &str| {
        Regex::new(&format!(r#"\b{name}="([^"]*)""#))
            .unwrap()
            .captures(tag)
            .map(|c| c[1].to_string())
    };
    let row = Regex::new(r#"(?s)<tr id="ind-([^"]+)"[^>]*>(.*?)</tr>"#).unwrap();
    let fact = Regex::new(r#"<td data-label="Факт"[^>]*>"#).unwrap();
    let table = row
        .captures_iter(html)
        .map(|c| {
            let td = fact.find(&c[2]).expect("a «Факт» cell").as_str();
            (c[1].to_string(), attr(td, "data-value").map(|v| num(&v)))
        })
        .collect();
    let li = Regex::new(r#"<li class="ichart-row[^"]*"[^>]*>"#).unwrap();
    let chart = li
        .find_iter(html)
        .filter_map(|m| {
            let id = attr(m.as_str(), "data-indicator")?;
            Some((id, attr(m.as_str(), "data-value").map(|v| num(&v))))
        })
        .collect();
    (table, chart)
}

/// For every page of the bundled site with open indicator data, each indicator's
/// compared actual is the same in the JSON, the CSV, the table and the chart. A9
/// («8,56 % от общего числа педагогов, 84 % от общего числа педагогов ШНОР» against a
/// target of ШНОР teachers) is compared as 84 everywhere, 8,56 kept as an alternative.
#[test]
fn every_output_gives_one_compared_actual() {
    let (_tmp, out) = builds_site();
    let mut pages: Vec<String> = Vec::new();
    for file in super::files_under(&out) {
        if file.file_name().is_none_or(|n| n != "indicators.json") {
            continue;
        }
        let dir = file.parent().unwrap();
        let json = from_json(dir);
        if json.is_empty() {
            continue;
        }
        pages.push(dir.strip_prefix(&out).unwrap().display().to_string());
        let html = fs::read_to_string(dir.join("index.html")).unwrap();
        let (table, chart) = from_html(&html);
        let at = dir.display();
        assert_eq!(from_csv(dir), json, "{at}: CSV against JSON");
        assert_eq!(table, json, "{at}: table against JSON");
        for (id, v) in &chart {
            assert_eq!(json.get(id), Some(v), "{at}: chart row {id} against JSON");
        }
    }
    // The three documents with indicator tables: the plan (17), the regulation (25) and
    // the report (24); a page missing here would have been compared by nothing.
    pages.sort();
    assert_eq!(
        pages,
        [
            "plans/zhigalovsky-2023",
            "regulations/irkutsk-rs-nms-2023",
            "reports/usolsky-2025"
        ]
    );
    let report = out.join("reports/usolsky-2025");
    let json = from_json(&report);
    assert_eq!(json["A9"], Some(84.0));
    let text = fs::read_to_string(report.join("indicators.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let a9 = &v["indicators"][8]["actual"];
    assert_eq!(a9["alternatives"][0]["value"]["value"], 8.56);
    assert_eq!(a9["alternatives"][0]["label"], "от общего числа педагогов");
    assert_eq!(a9["base"], "от общего числа педагогов ШНОР");
}
