//! An indicator file as a whole: its size and what its bytes are.

use super::TableError;
use crate::indicator::number::format_number;
use crate::sniff::Format;
use std::path::Path;

/// The file's bytes; one over [`crate::load::MAX_FILE_BYTES`] is not read, nor a
/// folder or a special file (a named pipe would block the read forever).
pub(super) fn read_capped(path: &Path) -> Result<Vec<u8>, TableError> {
    use std::io::Read;
    let max = crate::load::MAX_FILE_BYTES;
    let too_big = |size: u64| {
        file_error(
            format!(
                "файл слишком большой: {} байт, допустимо не более {} МБ ({} байт)",
                format_number(size as f64),
                max / (1024 * 1024),
                format_number(max as f64)
            ),
            "это не таблица показателей: оставьте в файле только её",
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(file_error(
            "это папка, а не файл".into(),
            "укажите в indicators_file файл .xlsx или .csv",
        ));
    }
    if !meta.is_file() {
        return Err(file_error(
            "это не обычный файл (канал или устройство)".into(),
            "укажите в indicators_file файл .xlsx или .csv",
        ));
    }
    if meta.len() > max {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(&e))?;
    // The file can grow between the check and the read (one still being written).
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A file that is not what its name says, and how to make it one.
pub(super) fn wrong_format(format: Format, book: bool) -> TableError {
    let want = if book {
        "книга Excel (.xlsx)"
    } else {
        "таблица CSV"
    };
    let what = match format {
        Format::Excel97 => "книга Excel 97–2003 (.xls)",
        Format::Word97 => "документ Word 97–2003 (.doc)",
        Format::Ole => "файл Microsoft Office 97–2003 или файл, защищённый паролем",
        Format::Zip => "архив (книга Excel .xlsx или документ Office)",
        Format::Pdf => "документ PDF",
        Format::Rtf => "документ RTF",
        Format::Html => "веб-страница (HTML)",
        Format::Xml => "XML-файл",
        Format::Image(_) => "изображение",
        Format::Other => "текст",
    };
    let hint = match format {
        Format::Zip if !book => "переименуйте файл в .xlsx (и поле indicators_file) или сохраните таблицу как CSV",
        _ => "откройте таблицу в Excel и сохраните как «Книга Excel (*.xlsx)» или «CSV (разделители — точка с запятой)»",
    };
    let name = match format {
        Format::Image(kind) => format!("{what} {kind}"),
        _ => what.to_string(),
    };
    file_error(format!("это {name}, а не {want}"), hint)
}

fn io_error(e: &std::io::Error) -> TableError {
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => "файл не найден".to_string(),
        std::io::ErrorKind::PermissionDenied => "нет прав на чтение файла".to_string(),
        _ => match e.raw_os_error() {
            Some(code) => format!("не удалось прочитать файл (ошибка системы {code})"),
            None => "не удалось прочитать файл".to_string(),
        },
    };
    file_error(message, "проверьте путь к файлу")
}

/// A problem with the file as a whole.
pub(super) fn file_error(message: String, hint: &str) -> TableError {
    TableError::new(0, "", message, hint)
}
