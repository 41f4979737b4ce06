//! The indicator table a page names in `indicators_file`: where it may lie, and its
//! rows with their problems.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::indicator::TableRow;
use crate::parse::Page;

/// Reads `indicators_file` beside the page (CSV or XLSX); problems point at sheet, row
/// and column.
pub(super) fn file_inputs(page: &Page, file: &str, diags: &mut Diagnostics) -> Vec<TableRow> {
    let at_field = |message: String, hint: &str| {
        let at = match file.trim().is_empty() {
            true => page.locate_path("indicators_file"),
            false => page.locate_field("indicators_file", file),
        };
        Diagnostic::error(&page.src, message)
            .at_opt(at)
            .snippet(at.map(|a| page.line_at(a)).unwrap_or_default())
            .hint(hint.to_string())
    };
    if file.trim().is_empty() {
        diags.push(at_field(
            "в поле indicators_file не указан файл".into(),
            "укажите таблицу показателей рядом со страницей, например indicators_file: pokazateli.xlsx, или уберите поле",
        ));
        return Vec::new();
    }
    let dir = page.abs.parent().unwrap_or(std::path::Path::new("."));
    let Some(path) = confined(page, &dir.join(file), file, diags) else {
        return Vec::new();
    };
    let rel = table_path(page, file);
    if !rel.starts_with("content") {
        // `../../../metodist.toml`: a site file, but not a table of the page's.
        let rel = rel.display();
        diags.push(at_field(
            format!("таблица показателей «{file}» лежит вне папки content/ (это {rel})"),
            "положите таблицу рядом со страницей; путь считается от папки страницы, например indicators_file: pokazateli.xlsx",
        ));
        return Vec::new();
    }
    // The rows that could be read go on: their own problems show in the same run.
    let (rows, errors) = crate::indicator::read_indicator_rows_partial(path);
    for e in errors {
        // A problem of the whole file (too big, not a table) has no place in it.
        let place = e.location();
        let message = match place.is_empty() {
            true => e.message.clone(),
            false => format!("{place}: {}", e.message),
        };
        let pos = (e.row > 0).then(|| Pos::new(e.row, e.column_number().unwrap_or(1)));
        diags.push(
            Diagnostic::error(&rel, message)
                .at_opt(pos)
                .hint(e.hint.clone()),
        );
    }
    rows
}

/// The real path of the indicator table `path` named by `file` in `page`, if it lies
/// inside the site and is a regular file; otherwise a diagnostic at the field.
fn confined(
    page: &Page,
    path: &std::path::Path,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<std::path::PathBuf> {
    use crate::confine::{Refusal, SiteRoot};
    // The site root: the page's absolute path less its path under the root.
    let depth = page.src.components().count();
    let root = page.abs.ancestors().nth(depth)?;
    match SiteRoot::new(root).resolve_file(path) {
        Ok(real) => Some(real),
        Err(refusal) => {
            let mut d = refusal.diagnostic(root, Some(&page.src));
            if let Refusal::Special(_) = refusal {
                // Named by the page, so not skipped: the page's indicators would be lost.
                d = Diagnostic::error(
                    &page.src,
                    format!(
                        "«{file}» — папка, канал или устройство, а не файл таблицы показателей"
                    ),
                )
                .snippet(format!("indicators_file: {file}"))
                .hint("укажите в indicators_file файл .xlsx или .csv");
            }
            if let Refusal::Io(..) = refusal {
                d = d.snippet(format!("indicators_file: {file}")).hint(
                    "проверьте имя файла: путь считается от папки страницы, \
                     например indicators_file: pokazateli.xlsx",
                );
            }
            diags.push(d.at_opt(page.locate_field("indicators_file", file)));
            None
        }
    }
}

/// The table `file` named by `page` as the site names it, from the site folder:
/// `content/reports/a/../t.csv` is `content/reports/t.csv`, and an absolute path inside
/// the site is made relative to it.
pub(super) fn table_path(page: &Page, file: &str) -> std::path::PathBuf {
    let depth = page.src.components().count();
    let root = page.abs.ancestors().nth(depth);
    let written = match (std::path::Path::new(file).is_absolute(), root) {
        (true, Some(root)) => std::path::Path::new(file)
            .strip_prefix(root)
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(|_| file.into()),
        _ => page
            .src
            .parent()
            .unwrap_or(std::path::Path::new(""))
            .join(file),
    };
    let shown = written.to_string_lossy().replace('\\', "/");
    match shown.starts_with('/') {
        true => shown.into(),
        false => crate::validate::normalize(&shown).into(),
    }
}
