//! URLs broken across page ends. Two pieces of a cell are joined without a space only
//! when the first ends inside an address for certain (the address ends with `/`, `.`,
//! `_`, `-`, `=`, `?`, `&`, or with « .» after a host); when the second piece merely
//! looks like an address tail, they are joined with a space and the place is reported.

use std::sync::LazyLock;

use regex::Regex;

use super::review::{short, Review, Topic};

static URL_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:https?://|www\.)\S*?(?:\s\.)?$").expect("valid regex"));
static NEXT_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{N}/%_.\-~]+").expect("valid regex"));

/// Joins `prev` and `next`, two pieces of one cell or paragraph split by a page end.
pub fn join_cells(prev: &str, next: &str, line: usize, review: &mut Review) -> String {
    let (p, n) = (prev.trim_end(), next.trim_start());
    if p.is_empty() {
        return n.to_string();
    }
    if n.is_empty() {
        return p.to_string();
    }
    if let Some(m) = URL_TAIL.find(p) {
        let url = m.as_str();
        let certain = url.ends_with(" .") || url.ends_with(['/', '.', '_', '-', '=', '?', '&']);
        if NEXT_HEAD.is_match(n) {
            if certain {
                let head = p
                    .strip_suffix(" .")
                    .map_or_else(|| p.to_string(), |h| format!("{h}."));
                let joined = format!("{head}{n}");
                let tail = NEXT_HEAD.find(n).map_or("", |m| m.as_str());
                review.add(
                    line,
                    Topic::Url,
                    format!(
                        "адрес, разорванный переносом страницы, склеен: «{}{}»",
                        short(url.trim_end_matches(" ."), 60),
                        short(tail, 40)
                    ),
                );
                return joined;
            }
            review.add(
                line,
                Topic::Url,
                format!(
                    "возможно, разорванный адрес: «{}» + «{}» — оставлено с пробелом, проверьте",
                    short(url, 60),
                    short(n, 40)
                ),
            );
        }
    }
    format!("{p} {n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_only_certain_breaks() {
        let mut r = Review::default();
        assert_eq!(
            join_cells(
                "По плану (http://zhiguo.ucoz .",
                "ru/user/a.pdf)",
                1,
                &mut r
            ),
            "По плану (http://zhiguo.ucoz.ru/user/a.pdf)"
        );
        assert_eq!(
            join_cells("http://uora.ru/images/doc/", "24.pdf", 1, &mut r),
            "http://uora.ru/images/doc/24.pdf"
        );
        assert_eq!(
            join_cells("http://uora.ru/24_от_30.0", "1.2025г. приказ", 1, &mut r),
            "http://uora.ru/24_от_30.0 1.2025г. приказ"
        );
        assert_eq!(r.len(), 3);
        assert_eq!(
            join_cells("Семинар для", "учителей", 1, &mut r),
            "Семинар для учителей"
        );
        assert_eq!(r.len(), 3);
    }
}
