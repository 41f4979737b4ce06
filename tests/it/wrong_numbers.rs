//! Numbers of indicators that a second hostile trial found published wrong: two numbers
//! run together («1  200»), invisible letters, letters and superscripts for digits,
//! «тыс.», a lost minus, a unit of another kind, a condition in an actual; and the same
//! in CSV and XLSX cells, where a date cell was read as a number. Each is now read right
//! or is an error at its place.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters; in a workbook, the row and the column number of the cell.

use crate::check::expect;
use crate::hostile::{text_row, xlsx};
use crate::util::{site_with, status};

/// An indicator of people: `target` against `actual`.
fn people(id: &str, target: &str, actual: &str) -> String {
    format!(
        "  - id: {id}\n    name: Участники\n    target: \"{target}\"\n    actual: \"{actual}\"\n"
    )
}

/// Each was «достигнут» (950 of «не менее 1», 7 of «не менее 5 %»): a Hangul filler
/// split the number, «тыс.» was dropped, the minus was lost.
#[test]
fn hidden_letters_thousands_and_minus_are_read_right() {
    let mut page = String::from("---\nkind: report\ntitle: Числа\nyear: 2025\nindicators:\n");
    for (i, filler) in ['\u{3164}', '\u{115f}', '\u{1160}', '\u{ffa0}']
        .iter()
        .enumerate()
    {
        page += &people(
            &format!("H{i}"),
            &format!("не менее 1{filler}200 чел."),
            "950 чел.",
        );
    }
    page += &people("T1", "не менее 1,2 тыс. чел.", "950 чел.");
    page += &people("T2", "не менее 1,2 тыс. чел.", "1 250 чел.");
    page += &people("M1", "не менее 5 %", "-7 %");
    page += &people("M2", "не менее 5 %", "−7 %");
    page += &people("M3", "не более 0 %", "−7 %");
    page += "---\nТекст.\n";
    let site = site_with(&[
        ("content/reports/chisla.md", &page),
        (
            "content/reports/tablitsa/index.md",
            "---\nkind: report\ntitle: Таблица\nyear: 2025\nindicators_file: t.csv\n---\nТекст.\n",
        ),
        (
            "content/reports/tablitsa/t.csv",
            "Код;Показатель;Ед. изм.;Цель;Факт\nC1;Доля;%;не менее 5 %;-7\nC2;Участники;чел.;не менее 1,2 тыс.;950\nC3;Участники;чел.;не менее 1\u{3164}200;950\n",
        ),
    ]);
    let out = site.run(&["build", "{site}", "-o", "{site}/public", "--strict"]);
    out.assert_code(0);
    let html = site.read("public/reports/chisla/index.html");
    for id in ["H0", "H1", "H2", "H3", "T1", "M1", "M2"] {
        assert_eq!(status(&html, id), "not-achieved", "{id}");
    }
    // 1 250 ≥ 1 200; −7 ≤ 0.
    assert_eq!(status(&html, "T2"), "achieved");
    assert_eq!(status(&html, "M3"), "achieved");
    // The page shows the methodist's own text.
    assert!(html.contains("не менее 1,2 тыс. чел."));
    let html = site.read("public/reports/tablitsa/index.html");
    for id in ["C1", "C2", "C3"] {
        assert_eq!(status(&html, id), "not-achieved", "{id}");
    }
}

/// Two numbers run together, letters and superscripts for digits, a unit of another kind
/// and a condition in an actual: each an error at its value.
#[test]
fn numbers_that_read_as_another_are_errors_at_the_number() {
    // Lines 8 and 12: `    target: "не менее ` is 13 + 9 characters: the number at
    // column 23. Lines 16, 20, 24, 28: `    actual: "` is 13 characters: the value at 14;
    // «12⁰⁰»: the first superscript at 16.
    let mut page = String::from("---\nkind: report\ntitle: Числа\nyear: 2025\nindicators:\n");
    page += &people("S1", "не менее 1  200 чел.", "950 чел.");
    page += "  - id: S2\n    name: Участники\n    target: \"не менее 12OO чел.\"\n";
    page += &people("S3", "не менее 1200 чел.", "12⁰⁰ чел.");
    page += &people("S4", "не менее 1200 чел.", "1 200 руб.");
    page += &people("S5", "не менее 1200 чел.", "менее 1200 чел.");
    page += &people("S6", "не менее 5 %", "- 7 %");
    page += "---\nТекст.\n";
    let site = site_with(&[
        ("content/reports/oshibki.md", &page),
        (
            "content/reports/tablitsa/index.md",
            "---\nkind: report\ntitle: Таблица\nyear: 2025\nindicators_file: t.csv\n---\nТекст.\n",
        ),
        (
            "content/reports/tablitsa/t.csv",
            "Код;Показатель;Ед. изм.;Цель;Факт\nC1;Участники;чел.;не менее 1\u{a0}\u{a0}200;950\nC2;Участники;чел.;не менее 1200;12ОО\n",
        ),
    ]);
    let out = site.run(&["check", "{site}", "--strict"]);
    out.assert_code(1);
    let page = "content/reports/oshibki.md";
    expect(
        &out,
        &format!("{page}:8:23: ошибка: показатель S1, поле target: число разорвано знаками «пробел» и «пробел»: «1  200»"),
        &["= подсказка: между группами разрядов ставится пробел, по три цифры"],
    );
    expect(
        &out,
        &format!("{page}:12:23: ошибка: показатель S2, поле target: в числе «12OO» латинская буква «O» вместо цифры 0"),
        &["ноль — это цифра 0"],
    );
    expect(
        &out,
        &format!(
            "{page}:16:16: ошибка: показатель S3, поле actual: цифра «⁰» набрана особым шрифтом"
        ),
        &["цифрами 0–9"],
    );
    expect(
        &out,
        &format!("{page}:20:14: ошибка: показатель S4, поле actual: единица факта («руб.») не совпадает с единицей цели («чел.»)"),
        &["в тех же единицах"],
    );
    expect(
        &out,
        &format!("{page}:24:14: ошибка: показатель S5, поле actual: в фактическом значении условие: «менее 1200 чел.»"),
        &["уберите «менее»"],
    );
    // Line 28: a dash parted from its number, at the value's column 14.
    expect(
        &out,
        &format!("{page}:28:14: ошибка: показатель S6, поле actual: знак «-» отделён от числа пробелом: это минус?"),
        &["минус пишется вплотную к числу"],
    );
    // A row of a table is pointed at by its line.
    let table = "content/reports/tablitsa/t.csv";
    expect(
        &out,
        &format!("{table}:2:1: ошибка: строка 2: показатель C1, поле target: число разорвано знаками «неразрывный пробел» и «неразрывный пробел»"),
        &[],
    );
    expect(
        &out,
        &format!("{table}:3:1: ошибка: строка 3: показатель C2, поле actual: в числе «12ОО» русская буква «О» вместо цифры 0"),
        &[],
    );
    out.assert_stderr_contains("итого: 8 ошибок, 0 предупреждений");
}

/// The sheet of an indicator workbook: a header and `rows` (XML of `<row>`s), with a
/// styles part whose cell format 1 is the built-in date format 14 and 2 a custom date.
fn book(rows: &str) -> Vec<u8> {
    let header = text_row(1, &["Код", "Показатель", "Ед. изм.", "Цель", "Факт"]);
    let styles = "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
        <numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>\
        <cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs>\
        </styleSheet>";
    xlsx(&format!("{header}{rows}"), None, Some(styles))
}

/// A row of an indicator: id, name and unit as text, then the target and actual cells
/// (whole `<c>` elements).
fn row(r: u32, id: &str, unit: &str, target: &str, actual: &str) -> String {
    let t =
        |col: &str, s: &str| format!("<c r=\"{col}{r}\" t=\"inlineStr\"><is><t>{s}</t></is></c>");
    format!(
        "<row r=\"{r}\">{}{}{}{target}{actual}</row>",
        t("A", id),
        t("B", "Участники"),
        t("C", unit)
    )
}

/// A numeric cell `-7` lost its minus; a date-typed cell `2025-01-01` became «2 025 чел.»;
/// a number shown as a date (format 14 or a custom date) became «45 000 чел.».
#[test]
fn workbook_cells_keep_the_minus_and_dates_are_errors() {
    let site = site_with(&[(
        "content/reports/kniga/index.md",
        "---\nkind: report\ntitle: Книга\nyear: 2025\nindicators_file: t.xlsx\n---\nТекст.\n",
    )]);
    let text = |r: u32, col: &str, s: &str| {
        format!("<c r=\"{col}{r}\" t=\"inlineStr\"><is><t>{s}</t></is></c>")
    };
    let rows = [
        row(
            2,
            "X1",
            "%",
            &text(2, "D", "не менее 5 %"),
            "<c r=\"E2\"><v>-7</v></c>",
        ),
        row(
            3,
            "X2",
            "чел.",
            &text(3, "D", "не менее 1200"),
            "<c r=\"E3\" t=\"d\"><v>2025-01-01T00:00:00</v></c>",
        ),
        row(
            4,
            "X3",
            "чел.",
            &text(4, "D", "не менее 1200"),
            "<c r=\"E4\" s=\"1\"><v>45000</v></c>",
        ),
        row(
            5,
            "X4",
            "чел.",
            "<c r=\"D5\" s=\"2\"><v>45000</v></c>",
            &text(5, "E", "950"),
        ),
    ]
    .concat();
    std::fs::write(site.path("content/reports/kniga/t.xlsx"), book(&rows)).unwrap();
    let out = site.run(&["check", "{site}", "--strict"]);
    out.assert_code(1);
    // Columns D and E are the 4th and 5th: the position is the cell's.
    let file = "content/reports/kniga/t.xlsx";
    expect(
        &out,
        &format!("{file}:3:5: ошибка: лист «Лист1», строка 3, столбец E: в ячейке дата «01.01.2025», а не число"),
        &["ячейке формат «Числовой»"],
    );
    expect(
        &out,
        &format!("{file}:4:5: ошибка: лист «Лист1», строка 4, столбец E: в ячейке дата «15.03.2023», а не число"),
        &[],
    );
    expect(
        &out,
        &format!("{file}:5:4: ошибка: лист «Лист1», строка 5, столбец D: в ячейке дата «15.03.2023», а не число"),
        &[],
    );
    out.assert_stderr_contains("итого: 3 ошибки, 0 предупреждений");

    // Without the date cells the minus is kept: −7 % is below «не менее 5 %».
    std::fs::write(
        site.path("content/reports/kniga/t.xlsx"),
        book(&row(
            2,
            "X1",
            "%",
            &text(2, "D", "не менее 5 %"),
            "<c r=\"E2\"><v>-7</v></c>",
        )),
    )
    .unwrap();
    site.build_ok();
    let html = site.read("public/reports/kniga/index.html");
    assert_eq!(status(&html, "X1"), "not-achieved");
    assert!(html.contains("-7"), "the value is shown with its minus");
}
