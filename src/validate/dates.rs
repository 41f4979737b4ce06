//! Dates and years that read but cannot be meant together: an event that ends before it
//! begins, a programme whose years run backwards. Each is an error at the later field.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Date, Meta};
use crate::parse::Page;

/// Checks the order of a page's dates and years.
pub fn check_page_dates(p: &Page, diags: &mut Diagnostics) {
    let end = match &p.meta {
        Meta::Event(e) => e.end,
        Meta::Competition(c) => c.end,
        _ => None,
    };
    if let (Some(Date(start)), Some(Date(end))) = (p.common.date, end) {
        if end < start {
            diags.push(at(
                p,
                "end",
                format!(
                    "дата окончания {} раньше даты начала {}",
                    crate::ru::short_date(end),
                    crate::ru::short_date(start)
                ),
                "начало — в поле date, окончание — в end; проверьте, не перепутаны ли они и нет ли опечатки в месяце или годе",
            ));
        }
    }
    if let Meta::Programme(pr) = &p.meta {
        let pair = pr.years.windows(2).position(|w| w[1] <= w[0]);
        if let Some(i) = pair {
            let (first, next) = (pr.years[i], pr.years[i + 1]);
            let message = match next == first {
                true => format!("год {next} повторяется в годах программы"),
                false => format!("годы программы идут не по порядку: {next} после {first}"),
            };
            diags.push(at(
                p,
                &format!("years[{}]", i + 1),
                message,
                "укажите годы по возрастанию: первый и последний год программы, например years: [2025, 2027]",
            ));
        }
    }
}

fn at(p: &Page, path: &str, message: String, hint: &str) -> Diagnostic {
    let pos = p.locate_path(path);
    Diagnostic::error(&p.src, message)
        .at_opt(pos)
        .snippet(pos.map(|a| p.line_at(a)).unwrap_or_default())
        .hint(hint)
}
