//! Indicator tables kept in Excel: reading `.csv` and `.xlsx` into [`IndicatorInput`]s.
//!
//! The first non-empty row is the header: the field names of [`IndicatorInput`]
//! (`id`, `name`, `target`…) or their Russian names as in the documents («Код»,
//! «Показатель», «Цель», «Факт», «Ед. изм.»…). A part (`в т. ч.`) is a row of its own
//! whose `part_of` («Входит в») column holds the id of its indicator; its name is the
//! part's label. Every problem in the file is reported, each with its row and column.
//!
//! Limits: the file itself at most [`crate::load::MAX_FILE_BYTES`], an `.xlsx`
//! unpacked within [`xlsx::LIMITS`], and the rows within [`rows::MAX_ROWS`],
//! [`rows::MAX_COLUMNS`] and [`rows::MAX_TEXT`]; the format is told from the bytes.

use std::path::Path;

use serde::Serialize;

use crate::sniff::{self, Format};

use super::number::parse_decimal;
use super::record::{IndicatorInput, PartInput};

/// A problem in an indicator table, with its place.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct TableError {
    /// Sheet name, for spreadsheets.
    pub sheet: Option<String>,
    /// Row number as the spreadsheet shows it (1-based); 0 for the file as a whole.
    pub row: usize,
    /// Column: a letter («C») in a spreadsheet, the header name in a CSV.
    pub column: String,
    /// What is wrong, in Russian.
    pub message: String,
    /// How to fix it, in Russian.
    pub hint: String,
}

impl TableError {
    fn new(row: usize, column: &str, message: String, hint: &str) -> Self {
        TableError {
            sheet: None,
            row,
            column: column.to_string(),
            message,
            hint: hint.to_string(),
        }
    }

    /// The column's number (A = 1) of a spreadsheet's error, for its position.
    pub fn column_number(&self) -> Option<usize> {
        let letters = self.sheet.is_some()
            && !self.column.is_empty()
            && self.column.len() <= 3
            && self.column.bytes().all(|b| b.is_ascii_uppercase());
        letters.then(|| {
            self.column
                .bytes()
                .fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1))
        })
    }

    /// The place in Russian: «лист «Показатели», строка 3, столбец C».
    pub fn location(&self) -> String {
        let mut parts = Vec::new();
        if let Some(sheet) = &self.sheet {
            parts.push(format!("лист «{sheet}»"));
        }
        if self.row > 0 {
            parts.push(format!("строка {}", self.row));
        }
        if !self.column.is_empty() {
            parts.push(format!("столбец {}", self.column));
        }
        parts.join(", ")
    }
}

/// An indicator with the row of the table it was read from (as the spreadsheet or the
/// text editor numbers it), so that its problems point at that row.
pub type TableRow = (usize, IndicatorInput);

fn without_rows(rows: Vec<TableRow>) -> Vec<IndicatorInput> {
    rows.into_iter().map(|(_, input)| input).collect()
}

/// Reads an indicator table from a `.csv` (UTF-8 with or without BOM, UTF-16 with a
/// BOM, or the Windows-1251 that Russian Excel writes; `;`, `,` or tab separated) or an
/// Excel workbook (`.xlsx`, `.xlsm`: the first sheet).
pub fn read_indicator_file(path: impl AsRef<Path>) -> Result<Vec<IndicatorInput>, Vec<TableError>> {
    read_indicator_rows(path).map(without_rows)
}

/// Like [`read_indicator_file`], each indicator with its row.
pub fn read_indicator_rows(path: impl AsRef<Path>) -> Result<Vec<TableRow>, Vec<TableError>> {
    whole(read_indicator_rows_partial(path))
}

/// The rows of a table and its errors: with both, the rows that could be read, so that
/// their own problems (a zero denominator) are found in the same run as a bad row's.
pub type Partial = (Vec<TableRow>, Vec<TableError>);

fn whole((rows, errors): Partial) -> Result<Vec<TableRow>, Vec<TableError>> {
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Like [`read_indicator_rows`], with the rows that could be read beside the errors.
pub fn read_indicator_rows_partial(path: impl AsRef<Path>) -> Partial {
    match read_rows(path.as_ref()) {
        Ok(partial) => partial,
        Err(errors) => (Vec::new(), errors),
    }
}

fn read_rows(path: &Path) -> Result<Partial, Vec<TableError>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    let table = matches!(ext.as_str(), "csv" | "tsv" | "txt");
    let book = matches!(ext.as_str(), "xlsx" | "xlsm");
    if !table && !book {
        return Err(vec![file_error(
            format!("неподдерживаемый формат таблицы показателей: «.{ext}»"),
            "сохраните таблицу в Excel как .xlsx или .csv",
        )]);
    }
    let bytes = read_capped(path).map_err(|e| vec![e])?;
    match (sniff::sniff(&bytes), book) {
        (Format::Zip, true) => {
            let sheet = xlsx::read(&bytes).map_err(|e| vec![e])?;
            let first = sheet.first;
            let (rows, mut errors) = inputs_from_rows(&sheet.rows, |i, _| column_letter(first + i));
            for e in &mut errors {
                e.sheet = Some(sheet.name.clone());
            }
            Ok((rows, errors))
        }
        (Format::Other, false) => {
            let (text, _) = sniff::decode(&bytes);
            if let Some(n) = sniff::not_text(&text) {
                return Err(vec![file_error(
                    format!(
                        "файл не похож на текст CSV: управляющих символов {} из {} (первый — U+{:04X})",
                        n.controls, n.chars, n.first as u32
                    ),
                    "сохраните таблицу в Excel как «CSV (разделители — точка с запятой)» или как .xlsx",
                )]);
            }
            csv_partial(&text)
        }
        (format, _) => Err(vec![wrong_format(format, book)]),
    }
}

/// Reads an indicator table from CSV text (see [`read_indicator_file`]).
pub fn parse_indicator_csv(text: &str) -> Result<Vec<IndicatorInput>, Vec<TableError>> {
    csv_rows(text).map(without_rows)
}

fn csv_rows(text: &str) -> Result<Vec<TableRow>, Vec<TableError>> {
    whole(csv_partial(text).unwrap_or_else(|errors| (Vec::new(), errors)))
}

fn csv_partial(text: &str) -> Result<Partial, Vec<TableError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The csv crate counts a CRLF record's line break into the next record, which then
    // starts a line early: rows are numbered from LF-only text.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = rows::Rows::default();
    let number = |i: usize| format!("№{}", i + 1);
    for record in reader.records() {
        let line = |p: Option<&csv::Position>| p.map_or(0, |p| p.line() as usize);
        match record {
            Ok(r) => {
                let row = line(r.position());
                for (i, c) in r.iter().enumerate() {
                    rows.cell(row, i, Cell::text(c.trim()), &number)
                        .map_err(|e| vec![e])?;
                }
            }
            Err(e) => {
                return Err(vec![TableError::new(
                    line(e.position()),
                    "",
                    "не удалось прочитать CSV".into(),
                    "проверьте кавычки в этой строке",
                )]);
            }
        }
    }
    let (_, rows) = rows.finish(false).map_err(|e| vec![e])?;
    Ok(inputs_from_rows(&rows, |i, headers| {
        headers.get(i).cloned().unwrap_or_else(|| number(i))
    }))
}

/// The columns an indicator table may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Group,
    Number,
    Name,
    Unit,
    Target,
    Actual,
    Numerator,
    Denominator,
    Note,
    PartOf,
    FrameworkId,
}

/// Field names and their Russian headers (normalised: lower case, «е» for «ё»,
/// no brackets, no final dot).
const HEADERS: &[(Field, &[&str])] = &[
    (Field::Id, &["id", "код", "идентификатор", "шифр"]),
    (Field::Group, &["group", "группа", "раздел"]),
    (Field::Number, &["number", "№", "№ п/п", "номер", "n"]),
    (
        Field::Name,
        &[
            "name",
            "показатель",
            "наименование",
            "наименование показателя",
            "наименование результата",
            "название",
        ],
    ),
    (
        Field::Unit,
        &[
            "unit",
            "ед. изм",
            "ед.изм",
            "единица",
            "единица измерения",
            "ед. измерения",
        ],
    ),
    (
        Field::Target,
        &[
            "target",
            "цель",
            "целевое значение",
            "плановое значение",
            "план",
            "показатели результативности",
            "показатель результативности",
        ],
    ),
    (
        Field::Actual,
        &[
            "actual",
            "факт",
            "фактическое значение",
            "фактическое значение показателя",
            "фактический результат",
        ],
    ),
    (Field::Numerator, &["numerator", "числитель"]),
    (Field::Denominator, &["denominator", "знаменатель"]),
    (Field::Note, &["note", "примечание", "комментарий"]),
    (Field::PartOf, &["part_of", "входит в", "часть показателя"]),
    (
        Field::FrameworkId,
        &[
            "framework_id",
            "показатель системы",
            "код в системе показателей",
        ],
    ),
];

fn field_of(header: &str) -> Option<Field> {
    let h = normalise_header(header);
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(f, _)| *f)
}

fn normalise_header(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.to_lowercase().replace('ё', "е");
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    out.trim_end_matches(['.', ':']).trim().to_string()
}

fn known_headers() -> String {
    "id (Код), group (Группа), number (№), name (Показатель), unit (Ед. изм.), target (Цель), \
     actual (Факт), numerator (Числитель), denominator (Знаменатель), note (Примечание), \
     part_of (Входит в), framework_id (Показатель системы)"
        .to_string()
}

/// Turns rows of cells into inputs; `column(i, headers)` names column `i` in errors.
fn inputs_from_rows(
    rows: &[(usize, Vec<Cell>)],
    column: impl Fn(usize, &[String]) -> String,
) -> Partial {
    let mut errors = Vec::new();
    let mut data = rows
        .iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((header_row, header_cells)) = data.next() else {
        // An empty file gives a page no indicators, and nobody would notice.
        let empty = file_error(
            "таблица показателей пуста".into(),
            "впишите в файл строку заголовков (Код; Показатель; Цель; Факт) и строки показателей или уберите поле indicators_file",
        );
        return (Vec::new(), vec![empty]);
    };
    let headers: Vec<String> = header_cells.iter().map(Cell::as_id).collect();
    let mut fields: Vec<Option<Field>> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let f = if h.trim().is_empty() {
            None
        } else {
            field_of(h)
        };
        if f.is_none() && !h.trim().is_empty() {
            errors.push(TableError::new(
                *header_row,
                &column(i, &headers),
                format!("неизвестный столбец «{h}»"),
                &format!("известные столбцы: {}", known_headers()),
            ));
        }
        if f.is_some() && fields.contains(&f) {
            errors.push(TableError::new(
                *header_row,
                &column(i, &headers),
                format!("столбец «{h}» повторяется"),
                "оставьте один такой столбец",
            ));
        }
        fields.push(f);
    }
    for (need, name) in [(Field::Id, "id (Код)"), (Field::Name, "name (Показатель)")] {
        if !fields.contains(&Some(need)) {
            errors.push(TableError::new(
                *header_row,
                "",
                format!("нет столбца {name}"),
                &format!("известные столбцы: {}", known_headers()),
            ));
        }
    }
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    let mut inputs: Vec<TableRow> = Vec::new();
    // (row, «Входит в», the row's own id, the part).
    let mut parts: Vec<(usize, String, String, PartInput)> = Vec::new();
    // The row of each indicator's id, so that a repeated id names the first.
    let mut ids: Vec<(usize, String)> = Vec::new();
    // Ids of rows with errors of their own: their parts are not errors too.
    let mut failed: Vec<String> = Vec::new();
    let id_at = fields.iter().position(|f| *f == Some(Field::Id));
    for (row, cells) in data {
        let col = |i: usize| column(i, &headers);
        let read = read_row(*row, cells, &fields, &col, &mut errors);
        if read.is_none() {
            failed.extend(id_at.and_then(|i| cells.get(i)).map(Cell::as_id));
        }
        if let Some(row_input) = read {
            match row_input {
                RowInput::Indicator(input) => {
                    ids.push((*row, input.id.trim().to_string()));
                    inputs.push((*row, *input))
                }
                RowInput::Part { parent, id, part } => parts.push((*row, parent, id, part)),
            }
        }
    }
    let id_column = fields
        .iter()
        .position(|f| *f == Some(Field::Id))
        .map(|i| column(i, &headers))
        .unwrap_or_default();
    errors.extend(parts::duplicate_ids(&ids, &id_column));
    let part_col = fields
        .iter()
        .position(|f| *f == Some(Field::PartOf))
        .map(|i| column(i, &headers))
        .unwrap_or_default();
    errors.extend(parts::attach(&mut inputs, parts, &failed, &part_col));
    if inputs.is_empty() && errors.is_empty() {
        errors.push(file_error(
            "в таблице показателей только заголовок, показателей нет".into(),
            "впишите строки показателей под заголовком или уберите поле indicators_file",
        ));
    }
    (inputs, errors)
}

enum RowInput {
    Indicator(Box<IndicatorInput>),
    /// A part («в т. ч.») of the indicator `parent`; `id` is the row's own id, if any.
    Part {
        parent: String,
        id: String,
        part: PartInput,
    },
}

fn read_row(
    row: usize,
    cells: &[Cell],
    fields: &[Option<Field>],
    column: &dyn Fn(usize) -> String,
    errors: &mut Vec<TableError>,
) -> Option<RowInput> {
    let before = errors.len();
    let mut input = IndicatorInput::default();
    let mut part_of = None;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        if let Some(e) = &cell.error {
            errors.push(TableError::new(
                row,
                &column(i),
                format!("ошибка в ячейке: {e}"),
                "исправьте формулу или впишите значение",
            ));
            continue;
        }
        let Some(Some(field)) = fields.get(i) else {
            errors.push(TableError::new(
                row,
                &column(i),
                format!("значение «{}» вне столбцов", cell.as_value()),
                "впишите значение в столбец с заголовком или добавьте заголовок",
            ));
            continue;
        };
        let numeric = matches!(
            field,
            Field::Target | Field::Actual | Field::Numerator | Field::Denominator
        );
        if let (Some(date), true) = (&cell.date, numeric) {
            errors.push(date_in_value(row, &column(i), date));
            continue;
        }
        let value = || Some(cell.as_value()).filter(|v| !v.is_empty());
        match field {
            Field::Id => input.id = cell.as_id(),
            Field::Group => input.group = Some(cell.as_id()),
            Field::Number => input.number = Some(cell.as_id()),
            Field::Name => input.name = cell.as_value(),
            Field::Unit => input.unit = Some(cell.as_value()),
            Field::Target => input.target = cell.as_value(),
            Field::Actual => input.actual = value(),
            Field::Note => input.note = value(),
            Field::PartOf => part_of = Some(cell.as_id()),
            Field::FrameworkId => input.framework_id = Some(cell.as_id()),
            Field::Numerator | Field::Denominator => {
                let n = cell.number.or_else(|| parse_decimal(&cell.text));
                if n.is_none() {
                    errors.push(TableError::new(
                        row,
                        &column(i),
                        format!("не число: «{}»", cell.text),
                        "впишите число, например 12 или 117,5",
                    ));
                }
                if *field == Field::Numerator {
                    input.numerator = n;
                } else {
                    input.denominator = n;
                }
            }
        }
    }
    if let Some(parent) = part_of {
        let part = PartInput {
            label: Some(input.name).filter(|n| !n.is_empty()),
            target: Some(input.target).filter(|t| !t.is_empty()),
            actual: input.actual,
        };
        return (errors.len() == before).then_some(RowInput::Part {
            parent,
            id: input.id,
            part,
        });
    }
    let col_of = |f: Field| {
        fields
            .iter()
            .position(|x| *x == Some(f))
            .map(column)
            .unwrap_or_default()
    };
    if input.id.trim().is_empty() {
        errors.push(TableError::new(
            row,
            &col_of(Field::Id),
            "у показателя нет id".into(),
            "впишите код показателя, например «A1»",
        ));
    }
    if input.name.trim().is_empty() {
        errors.push(TableError::new(
            row,
            &col_of(Field::Name),
            "у показателя нет наименования".into(),
            "впишите наименование показателя",
        ));
    }
    (errors.len() == before).then(|| RowInput::Indicator(Box::new(input)))
}

/// A date where a value is read: Excel in Russian turns a typed «12.5» into 12 May, and
/// the date's serial number (45 000…) would be read as the value.
fn date_in_value(row: usize, column: &str, date: &str) -> TableError {
    TableError::new(
        row,
        column,
        format!("в ячейке дата «{date}», а не число"),
        "Excel превращает в дату число с точкой («12.5»): задайте ячейке формат «Числовой» или «Текстовый» и впишите значение заново (дробную часть — через запятую)",
    )
}

/// `;` unless the header line has more `,` or tabs: Russian Excel writes `;`.
fn guess_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| header.matches(c).count();
    let (semi, comma, tab) = (count(';'), count(','), count('\t'));
    if tab > semi && tab > comma {
        b'\t'
    } else if comma > semi {
        b','
    } else {
        b';'
    }
}

mod cell;
mod file;
mod parts;
mod rows;
mod xlsx;

use cell::Cell;

use file::{file_error, read_capped, wrong_format};
use rows::column_letter;

#[cfg(test)]
mod tests;
