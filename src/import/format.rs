//! What the importer reads, told from the bytes and not the file name: a `.docx` (a
//! zip archive) or text. A Word 97 document, a PDF, a picture, RTF, a web page or bytes
//! that are not text are refused with a Russian message saying how to make a `.docx`.

use super::model::{TooLong, MAX_CELLS, MAX_LINES};
use super::review::{Review, Topic};
use super::{docx, model, text, ImportError};
use crate::sniff::{self, Encoding, Format};

/// Largest text export read: the seed documents' exports are 70–330 KB; a `.docx`
/// is bounded by [`docx::LIMITS`] instead.
pub const MAX_TEXT: u64 = crate::load::MAX_FILE_BYTES;

/// Reads a `.docx` or a text export; anything else is an [`ImportError::Format`] or
/// [`ImportError::NotText`].
pub fn read_source(bytes: &[u8], review: &mut Review) -> Result<model::Source, ImportError> {
    let format = sniff::sniff(bytes);
    if format == Format::Zip {
        return Ok(docx::read(bytes)?);
    }
    if let Some(how) = refusal(format) {
        return Err(ImportError::Format(how));
    }
    if bytes.len() as u64 > MAX_TEXT {
        return Err(ImportError::Format(format!(
            "текст больше {} МБ: это не выгрузка документа; разделите его на части",
            MAX_TEXT / (1024 * 1024)
        )));
    }
    let (text, encoding) = sniff::decode(bytes);
    if let Some(n) = sniff::not_text(&text) {
        return Err(ImportError::NotText(n));
    }
    // Checked before the lines are made: a file of line breaks is millions of them.
    if text.matches('\n').count() >= MAX_LINES {
        return Err(TooLong::Lines.into());
    }
    if text.matches('\t').count() > MAX_CELLS {
        return Err(TooLong::Cells.into());
    }
    if encoding == Encoding::Windows1251 {
        review.add(0, Topic::Text, "файл не в UTF-8: прочитан как Windows-1251");
    }
    Ok(text::read(&text))
}

const SAVE_AS: &str = "сохраните как «Документ Word (*.docx)» (Файл → Сохранить как)";

/// What a format is and how to convert it; `None` for what may be text.
fn refusal(format: Format) -> Option<String> {
    let how = match format {
        Format::Zip | Format::Other => return None,
        Format::Word97 => format!(
            "это документ Word 97–2003 (.doc), а импорт читает .docx: откройте его в Word и {SAVE_AS}"
        ),
        Format::Excel97 => "это книга Excel 97–2003 (.xls), а не документ Word: импорт читает документы .docx и текст; таблицу показателей сохраните в Excel как .xlsx и подключите к странице полем indicators_file".into(),
        Format::Ole => format!(
            "это файл Microsoft Office 97–2003 или документ, защищённый паролем: откройте его в Word, снимите пароль и {SAVE_AS}"
        ),
        Format::Pdf => "это PDF, а импорт читает .docx и текст: откройте PDF в Word (Файл → Открыть: Word переведёт его в документ) и сохраните как .docx, или возьмите исходный документ Word".into(),
        Format::Rtf => format!("это документ RTF: откройте его в Word и {SAVE_AS}"),
        Format::Html => format!("это веб-страница (HTML), а не документ Word: откройте её в Word и {SAVE_AS}"),
        Format::Xml => format!(
            "это XML-файл, а не документ Word: если его создал Word, откройте его в Word и {SAVE_AS}"
        ),
        Format::Image(kind) => format!(
            "это изображение {kind}, а не документ: текст с картинки не распознаётся; возьмите исходный документ Word или распознайте текст (например, откройте скан в Word или программе распознавания) и сохраните как .docx"
        ),
    };
    Some(how)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(bytes: &[u8]) -> String {
        match read_source(bytes, &mut Review::default()) {
            Err(e) => e.to_string(),
            Ok(s) => panic!("read as {} items", s.items.len()),
        }
    }

    #[test]
    fn other_formats_say_how_to_convert() {
        assert!(refused(b"%PDF-1.4\n").starts_with("это PDF"));
        assert!(refused(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").starts_with("это изображение PNG"));
        assert!(refused(b"{\\rtf1\\ansi\\deff0 text}").starts_with("это документ RTF"));
        assert!(refused(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0").contains("Office 97–2003"));
    }

    #[test]
    fn text_in_windows_1251_is_read_and_noted() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("План работы\nна 2025 год\n");
        let mut review = Review::default();
        let source = read_source(&bytes, &mut review).unwrap();
        assert_eq!(source.items.len(), 3);
        assert_eq!(review.len(), 1);
    }
}
