//! Errors tera raises while filling a template (an unknown variable, a filter given the
//! wrong value, a missing macro), in Russian, at the template's file and line.
//!
//! tera 1 keeps no positions in its syntax tree, so the line is that of the first place
//! in the failing template where the named variable, filter, function or macro is used:
//! tera renders in document order, so it is where rendering stopped unless an earlier
//! use was skipped by an `{% if %}`.

use crate::diag::{Diagnostic, Pos};
use crate::load::SourceFile;
use regex::Regex;
use std::path::PathBuf;
use std::sync::LazyLock;

/// A template's file and text: the site's override, or the theme's own.
pub struct TemplateSource {
    /// The file to name in a diagnostic.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// The source of template `name`: the site's `templates/<name>` if it has one, else the
/// theme's.
pub fn source(
    name: &str,
    overrides: &[SourceFile],
    theme: &include_dir::Dir<'_>,
) -> Option<TemplateSource> {
    let rel = PathBuf::from("templates").join(name);
    if let Some(f) = overrides.iter().find(|f| f.rel == rel) {
        return Some(TemplateSource {
            path: f.rel.clone(),
            text: f.text.clone(),
        });
    }
    let f = theme.get_file(&rel)?;
    Some(TemplateSource {
        path: PathBuf::from("themes/default").join(&rel),
        text: f.contents_utf8()?.to_string(),
    })
}

/// What tera's parser expected, as it names it (longest names first).
const EXPECTED: [(&str, &str); 40] = [
    (
        "a filter section (`{% filter something %}...{% endfilter %}`)",
        "раздел фильтра",
    ),
    (
        "an identifier, string or integer inside `[]`s",
        "имя, строка или число в [ ]",
    ),
    (
        "an array of values with an optional filter",
        "список значений",
    ),
    ("an expression with an optional filter", "выражение"),
    (
        "an identifier (must start with a-z)",
        "имя (с латинской буквы)",
    ),
    ("a string or a concatenation of strings", "строка"),
    ("an endfilter tag (`{% endfilter %}`)", "{% endfilter %}"),
    (
        "an include tag (`{% include \"...\" %}`)",
        "{% include \"…\" %}",
    ),
    ("an endfor tag (`{% endfor %}`)", "{% endfor %}"),
    ("an endif tag (`{% endif %}`)", "{% endif %}"),
    ("a comment tag (`{#...#}`)", "комментарий {# … #}"),
    ("a variable tag (`{{ ... }}`)", "вставка {{ … }}"),
    ("a comment start (`{#`)", "начало комментария {#"),
    ("a variable start (`{{`)", "начало вставки {{"),
    ("a comment end (`#}`)", "конец комментария #}"),
    ("a variable end (`}}`)", "конец вставки }}"),
    ("a tag end (`%}`)", "конец тега %}"),
    ("a tag start (`{%`)", "начало тега {%"),
    ("a concatenation of strings", "склейка строк"),
    ("a value that can be negated", "значение после not"),
    ("a mathematical operator", "знак действия"),
    ("a comparison operator", "знак сравнения"),
    ("a macro function call", "вызов макроса"),
    ("an array of strings", "список строк"),
    ("an array of values", "список значений"),
    ("a comparison value", "значение для сравнения"),
    ("a function call", "вызов функции"),
    ("a macro function", "макрос"),
    ("a negated test", "проверка с not"),
    ("a continue tag", "{% continue %}"),
    ("an expression", "выражение"),
    ("a break tag", "{% break %}"),
    ("a test call", "проверка"),
    ("an `elif` tag", "{% elif %}"),
    ("an `else` tag", "{% else %}"),
    ("an `if` tag", "{% if %}"),
    ("an integer", "целое число"),
    ("a template", "шаблон"),
    ("a string", "строка"),
    ("a filter", "фильтр"),
];

/// tera's `= expected a, b, or c` in Russian: «ожидалось: a, b или c».
pub fn expected_in_russian(line: &str) -> String {
    let line = line.trim().trim_start_matches('=').trim();
    let (lead, rest) = match line.strip_prefix("unexpected ") {
        Some(r) => ("здесь не может быть:", r),
        None => ("ожидалось:", line.strip_prefix("expected ").unwrap_or(line)),
    };
    let mut rest = rest.to_string();
    for (en, ru) in EXPECTED {
        rest = rest.replace(en, ru);
    }
    for (en, ru) in [
        ("a value", "значение"),
        ("a float", "число"),
        ("a test", "проверка"),
        ("an identifier", "имя"),
    ] {
        rest = rest.replace(en, ru);
    }
    let rest = rest.replace(", or ", " или ").replace(" or ", " или ");
    format!("{lead} {rest}")
}

/// What went wrong, in Russian, and what to look for in the template to find the line.
struct Translated {
    message: String,
    hint: String,
    needle: Option<Regex>,
}

struct Rule {
    re: Regex,
    message: &'static str,
    hint: &'static str,
    /// The pattern of the use in the template; `$1` is the first capture, escaped.
    needle: Option<&'static str>,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let r = |re: &str, message, hint, needle| Rule {
        re: Regex::new(re).expect("valid built-in regex"),
        message,
        hint,
        needle,
    };
    let var = Some(r"\{[{%][^}]*?(?:^|[^\w.])$1(?:[^\w]|$)");
    vec![
        r(
            r"Variable `([^`]+)` not found in context",
            "переменной «$1» нет среди данных страницы",
            "проверьте имя; поля страницы доступны как page.<поле>; необязательное поле проверяйте так: {% if page.поле %}…{% endif %}",
            var,
        ),
        r(
            r"Variable `([^`]+)` was used in a math operation but is not a number",
            "переменная «$1» участвует в вычислении, но это не число",
            "проверьте, что поле — число, или уберите вычисление",
            var,
        ),
        r(
            r"Filter call '([^']+)' failed: Filter `[^`]+` was called on an incorrect value: got `(.*)` but expected an? (.+)$",
            "фильтр «$1» получил неподходящее значение $2",
            "фильтр «$1» работает со значением другого вида ($3); проверьте, к чему он применён",
            Some(r"\|\s*$1\b"),
        ),
        r(
            r"Filter call '([^']+)' failed: Filter `[^`]+` received an incorrect type for arg `([^`]+)`: got `(.*)` but expected an? (.+)$",
            "у фильтра «$1» неверный аргумент «$2»: $3",
            "аргумент «$2» фильтра «$1» должен быть другого вида ($4)",
            Some(r"\|\s*$1\b"),
        ),
        r(
            r"Filter call '([^']+)' failed: (.*)$",
            "фильтр «$1» не сработал",
            "проверьте значение и аргументы фильтра (сообщение tera: «$2»)",
            Some(r"\|\s*$1\b"),
        ),
        r(
            r"Filter '([^']+)' not found",
            "нет фильтра «$1»",
            "проверьте имя фильтра; фильтры metodist и tera перечислены в README",
            Some(r"\|\s*$1\b"),
        ),
        r(
            r"Function '([^']+)' not found",
            "нет функции «$1»",
            "проверьте имя функции",
            Some(r"\b$1\s*\("),
        ),
        r(
            r"Function call '([^']+)' failed: (.*)$",
            "функция «$1» не сработала: $2",
            "проверьте аргументы функции",
            Some(r"\b$1\s*\("),
        ),
        r(
            r"Test '([^']+)' not found|Test `([^`]+)` not found",
            "нет проверки «$1»",
            "после is пишется одна из проверок tera: defined, undefined, string, number, containing…",
            Some(r"\bis\s+(?:not\s+)?$1\b"),
        ),
        r(
            r"Forloop containers have to be|Tried to iterate (?:on|using)",
            "по этому значению нельзя пройти циклом for",
            "в {% for x in … %} нужен список или набор полей",
            Some(r"\{%-?\s*for\b"),
        ),
        r(
            r"Macro namespace `([^`]+)` was not found",
            "макросы «$1» не загружены в этом шаблоне",
            "добавьте в начало шаблона {% import \"файл.html\" as $1 %}",
            Some(r"\b$1::"),
        ),
        r(
            r"Macro `([^`]+)` not found",
            "нет макроса «$1»",
            "проверьте имя макроса и файл, из которого он загружен",
            Some(r"$1\s*\("),
        ),
    ]
});

fn translate(full: &str) -> Translated {
    for rule in RULES.iter() {
        let Some(caps) = rule.re.captures(full) else {
            continue;
        };
        let expand = |t: &str| {
            let mut s = String::new();
            caps.expand(t, &mut s);
            s
        };
        let first = caps
            .iter()
            .skip(1)
            .flatten()
            .next()
            .map(|m| m.as_str())
            .unwrap_or_default();
        let needle = rule
            .needle
            .and_then(|n| Regex::new(&n.replace("$1", &regex::escape(first))).ok());
        return Translated {
            message: expand(rule.message).replace("$1", first),
            hint: expand(rule.hint),
            needle,
        };
    }
    let last = full.rsplit(": ").next().unwrap_or(full).trim();
    Translated {
        message: "шаблон не удалось заполнить".into(),
        hint: format!("проверьте имена переменных, фильтров и макросов (сообщение tera: «{last}»)"),
        needle: None,
    }
}

/// The template the error happened in: tera names it after the one being rendered.
fn failing_template<'a>(full: &'a str, rendered: &'a str) -> &'a str {
    static IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\(error happened in '([^']+)'\)").expect("valid built-in regex")
    });
    static WHILE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"while rendering '([^']+)'").expect("valid built-in regex"));
    IN.captures(full)
        .or_else(|| WHILE.captures_iter(full).last())
        .and_then(|c| c.get(1))
        .map_or(rendered, |m| m.as_str())
}

/// A render failure of template `rendered` for `page` (`full` is tera's whole chain),
/// at the failing template's line.
pub fn runtime(
    rendered: &str,
    page: Option<&std::path::Path>,
    full: &str,
    source: impl Fn(&str) -> Option<TemplateSource>,
) -> Diagnostic {
    let name = failing_template(full, rendered);
    let t = translate(full);
    let src = source(name);
    let path = src
        .as_ref()
        .map_or_else(|| PathBuf::from("templates").join(name), |s| s.path.clone());
    let pos = src
        .as_ref()
        .zip(t.needle.as_ref())
        .and_then(|(s, re)| re.find(&s.text).map(|m| Pos::of_offset(&s.text, m.start())));
    let for_page = page.map_or_else(String::new, |p| format!("; страница: {}", p.display()));
    let mut d = Diagnostic::error(
        path,
        format!("ошибка при заполнении шаблона «{name}»: {}", t.message),
    )
    .at_opt(pos)
    .hint(format!("{}{for_page}", t.hint));
    if let (Some(pos), Some(s)) = (pos, &src) {
        let line = s.text.lines().nth(pos.line - 1).unwrap_or_default();
        d = d.snippet(crate::parse::frontmatter::snippet_window(line, pos.col));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> impl Fn(&str) -> Option<TemplateSource> + '_ {
        move |name| {
            Some(TemplateSource {
                path: PathBuf::from("templates").join(name),
                text: text.to_string(),
            })
        }
    }

    #[test]
    fn an_unknown_variable_is_russian_at_its_line() {
        // Line 3 is «<p>{{ page.nope }}</p>»: «<p>» is 3 characters, «{{» is column 4.
        let text = "<h1>{{ page.title }}</h1>\n{# page.nope в комментарии не в счёт? #}\n<p>{{ page.nope }}</p>\n";
        let full = "Failed to render 'a.html': Variable `page.nope` not found in context while rendering 'a.html'";
        let d = runtime(
            "a.html",
            Some(std::path::Path::new("content/a.md")),
            full,
            src(text),
        );
        assert_eq!(d.path, PathBuf::from("templates/a.html"));
        assert_eq!(d.pos, Some(Pos::new(3, 4)));
        assert!(
            d.message.contains("переменной «page.nope» нет"),
            "{}",
            d.message
        );
        assert!(d.hint.unwrap().ends_with("страница: content/a.md"));
    }

    #[test]
    fn what_the_parser_expected_is_russian() {
        let line = "  = expected `or`, `and`, `not`, `<=`, a filter, or a variable end (`}}`)";
        assert_eq!(
            expected_in_russian(line),
            "ожидалось: `or`, `and`, `not`, `<=`, фильтр или конец вставки }}"
        );
    }

    #[test]
    fn the_parent_or_macro_file_is_named() {
        let full = "Failed to render 'h.html' (error happened in 'base.html').: Variable `x` not found in context while rendering 'h.html'";
        assert_eq!(failing_template(full, "h.html"), "base.html");
        let full = "Failed to render 'i.html': error while rendering macro `m::f`: Variable `y` not found in context while rendering 'm.html'";
        assert_eq!(failing_template(full, "i.html"), "m.html");
    }

    #[test]
    fn filter_errors_are_russian() {
        let full = "Failed to render 'f.html': Filter call 'round' failed: Filter `round` was called on an incorrect value: got `\"a\"` but expected a f64";
        let text = "x\n{{ page.title | round }}";
        let d = runtime("f.html", None, full, src(text));
        assert_eq!(d.message, "ошибка при заполнении шаблона «f.html»: фильтр «round» получил неподходящее значение \"a\"");
        assert_eq!(d.pos, Some(Pos::new(2, 15)));
        let d = runtime(
            "p.html",
            None,
            "Failed to render 'p.html': Filter 'date' not found",
            src("{{ a | date }}"),
        );
        assert_eq!(
            d.message,
            "ошибка при заполнении шаблона «p.html»: нет фильтра «date»"
        );
    }
}
