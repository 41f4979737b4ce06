//! Russian wording for the English messages of serde, serde_yaml_ng and toml.
//!
//! The parsers' messages follow stable patterns; we translate the common ones and keep
//! the original text for the rest, so nothing is hidden from the user.

use regex::Regex;
use std::sync::LazyLock;

struct Rule {
    re: Regex,
    message: &'static str,
    hint: Option<&'static str>,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let r = |re: &str, message: &'static str, hint: Option<&'static str>| Rule {
        re: Regex::new(re).expect("valid built-in regex"),
        message,
        hint,
    };
    vec![
        r(
            r"missing field `([^`]+)`",
            "нет обязательного поля «$1»",
            Some("добавьте поле «$1» в заголовок страницы"),
        ),
        r(
            r"unknown field `([^`]+)`, expected (?:one of )?(.*)",
            "неизвестное поле «$1»",
            Some("допустимые поля: $2"),
        ),
        r(
            r"unknown field `([^`]+)`, there are no fields",
            "неизвестное поле «$1»",
            Some("здесь полей быть не должно"),
        ),
        r(
            r"unknown variant `([^`]*)`, expected (?:one of )?(.*)",
            "недопустимое значение «$1»",
            Some("допустимые значения: $2"),
        ),
        r(
            r"duplicate (?:field|entry with key|key:?) [`\x22]?([^`\x22]+)[`\x22]?",
            "поле «$1» указано дважды",
            Some("оставьте одно из значений"),
        ),
        r(
            r"invalid type: (.*), expected (.*)",
            "неверный тип значения: $1, ожидается $2",
            None,
        ),
        r(
            r"invalid value: (.*), expected (.*)",
            "недопустимое значение: $1, ожидается $2",
            None,
        ),
        r(
            r"found unexpected end of stream",
            "текст заголовка оборвался",
            Some("проверьте, закрыты ли кавычки и скобки"),
        ),
        r(
            r"found character that cannot start any token",
            "символ, с которого не может начинаться значение",
            Some("заключите значение в кавычки"),
        ),
        r(
            r"did not find expected key",
            "ожидалось имя поля",
            Some("проверьте отступы и кавычки в этой и предыдущей строке"),
        ),
        r(
            r"mapping values are not allowed in this context",
            "двоеточие в неожиданном месте",
            Some("заключите значение с двоеточием в кавычки"),
        ),
        r(
            r"did not find expected '-' indicator",
            "ожидался элемент списка «- …»",
            Some("проверьте отступы элементов списка"),
        ),
        r(
            r"control characters are not allowed",
            "недопустимый невидимый (управляющий) символ",
            Some("удалите его: такие символы попадают в текст при копировании из других программ"),
        ),
        r(
            r"recursion limit exceeded|cannot recurse further|max recursion depth",
            "слишком глубокая вложенность списков или наборов полей",
            Some("так глубоко значения не вкладывают; проверьте парность скобок [ ] и { }"),
        ),
        r(
            r"found a tab character",
            "табуляция вместо пробелов",
            Some("в YAML отступы делаются пробелами"),
        ),
        r(
            r"did not find expected node content",
            "ожидалось значение",
            Some("проверьте кавычки и отступы"),
        ),
        r(
            r"while scanning a quoted scalar",
            "кавычка не закрыта",
            Some("закройте кавычку в конце значения"),
        ),
        r(
            r"invalid string|unterminated|missing closing quote|invalid basic string",
            "строка не закрыта кавычкой",
            Some("закройте кавычку в конце значения"),
        ),
        r(
            r"duplicate key",
            "поле указано дважды",
            Some("оставьте одно из значений"),
        ),
        r(
            r"key with no value|expected `.`, `=`",
            "ожидался знак «=» после имени поля",
            Some("в TOML поле записывается как имя = \"значение\""),
        ),
        r(
            r"invalid (?:table|key)",
            "неверная запись поля",
            Some("в TOML поле записывается как имя = \"значение\""),
        ),
    ]
});

/// Types named in serde messages, in Russian.
const TYPES: [(&str, &str); 14] = [
    ("a string", "строка"),
    ("string", "строка"),
    ("a sequence", "список"),
    ("sequence", "список"),
    ("a map", "набор полей"),
    ("map", "набор полей"),
    ("a boolean", "да/нет (true/false)"),
    ("boolean", "да/нет (true/false)"),
    ("integer", "целое число"),
    ("i32", "целое число"),
    ("u32", "целое неотрицательное число"),
    ("usize", "целое неотрицательное число"),
    ("i64", "целое число"),
    ("floating point", "число"),
];

/// Separates the hint from the message in the errors of our own deserializers
/// («год записан двумя цифрами» + HINT + «2026? …»).
pub const HINT: &str = "\n= ";

/// Turns a parser message into a Russian message and an optional hint.
pub fn russify(raw: &str, syntax: &str) -> (String, Option<String>) {
    let (path, body) = split_path(raw);
    for rule in RULES.iter() {
        if let Some(caps) = rule.re.captures(body) {
            let mut message = String::new();
            caps.expand(rule.message, &mut message);
            let message = translate_types(&message);
            let hint = rule.hint.map(|h| {
                let mut s = String::new();
                caps.expand(h, &mut s);
                s
            });
            return (with_path(path, message), hint);
        }
    }
    // Our own deserializers already speak Russian, and may add a hint.
    if body.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я')) {
        let (message, hint) = match body.split_once(HINT) {
            Some((m, h)) => (m, Some(h.trim().to_string())),
            None => (body, None),
        };
        return (with_path(path, message.to_string()), hint);
    }
    (
        with_path(path, format!("ошибка в записи {syntax}: {body}")),
        Some(format!("проверьте синтаксис {syntax} в этой строке")),
    )
}

// serde_yaml_ng prefixes nested errors with the field path: `indicators[2].target: …`.
fn split_path(raw: &str) -> (Option<&str>, &str) {
    match raw.split_once(": ") {
        Some((p, rest))
            if !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c)) =>
        {
            (Some(p), rest)
        }
        _ => (None, raw),
    }
}

fn with_path(path: Option<&str>, message: String) -> String {
    match path {
        Some(p) => format!("{message} (в {p})"),
        None => message,
    }
}

fn translate_types(s: &str) -> String {
    let mut out = s.to_string();
    for (en, ru) in TYPES {
        if out.ends_with(en) || out.contains(&format!("{en},")) || out.contains(&format!("{en} ")) {
            out = out.replacen(en, ru, 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_field_is_russian() {
        let (m, h) = russify("missing field `title`", "YAML");
        assert_eq!(m, "нет обязательного поля «title»");
        assert!(h.unwrap().contains("title"));
    }

    #[test]
    fn unknown_variant_lists_values() {
        let (m, h) = russify(
            "level[0]: unknown variant `ДОО`, expected one of `ДО`, `НОО`",
            "YAML",
        );
        assert_eq!(m, "недопустимое значение «ДОО» (в level[0])");
        assert!(h.unwrap().contains("`НОО`"));
    }

    #[test]
    fn unknown_messages_keep_the_original() {
        let (m, _) = russify("something odd", "TOML");
        assert!(m.contains("something odd"));
    }
}
