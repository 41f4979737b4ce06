//! How the rows of an indicator table refer to each other: a part («в т. ч.», «Входит
//! в») names its indicator by id, and every id is one indicator.

use super::TableRow;
use crate::indicator::{PartInput, TableError};

/// Puts each part (row, «Входит в», the row's own id, the part) into its indicator;
/// `failed`: ids of rows with errors of their own, whose parts are no errors too.
pub(super) fn attach(
    inputs: &mut [TableRow],
    parts: Vec<(usize, String, String, PartInput)>,
    failed: &[String],
    part_col: &str,
) -> Vec<TableError> {
    let mut errors = Vec::new();
    for (row, parent, id, part) in parts {
        if !id.trim().is_empty() && id.trim() == parent.trim() {
            // Not «no such id»: the id is there, in this very row.
            errors.push(TableError::new(
                row,
                part_col,
                format!("строка не может входить сама в себя: у неё id «{id}» и в «Входит в» тоже «{parent}»"),
                "в «Входит в» пишут id показателя, частью которого строка является (в т. ч., из них); у самого показателя этот столбец пуст",
            ));
            continue;
        }
        match inputs.iter_mut().find(|(_, i)| i.id == parent) {
            Some((_, input)) => input.parts.push(part),
            None if failed.contains(&parent) => {}
            None => errors.push(TableError::new(
                row,
                part_col,
                format!("нет показателя с id «{parent}»"),
                "в столбце «Входит в» укажите id показателя из этой же таблицы",
            )),
        }
    }
    errors
}

/// An id met again: trends, dashboards and links find an indicator by its id.
pub(super) fn duplicate_ids(ids: &[(usize, String)], id_column: &str) -> Vec<TableError> {
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut errors = Vec::new();
    for (row, id) in ids {
        match first.get(id.as_str()) {
            Some(f) => errors.push(TableError::new(
                *row,
                id_column,
                format!("показатель с id «{id}» уже есть в строке {f}"),
                &format!("у каждого показателя свой id; дайте другому показателю другой, например «{id}-2»"),
            )),
            None => {
                first.insert(id, *row);
            }
        }
    }
    errors
}
