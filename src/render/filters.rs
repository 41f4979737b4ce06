//! Tera filters and functions for Russian text (dates, plurals, numbers) and for URLs.

use std::collections::HashMap;
use tera::{Result, Tera, Value};

/// Registers every filter and function on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("date_ru", date_ru);
    tera.register_filter("num", num);
    tera.register_filter("safe_url", SafeUrl);
    tera.register_filter("link_urls", LinkUrls);
    tera.register_function("plural", plural);
    super::sandbox::register(tera);
}

/// `{{ "2025-11-21" | date_ru }}` → «21 ноября 2025 г.».
fn date_ru(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let s = v.as_str().unwrap_or_default();
    Ok(Value::String(
        crate::ru::parse_date(s)
            .map(crate::ru::long_date)
            .unwrap_or_else(|| s.to_string()),
    ))
}

/// `{{ 10.5 | num }}` → «10,5».
fn num(v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(Value::String(match v.as_f64() {
        Some(f) if f.fract() == 0.0 => format!("{}", f as i64),
        Some(f) => format!("{f}").replace('.', ","),
        None => v.as_str().unwrap_or_default().to_string(),
    }))
}

/// `<a href="{{ x.url | safe_url }}">`: the URL escaped for an attribute if
/// [`crate::url::check`] lets it through, `#` otherwise. The second line of defence
/// behind `check`: every template attribute that carries a typed URL goes through it.
struct SafeUrl;

impl tera::Filter for SafeUrl {
    fn filter(&self, v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
        Ok(Value::String(safe_url(v)))
    }

    /// The filter escapes by itself (for an attribute), so tera must not escape again.
    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ a.result | link_urls }}`: the text escaped, its bare http(s) addresses short
/// links (see [`crate::url::bare::link_bare`]).
struct LinkUrls;

impl tera::Filter for LinkUrls {
    fn filter(&self, v: &Value, _: &HashMap<String, Value>) -> Result<Value> {
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        Ok(Value::String(crate::url::bare::link_bare(&text)))
    }

    /// The filter escapes the text itself.
    fn is_safe(&self) -> bool {
        true
    }
}

fn safe_url(v: &Value) -> String {
    match v.as_str() {
        Some(s) if crate::url::check(s).is_ok() => super::theme::escape_html(s),
        _ => "#".into(),
    }
}

/// `{{ plural(n=5, one="практика", few="практики", many="практик") }}` → «5 практик».
fn plural(args: &HashMap<String, Value>) -> Result<Value> {
    let n = args.get("n").and_then(Value::as_u64).unwrap_or(0);
    let word = |k: &str| {
        args.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (one, few, many) = (word("one"), word("few"), word("many"));
    Ok(Value::String(format!(
        "{n} {}",
        crate::ru::plural(n, &one, &few, &many)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, v: &str) -> String {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("t.html", template).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("v", v);
        tera.render("t.html", &ctx).unwrap()
    }

    #[test]
    fn safe_url_makes_every_vector_inert() {
        for v in crate::url::tests::vectors() {
            assert_eq!(safe_url(&Value::String(v.clone())), "#", "{v:?}");
            assert_eq!(
                render("<a href=\"{{ v | safe_url }}\">", &v),
                "<a href=\"#\">"
            );
        }
        assert_eq!(safe_url(&Value::Null), "#");
        assert_eq!(safe_url(&Value::from(5)), "#");
    }

    #[test]
    fn safe_url_keeps_allowed_urls_escaped_once() {
        for (v, out) in [
            (
                "https://example.org/?a=1&b=\"2\"",
                "https://example.org/?a=1&amp;b=&quot;2&quot;",
            ),
            ("mailto:metod@example.org", "mailto:metod@example.org"),
            ("tel:+73952000000", "tel:+73952000000"),
            ("../plan 2024.pdf", "../plan 2024.pdf"),
            ("x'><script>", "x&#39;&gt;&lt;script&gt;"),
        ] {
            assert_eq!(
                render("<a href=\"{{ v | safe_url }}\">", v),
                format!("<a href=\"{out}\">")
            );
        }
    }

    #[test]
    fn link_urls_escapes_text_once_and_links_addresses() {
        assert_eq!(
            render("<td>{{ v | link_urls }}</td>", "<i>см.</i> http://a.ru/b/c.pdf & javascript:x"),
            "<td>&lt;i&gt;см.&lt;/i&gt; <a class=\"url\" href=\"http://a.ru/b/c.pdf\" title=\"http://a.ru/b/c.pdf\"><span>a.ru/…/c.pdf</span></a> &amp; javascript:x</td>"
        );
    }
}
