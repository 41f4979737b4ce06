//! Rows of an indicator table as they are read, within limits: a file of 100 000 rows,
//! a value in column XFD or a shared string repeated in every cell is an error naming
//! the number, not a page of 93 MB or gigabytes of memory.

use super::{Cell, TableError};
use std::collections::BTreeMap;

/// Most indicator rows (parts included) a table may have: a district's report has a
/// few dozen, a regional framework under two hundred.
pub const MAX_ROWS: usize = 1_000;

/// Most columns: twelve are known, and exports often carry empty ones after them.
pub const MAX_COLUMNS: usize = 64;

/// Most text in the cells kept: a spreadsheet cell may repeat a shared string, so a
/// small file could otherwise expand into gigabytes.
pub const MAX_TEXT: usize = 16 * 1024 * 1024;

/// Rows as the file numbers them, with their cells.
pub(super) type NumberedRows = Vec<(usize, Vec<Cell>)>;

/// Non-empty cells by row; rows past the header and [`MAX_ROWS`] only counted.
#[derive(Default)]
pub(super) struct Rows {
    kept: BTreeMap<usize, Vec<(usize, Cell)>>,
    /// Rows with a value, counted as they change (files list rows in order).
    seen: usize,
    last: Option<usize>,
    text: usize,
}

impl Rows {
    /// A cell at `row` (as the file numbers it) and `col` (from 0); `column` names a
    /// column in errors. Empty cells are dropped.
    pub(super) fn cell(
        &mut self,
        row: usize,
        col: usize,
        cell: Cell,
        column: &dyn Fn(usize) -> String,
    ) -> Result<(), TableError> {
        if cell.is_empty() {
            return Ok(());
        }
        if col >= MAX_COLUMNS {
            return Err(TableError::new(
                row,
                &column(col),
                format!(
                    "значение «{}» за пределами таблицы: в таблице показателей не больше {MAX_COLUMNS} столбцов",
                    cut(&cell.as_value())
                ),
                "удалите значения справа от таблицы",
            ));
        }
        if self.last != Some(row) {
            self.seen += 1;
            self.last = Some(row);
        }
        if !self.kept.contains_key(&row) && self.kept.len() > MAX_ROWS {
            return Ok(());
        }
        self.text += cell.text.len() + cell.error.as_ref().map_or(0, String::len);
        if self.text > MAX_TEXT {
            return Err(TableError::new(
                0,
                "",
                format!("текст таблицы больше {} МБ", MAX_TEXT / (1024 * 1024)),
                "это не таблица показателей: оставьте в файле только её",
            ));
        }
        self.kept.entry(row).or_default().push((col, cell));
        Ok(())
    }

    /// The rows in order, each from column `first` (0, or the first column with a
    /// value when `from_first_value`); more than [`MAX_ROWS`] rows below the header is
    /// an error with their number.
    pub(super) fn finish(
        self,
        from_first_value: bool,
    ) -> Result<(usize, NumberedRows), TableError> {
        let data = self.seen.saturating_sub(1);
        if data > MAX_ROWS {
            return Err(TableError::new(
                0,
                "",
                format!(
                    "в таблице {} строк показателей, допустимо не более {}",
                    crate::indicator::number::format_number(data as f64),
                    crate::indicator::number::format_number(MAX_ROWS as f64)
                ),
                "это не таблица показателей отчёта: оставьте в файле только её или разделите показатели между отчётами",
            ));
        }
        let first = match from_first_value {
            true => self
                .kept
                .values()
                .flat_map(|cells| cells.iter().map(|(c, _)| *c))
                .min()
                .unwrap_or(0),
            false => 0,
        };
        let rows = self
            .kept
            .into_iter()
            .map(|(row, mut cells)| {
                cells.sort_by_key(|(c, _)| *c);
                let width = cells.last().map_or(0, |(c, _)| c + 1 - first);
                let mut dense = vec![Cell::text(""); width];
                for (c, cell) in cells {
                    dense[c - first] = cell;
                }
                (row, dense)
            })
            .collect();
        Ok((first, rows))
    }
}

/// A value shown in a message: at most 40 characters.
fn cut(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Spreadsheet column name of a zero-based index: 0 → «A», 26 → «AA».
pub(super) fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
