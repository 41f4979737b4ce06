use super::*;

fn ind(id: &str, name: &str, target: &str, actual: Option<&str>) -> IndicatorInput {
    IndicatorInput {
        id: id.into(),
        name: name.into(),
        target: target.into(),
        actual: actual.map(str::to_string),
        ..IndicatorInput::default()
    }
}

/// The inputs every round trip below must give back.
fn expected() -> Vec<IndicatorInput> {
    let mut a3 = ind(
        "A3",
        "Доля педагогических работников, освоивших программы ДПО; «Федеральный реестр»",
        "не менее 10 % от общей численности",
        None,
    );
    a3.group = Some("A".into());
    a3.number = Some("3".into());
    a3.unit = Some("%".into());
    a3.parts = vec![
        PartInput {
            label: Some("ГУП".into()),
            target: Some("2%".into()),
            actual: Some("10,63%".into()),
        },
        PartInput {
            label: Some("ГАУ ДПО ИРО, в т.ч. ЦНППМ".into()),
            target: Some("8%".into()),
            actual: Some("0,8%".into()),
        },
    ];
    let mut a13 = ind(
        "A13",
        "Доля сотрудников ММС",
        "5% (в т. ч. 1,5%)",
        Some("11,11% (2 чел.)"),
    );
    a13.group = Some("A".into());
    a13.number = Some("13".into());
    a13.numerator = Some(2.0);
    a13.denominator = Some(18.0);
    a13.note = Some("подцель не отчитана".into());
    let b4 = ind(
        "B4",
        "Количество мероприятий",
        "Не менее 2 ед. с общим охватом не менее 80%",
        Some("5 ед., охват 86%"),
    );
    vec![a3, a13, b4]
}

const CSV: &str = "\u{feff}group;number;id;name;unit;target;actual;numerator;denominator;note;part_of\r\n\
A;3;A3;\"Доля педагогических работников, освоивших программы ДПО; «Федеральный реестр»\";%;не менее 10 % от общей численности;;;;;\r\n\
;;;ГУП;;2%;10,63%;;;;A3\r\n\
;;;ГАУ ДПО ИРО, в т.ч. ЦНППМ;;8%;0,8%;;;;A3\r\n\
A;13;A13;Доля сотрудников ММС;;5% (в т. ч. 1,5%);11,11% (2 чел.);2;18;подцель не отчитана;\r\n\
\r\n\
;;B4;Количество мероприятий;;Не менее 2 ед. с общим охватом не менее 80%;5 ед., охват 86%;;;;\r\n";

#[test]
fn csv_with_field_names() {
    assert_eq!(parse_indicator_csv(CSV).unwrap(), expected());
}

#[test]
fn csv_with_russian_headers_and_commas() {
    let text = "Группа,№,Код,Наименование результата,Ед. изм.,Показатели результативности,\
Фактическое значение показателя (по состоянию на 30.11.2025г.),Числитель,Знаменатель,Примечание,Входит в\n\
A,3,A3,\"Доля педагогических работников, освоивших программы ДПО; «Федеральный реестр»\",%,не менее 10 % от общей численности,,,,,\n\
,,,ГУП,,2%,\"10,63%\",,,,A3\n\
,,,\"ГАУ ДПО ИРО, в т.ч. ЦНППМ\",,8%,\"0,8%\",,,,A3\n\
A,13,A13,Доля сотрудников ММС,,\"5% (в т. ч. 1,5%)\",\"11,11% (2 чел.)\",2,18,подцель не отчитана,\n\
,,B4,Количество мероприятий,,Не менее 2 ед. с общим охватом не менее 80%,\"5 ед., охват 86%\",,,,\n";
    assert_eq!(parse_indicator_csv(text).unwrap(), expected());
}

#[test]
fn windows_1251_csv_from_russian_excel() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("показатели.csv");
    let text = CSV.trim_start_matches('\u{feff}');
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!unmappable);
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(read_indicator_file(&path).unwrap(), expected());
}

#[test]
fn xlsx_round_trip() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("показатели.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Показатели").unwrap();
    let header = [
        "Группа",
        "№ п/п",
        "Код",
        "Показатель",
        "Ед. изм.",
        "Цель",
        "Факт",
        "Числитель",
        "Знаменатель",
        "Примечание",
        "Входит в",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let percent = Format::new().set_num_format("0.00%");
    let rows: [[&str; 11]; 5] = [
        [
            "A",
            "",
            "A3",
            "Доля педагогических работников, освоивших программы ДПО; «Федеральный реестр»",
            "%",
            "не менее 10 % от общей численности",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "ГУП", "", "2%", "", "", "", "", "A3"],
        [
            "",
            "",
            "",
            "ГАУ ДПО ИРО, в т.ч. ЦНППМ",
            "",
            "8%",
            "0,8%",
            "",
            "",
            "",
            "A3",
        ],
        [
            "A",
            "",
            "A13",
            "Доля сотрудников ММС",
            "",
            "5% (в т. ч. 1,5%)",
            "11,11% (2 чел.)",
            "",
            "",
            "подцель не отчитана",
            "",
        ],
        [
            "",
            "",
            "B4",
            "Количество мероприятий",
            "",
            "Не менее 2 ед. с общим охватом не менее 80%",
            "5 ед., охват 86%",
            "",
            "",
            "",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    // Numbers as Excel stores them: a number column, and a share formatted as percent.
    sheet.write_number(1, 1, 3.0).unwrap();
    sheet.write_number(4, 1, 13.0).unwrap();
    sheet
        .write_number_with_format(2, 6, 0.1063, &percent)
        .unwrap();
    sheet.write_number(4, 7, 2.0).unwrap();
    sheet.write_number(4, 8, 18.0).unwrap();
    book.save(&path).unwrap();
    assert_eq!(read_indicator_file(&path).unwrap(), expected());
}

#[test]
fn xlsx_errors_name_sheet_row_and_column_letter() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("План").unwrap();
    sheet
        .write_row(0, 0, ["Код", "Показатель", "Цель", "Числитель"])
        .unwrap();
    sheet
        .write_row(1, 0, ["A1", "Доля", "10 %", "двенадцать"])
        .unwrap();
    sheet.write_row(2, 0, ["", "Без кода", "5 %", ""]).unwrap();
    book.save(&path).unwrap();
    let errors = read_indicator_file(&path).unwrap_err();
    let places: Vec<(Option<&str>, usize, &str)> = errors
        .iter()
        .map(|e| (e.sheet.as_deref(), e.row, e.column.as_str()))
        .collect();
    assert_eq!(places, [(Some("План"), 2, "D"), (Some("План"), 3, "A")]);
    assert_eq!(errors[0].message, "не число: «двенадцать»");
    assert_eq!(errors[0].location(), "лист «План», строка 2, столбец D");
}

#[test]
fn csv_errors_are_all_collected() {
    let text = "id;name;цель;Оценка\nA1;x;10 %;5\n";
    let errors = parse_indicator_csv(text).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].column.as_str()), (1, "Оценка"));
    assert_eq!(errors[0].message, "неизвестный столбец «Оценка»");

    let text = "Показатель;Цель\nx;10 %\n";
    let errors = parse_indicator_csv(text).unwrap_err();
    assert_eq!(errors[0].message, "нет столбца id (Код)");

    let text = "id;name;target;numerator;part_of\n\
A1;Доля;10 %;abc;\n\
;;5 %;;\n\
;в т. ч.;2 %;;Z9\n\
A2;Доля;10 %;;;лишнее\n";
    let errors = parse_indicator_csv(text).unwrap_err();
    let got: Vec<(usize, &str, &str)> = errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "numerator", "не число: «abc»"),
            (3, "id", "у показателя нет id"),
            (3, "name", "у показателя нет наименования"),
            (5, "№6", "значение «лишнее» вне столбцов"),
            (4, "part_of", "нет показателя с id «Z9»"),
        ]
    );
}

#[test]
fn odd_files() {
    // An empty table, or one of a header only, gives a page no indicators: an error
    // naming the file (it was read as no indicators, silently).
    for empty in ["", "\u{feff}", "\u{feff}\n\n", " ; ;\n"] {
        let e = parse_indicator_csv(empty).unwrap_err();
        assert_eq!(e.len(), 1, "{empty:?}");
        assert_eq!(
            (e[0].row, e[0].message.as_str()),
            (0, "таблица показателей пуста")
        );
    }
    let e = parse_indicator_csv("id;name\n").unwrap_err();
    assert_eq!(
        e[0].message,
        "в таблице показателей только заголовок, показателей нет"
    );
    let e = read_indicator_file("показатели.docx").unwrap_err();
    assert!(e[0].message.contains(".docx"));
    let e = read_indicator_file("/nonexistent/показатели.csv").unwrap_err();
    assert_eq!(e[0].row, 0);
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"not a zip").unwrap();
    assert!(read_indicator_file(&broken).is_err());
}

#[test]
fn spreadsheet_columns_have_numbers() {
    let mut e = TableError::new(6, "E", String::new(), "");
    assert_eq!(e.column_number(), None, "a CSV column has no number");
    e.sheet = Some("Лист1".into());
    assert_eq!(e.column_number(), Some(5));
    for (letters, n) in [("A", 1), ("Z", 26), ("AA", 27), ("ZZ", 702), ("AAA", 703)] {
        e.column = letters.into();
        assert_eq!(e.column_number(), Some(n), "{letters}");
        assert_eq!(column_letter(n - 1), letters);
    }
    e.column = "Цель".into();
    assert_eq!(e.column_number(), None);
}

#[test]
fn column_letters() {
    let cases = [
        (0, "A"),
        (2, "C"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (701, "ZZ"),
        (702, "AAA"),
    ];
    for (i, want) in cases {
        assert_eq!(column_letter(i), want);
    }
}

#[test]
fn tab_separated() {
    let text = "id\tname\ttarget\nA1\tДоля, %\t10 %\n";
    let got = parse_indicator_csv(text).unwrap();
    assert_eq!(got, vec![ind("A1", "Доля, %", "10 %", None)]);
}

#[test]
fn crlf_csv_rows_are_numbered_by_their_lines() {
    // Excel writes CRLF; the error in the second line is in row 2, not 1.
    let text = "id;name;target;numerator\r\nA1;x;10 %;abc\r\nA2;y;5 %;\r\n";
    let errors = parse_indicator_csv(text).unwrap_err();
    let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(got, [(2, "numerator")]);
}
