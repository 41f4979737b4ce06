//! Indicator files (`indicators_file:`) that are too big, too long, too wide, not what
//! their name says, broken, or built to exhaust memory: one `metodist check` under a
//! memory limit reports each with its exact Russian message, naming the file (and the
//! sheet, row and column where there is one), and nothing else.

use crate::hostile::{run_limited, text_row, xlsx, S};
use crate::util::SiteTest;

/// A report page in `content/reports/<dir>/` whose indicators are in `file`.
fn page(site: &SiteTest, dir: &str, file: &str, bytes: Option<&[u8]>) {
    site.create(
        &format!("content/reports/{dir}/index.md"),
        &format!("---\nkind: report\ntitle: Отчёт {dir}\nindicators_file: {file}\n---\nТекст.\n"),
    );
    if let Some(bytes) = bytes {
        site.create_bytes(&format!("content/reports/{dir}/{file}"), bytes);
    }
}

fn header() -> String {
    text_row(1, &["Код", "Показатель", "Цель"])
}

/// A site of hostile indicator files; the first line of every diagnostic it must give.
fn hostile_site() -> (SiteTest, Vec<String>) {
    let site = SiteTest::new();
    site.copy_from_fixture("basic", "data");
    site.copy_from_fixture("basic", "metodist.toml");
    let mut want = Vec::new();
    let mut expect = |dir: &str, file: &str, place: &str, message: &str| {
        want.push(format!(
            "content/reports/{dir}/{file}{place}: ошибка: {message}"
        ));
    };

    // 16 MB and one byte: a header, one row and a long note.
    let mut big = "id;name;target;note\nK1;Доля;10 %;".as_bytes().to_vec();
    big.resize(16 * 1024 * 1024 + 1, b'x');
    page(&site, "razmer", "big.csv", Some(&big));
    expect(
        "razmer",
        "big.csv",
        "",
        "файл слишком большой: 16\u{a0}777\u{a0}217 байт, допустимо не более 16 МБ (16\u{a0}777\u{a0}216 байт)",
    );

    // 100 000 indicators below the header.
    let mut rows = String::from("id;name;target\n");
    for i in 1..=100_000 {
        rows.push_str(&format!("K{i};Показатель {i};10 %\n"));
    }
    page(&site, "stroki", "rows.csv", Some(rows.as_bytes()));
    expect(
        "stroki",
        "rows.csv",
        "",
        "в таблице 100\u{a0}000 строк показателей, допустимо не более 1\u{a0}000",
    );

    // Row 2: three values, then 70 more separators: «x» is field 73 (index 72).
    let wide = format!("id;name;target\nK1;Доля;10 %{}x\n", ";".repeat(70));
    page(&site, "shirina", "wide.csv", Some(wide.as_bytes()));
    expect(
        "shirina",
        "wide.csv",
        ":2:1",
        "строка 2, столбец №73: значение «x» за пределами таблицы: в таблице показателей не больше 64 столбцов",
    );

    // A program's header: 5 control characters of 8 (see import_hostile.rs).
    page(
        &site,
        "dvoichnyy",
        "data.csv",
        Some(b"MZ\x90\x00\x03\x00\x00\x00"),
    );
    expect(
        "dvoichnyy",
        "data.csv",
        "",
        "файл не похож на текст CSV: управляющих символов 5 из 8 (первый — U+0000)",
    );

    page(&site, "pdf", "t.xlsx", Some(b"%PDF-1.7\n1 0 obj\n"));
    expect(
        "pdf",
        "t.xlsx",
        "",
        "это документ PDF, а не книга Excel (.xlsx)",
    );

    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.resize(512, 0);
    xls.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    page(&site, "staryy", "t.xlsx", Some(&xls));
    expect(
        "staryy",
        "t.xlsx",
        "",
        "это книга Excel 97–2003 (.xls), а не книга Excel (.xlsx)",
    );

    page(
        &site,
        "tekst",
        "t.xlsx",
        Some("Код;Показатель\n".as_bytes()),
    );
    expect("tekst", "t.xlsx", "", "это текст, а не книга Excel (.xlsx)");

    let book = xlsx(&header(), None, None);
    page(&site, "arkhiv", "t.csv", Some(&book));
    expect(
        "arkhiv",
        "t.csv",
        "",
        "это архив (книга Excel .xlsx или документ Office), а не таблица CSV",
    );

    // At the field that names it: line 4, after «indicators_file: » (17 characters).
    page(&site, "net", "missing.csv", None);
    expect(
        "net",
        "index.md",
        ":4:18",
        "не удалось прочитать content/reports/net/missing.csv: файл не найден",
    );

    // The sheet unpacks to 20 MB: one cell of 20 MB text.
    let huge = format!(
        "{}{}",
        header(),
        text_row(2, &["K1", &"а".repeat(10 * 1024 * 1024), "10 %"])
    );
    page(&site, "bomba", "t.xlsx", Some(&xlsx(&huge, None, None)));
    expect(
        "bomba",
        "t.xlsx",
        "",
        "«xl/worksheets/sheet1.xml» после распаковки больше 16 МБ: файл повреждён или это «zip-бомба»",
    );

    // One value in the last cell of the sheet: a dense range of 17 billion cells.
    let far = format!(
        "{}{}<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>",
        header(),
        text_row(2, &["K1", "Доля", "10 %"])
    );
    page(&site, "razryv", "t.xlsx", Some(&xlsx(&far, None, None)));
    // The position is the cell's: column XFD is 24·26² + 6·26 + 4 = 16 384.
    expect(
        "razryv",
        "t.xlsx",
        ":1048576:16384",
        "лист «Лист1», строка 1048576, столбец XFD: значение «1» за пределами таблицы: в таблице показателей не больше 64 столбцов",
    );

    // A 1 MB shared string in 300 rows of 20 cells: 6 GB if every cell copies it.
    let shared = format!(
        "<sst xmlns=\"{S}\"><si><t>{}</t></si></sst>",
        "я".repeat(512 * 1024)
    );
    let mut many = header();
    for r in 2..302 {
        many.push_str(&format!("<row r=\"{r}\">"));
        for col in 'A'..='T' {
            many.push_str(&format!("<c r=\"{col}{r}\" t=\"s\"><v>0</v></c>"));
        }
        many.push_str("</row>");
    }
    page(
        &site,
        "obshchie",
        "t.xlsx",
        Some(&xlsx(&many, Some(&shared), None)),
    );
    expect(
        "obshchie",
        "t.xlsx",
        "",
        "лист «Лист1»: текст таблицы больше 16 МБ",
    );

    // A sheet cut off in the middle of a cell.
    let cut = format!(
        "{}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>K1",
        header()
    );
    page(&site, "povrezhden", "t.xlsx", Some(&xlsx(&cut, None, None)));
    expect(
        "povrezhden",
        "t.xlsx",
        "",
        "лист «Лист1»: файл повреждён: книгу Excel не удаётся прочитать",
    );

    // A text where a number must be: a real row and column.
    let text = format!(
        "{}{}",
        text_row(1, &["Код", "Показатель", "Цель", "Числитель"]),
        text_row(2, &["K1", "Доля", "10 %", "двенадцать"])
    );
    page(&site, "chislo", "t.xlsx", Some(&xlsx(&text, None, None)));
    expect(
        "chislo",
        "t.xlsx",
        ":2:4",
        "лист «Лист1», строка 2, столбец D: не число: «двенадцать»",
    );
    (site, want)
}

#[test]
fn hostile_indicator_files_are_reported_within_the_memory_limit() {
    let (site, want) = hostile_site();
    let out = run_limited(&site, &["check", "{site}"]);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let missing: Vec<&String> = want
        .iter()
        .filter(|w| !lines.iter().any(|l| l == w))
        .collect();
    assert!(
        missing.is_empty(),
        "missing:\n{missing:#?}\n{}",
        out.describe()
    );
    let errors = lines.iter().filter(|l| l.contains(": ошибка: ")).count();
    assert_eq!(errors, want.len(), "{}", out.describe());
    out.assert_code(1);
    for english in ["Zip", "error", "строка 0", "столбец :"] {
        out.assert_stderr_lacks(english);
    }
}

#[test]
fn styles_that_copy_a_font_into_every_format_are_read_within_the_memory_limit() {
    // A 1 MB font name copied into each of 60 000 cell formats would be 60 GB; the
    // styles are reduced to number formats, and K1's percent format is kept:
    // 0,103 in format 10 («0.00%») is «10,3%».
    let site = SiteTest::fixture("indicators");
    let styles = format!(
        "<styleSheet xmlns=\"{S}\"><fonts count=\"1\"><font><name val=\"{}\"/></font></fonts><cellXfs>{}<xf numFmtId=\"10\" fontId=\"0\"/></cellXfs></styleSheet>",
        "Ф".repeat(512 * 1024),
        "<xf numFmtId=\"0\" fontId=\"0\"/>".repeat(60_000)
    );
    let rows = format!(
        "{}<row r=\"2\">{}<c r=\"D2\" s=\"60000\"><v>0.103</v></c></row>",
        text_row(1, &["Код", "Показатель", "Цель", "Факт"]),
        "<c r=\"A2\" t=\"inlineStr\"><is><t>K1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Доля</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>10 %</t></is></c>"
    );
    page(
        &site,
        "stili",
        "t.xlsx",
        Some(&xlsx(&rows, None, Some(&styles))),
    );
    run_limited(&site, &["build", "{site}", "-o", "{site}/public"]).assert_code(0);
    site.assert_contains("public/reports/stili/index.html", "10,3%");
}
