//! Bare addresses in table cells: a report pastes 115–147-character URLs into its «факт»
//! column, and a cell as wide as such an address pushes the «Статус» column off a phone
//! and off the printed page. The address becomes a link with a short text (host, `…`,
//! the last part of the path), the full address stays in `href` (and in print).

/// The longest last path part shown whole; longer ones are cut with `…`.
const TAIL: usize = 28;

/// `text` escaped for HTML, with every bare `http://` and `https://` address a link:
/// `<a class="url" href="full" title="full"><span>host/…/last</span></a>` (print shows
/// the full address instead of the span). An address [`super::check`]
/// refuses stays text.
pub fn link_bare(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some((start, end)) = next_url(rest) {
        out.push_str(&escape(&rest[..start]));
        let url = &rest[start..end];
        if super::check(url).is_ok() {
            let full = escape(url);
            out.push_str(&format!(
                "<a class=\"url\" href=\"{full}\" title=\"{full}\"><span>{}</span></a>",
                escape(&short(url))
            ));
        } else {
            out.push_str(&escape(url));
        }
        rest = &rest[end..];
    }
    out.push_str(&escape(rest));
    out
}

/// The byte range of the first address in `s`: it starts a word and ends before a space,
/// a quote or an angle bracket, without the punctuation that ends a sentence.
fn next_url(s: &str) -> Option<(usize, usize)> {
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("http").map(|i| from + i) {
        from = at + 4;
        let tail = &lower[at..];
        if !(tail.starts_with("http://") || tail.starts_with("https://")) {
            continue;
        }
        if s[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let len = s[at..]
            .find(|c: char| c.is_whitespace() || "<>\"«»".contains(c))
            .unwrap_or(s.len() - at);
        let mut url = &s[at..at + len];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?']);
            let unbalanced = trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count();
            url = if unbalanced {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if !unbalanced {
                break;
            }
        }
        let host_len = url.find("://").map_or(0, |i| i + 3);
        if url.len() > host_len {
            return Some((at, at + url.len()));
        }
    }
    None
}

/// `host/…/last` (or `host/last`, or `host`): what a reader needs to recognise the link.
fn short(url: &str) -> String {
    let after = url.split_once("://").map_or(url, |(_, r)| r);
    let after = after.split(['?', '#']).next().unwrap_or(after);
    let mut parts = after.split('/').filter(|p| !p.is_empty());
    let host = parts.next().unwrap_or(after);
    let host = host.strip_prefix("www.").unwrap_or(host);
    let rest: Vec<&str> = parts.collect();
    let Some(last) = rest.last() else {
        return host.to_string();
    };
    let last = if last.chars().count() > TAIL {
        let cut: String = last.chars().take(TAIL - 1).collect();
        format!("{cut}…")
    } else {
        (*last).to_string()
    };
    if rest.len() == 1 {
        format!("{host}/{last}")
    } else {
        format!("{host}/…/{last}")
    }
}

/// Escapes text for HTML text and double-quoted attributes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_address_becomes_a_short_link_to_the_full_one() {
        // Seed 000: 146 characters in the «результат» column; the last part is cut to
        // 27 characters and «…».
        let url = "http://uoura.ru/index.php/konkursy-pedagogicheskogo-masterstva/104-rajonnyj-konkurs-uchitel-goda/1516-rajonnyj-konkurs-uchitel-goda-vospitatel-goda";
        let html = link_bare(&format!("Итоги {url}."));
        assert_eq!(
            html,
            format!("Итоги <a class=\"url\" href=\"{url}\" title=\"{url}\"><span>uoura.ru/…/1516-rajonnyj-konkurs-uchit…</span></a>.")
        );
    }

    #[test]
    fn short_texts_by_path_depth() {
        assert_eq!(short("https://www.usolie-raion.ru/"), "usolie-raion.ru");
        assert_eq!(short("https://vk.com/usolie_raion"), "vk.com/usolie_raion");
        assert_eq!(
            short("http://uou.ra.ru/images/plan_pabot/plan_102025.pdf?a=1"),
            "uou.ra.ru/…/plan_102025.pdf"
        );
    }

    #[test]
    fn several_addresses_text_and_markup_escaped() {
        let html = link_bare("<b> (http://a.ru/x), https://b.ru/y; shttp://c.ru http://");
        assert_eq!(
            html,
            "&lt;b&gt; (<a class=\"url\" href=\"http://a.ru/x\" title=\"http://a.ru/x\"><span>a.ru/x</span></a>), \
             <a class=\"url\" href=\"https://b.ru/y\" title=\"https://b.ru/y\"><span>b.ru/y</span></a>; shttp://c.ru http://"
        );
        // A quote cannot leave the attribute; an address in «» ends at the quote mark.
        assert_eq!(
            link_bare("«http://a.ru/x»"),
            "«<a class=\"url\" href=\"http://a.ru/x\" title=\"http://a.ru/x\"><span>a.ru/x</span></a>»"
        );
        assert_eq!(link_bare("нет адресов & всё"), "нет адресов &amp; всё");
    }
}
