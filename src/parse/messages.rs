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
            r"invalid type: integer `(-?\d+)` as i128",
            "число $1 слишком большое",
            Some("так много не бывает; проверьте, не слились ли два числа"),
        ),
        r(
            r"data did not match any variant of untagged enum",
            "значение записано не так, как ожидается здесь",
            Some("сравните с примером в README или с выводом «metodist schema»"),
        ),
        // An enum (a status, a level) given a list or a number.
        r(
            r"invalid type: (.*), expected a YAML tag starting with '!'",
            "неверный тип значения: $1, ожидается одно из допустимых значений",
            Some("напишите одно значение словом, без скобок, например status: done"),
        ),
        r(
            r"^wanted string or table$",
            "неверный тип значения: ожидается одно из допустимых значений",
            Some("напишите одно значение словом в кавычках, например status = \"done\""),
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
            Some("заключите значение с двоеточием в кавычки или проверьте отступ этой строки"),
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
            r"missing comma between array elements",
            "между элементами списка нет запятой",
            Some("элементы списка разделяются запятыми: [\"а\", \"б\"]"),
        ),
        r(
            r"missing comma between key-value pairs",
            "между полями нет запятой",
            Some("поля внутри { } разделяются запятыми"),
        ),
        r(
            r"extra comma in (?:array|inline table)",
            "лишняя запятая",
            Some("уберите лишнюю запятую"),
        ),
        r(
            r"extra `=`|extra assignment between key-value pairs|unexpected `=` in array",
            "лишний знак «=»",
            Some("в строке пишется одно поле: имя = значение"),
        ),
        r(
            r"string values must be quoted",
            "значение без кавычек",
            Some("в TOML текст берётся в кавычки: title = \"Текст\"; да и нет пишутся как true и false; в строке одно значение"),
        ),
        r(
            r"invalid unquoted key|unquoted keys cannot be empty|missing key for inline table element",
            "недопустимое имя поля",
            Some("имя поля пишется латинскими буквами, цифрами, «-» и «_»"),
        ),
        r(
            r"missing escaped value",
            "неизвестный знак после «\\» в двойных кавычках",
            Some("в двойных кавычках «\\» начинает особый знак: напишите «\\\\» или возьмите значение в одинарные кавычки"),
        ),
        r(
            r"unicode (?:value|hexadecimal)|invalid unicode|too few unicode",
            "после «\\u» или «\\U» в двойных кавычках должен идти код символа",
            Some("напишите «\\\\», если нужна сама обратная косая черта"),
        ),
        r(
            r"invalid (?:multi-line )?(?:basic|literal) string|missing opening quote",
            "строка не закрыта кавычкой",
            Some("закройте кавычку в конце значения"),
        ),
        r(
            r"unexpected leading zero",
            "число не может начинаться с нуля",
            Some("напишите 1 вместо 01; дату — как 2025-11-21"),
        ),
        r(
            r"redundant numeric sign|unexpected sign|integers with a radix cannot be signed",
            "лишний знак у числа",
            Some("у числа бывает один знак: -5 или +5"),
        ),
        r(
            r"`_` may only go between digits",
            "знак «_» в числе допустим только между цифрами",
            Some("напишите число без «_» или возьмите значение в кавычки"),
        ),
        r(
            r"invalid (?:float|integer|number)|radix must be lowercase|redundant integer number prefix",
            "неверно записанное число",
            Some("дробная часть отделяется точкой: 1.5; текст берётся в кавычки"),
        ),
        r(
            r"unclosed array table",
            "скобки «[[» в заголовке таблицы не закрыты",
            Some("заголовок списка таблиц пишется как [[имя]]"),
        ),
        r(
            r"unclosed table|missing table open",
            "скобка «[» в заголовке таблицы не закрыта",
            Some("заголовок таблицы пишется как [имя]"),
        ),
        r(
            r"unclosed inline table|missing inline table opening",
            "скобка «{» не закрыта",
            Some("закройте набор полей скобкой «}» в той же строке"),
        ),
        r(
            r"unclosed array|missing array opening",
            "скобка «[» не закрыта",
            Some("закройте список скобкой «]»; элементы списка разделяются запятыми"),
        ),
        r(
            r"invalid (?:date|time|datetime|offset)|^invalid .*(?:month|day|hour|minute|second)",
            "неверная дата или время",
            Some("дата в TOML пишется как 2025-11-21; или возьмите её в кавычки: \"21.11.2025\""),
        ),
        r(
            r"cannot extend value of type",
            "поле уже задано, в него нельзя добавить вложенное поле",
            Some("уберите одно из определений этого поля"),
        ),
        r(
            r"unexpected content|invalid comment character|unexpected key or value",
            "лишний текст в строке",
            Some("в строке пишется одно поле: имя = значение; комментарий начинается с «#»"),
        ),
        r(
            r"keys cannot be multi-line",
            "имя поля не может занимать несколько строк",
            Some("имя поля пишется в одну строку"),
        ),
        r(
            r"missing value(?: for key)?$|missing value, ",
            "у поля нет значения",
            Some("напишите значение после «=»"),
        ),
        r(
            r"invalid key-value pair|missing assignment between key-value pairs",
            "ожидался знак «=» после имени поля",
            Some("в TOML поле записывается как имя = \"значение\""),
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

/// Types named in serde messages, in Russian (longer names first).
const TYPES: [(&str, &str); 26] = [
    ("any valid TOML value", "значение"),
    ("field identifier", "имя поля"),
    ("unit value", "пустое значение"),
    ("a borrowed string", "строка"),
    ("a string", "строка"),
    ("string", "строка"),
    ("a sequence", "список"),
    ("sequence", "список"),
    ("a map", "набор полей"),
    ("map", "набор полей"),
    ("a boolean", "да/нет (true/false)"),
    ("boolean", "да/нет (true/false)"),
    ("integer", "целое число"),
    ("i8", "целое число"),
    ("i16", "целое число"),
    ("i32", "целое число"),
    ("i64", "целое число"),
    ("u8", "целое неотрицательное число"),
    ("u16", "целое неотрицательное число"),
    ("u32", "целое неотрицательное число"),
    ("u64", "целое неотрицательное число"),
    ("usize", "целое неотрицательное число"),
    ("f32", "число"),
    ("f64", "число"),
    ("floating point", "число"),
    ("option", "значение"),
];

/// `struct Common`, `enum Level`: serde names the Rust type.
static RUST_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:struct|enum|tuple struct|newtype struct) [A-Za-z0-9_]+")
        .expect("valid built-in regex")
});

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
        return (with_path(path, translate_types(message)), hint);
    }
    // A message no rule knows: Russian words, the parser's own in the hint.
    (
        with_path(path, format!("неверная запись {syntax}")),
        Some(format!(
            "проверьте в этой строке кавычки, скобки, отступы и знаки «{}» (сообщение разборщика: «{body}»)",
            if syntax == "TOML" { "=" } else { ":" }
        )),
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

static TYPE_WORDS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    TYPES
        .iter()
        .map(|(en, ru)| {
            let re = Regex::new(&format!(r"\b{}\b", regex::escape(en))).expect("valid regex");
            (re, *ru)
        })
        .collect()
});

/// Translates type names outside quoted values (`"…"`, `` `…` ``, «…»): what the user
/// wrote stays as written.
fn translate_types(s: &str) -> String {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#""(?:[^"\\]|\\.)*"|`[^`]*`|«[^»]*»"#).expect("valid built-in regex")
    });
    let mut out = String::new();
    let mut last = 0;
    let plain = |t: &str| {
        let mut t = RUST_TYPE.replace_all(t, "набор полей").into_owned();
        for (re, ru) in TYPE_WORDS.iter() {
            t = re.replace_all(&t, *ru).into_owned();
        }
        t
    };
    for m in QUOTED.find_iter(s) {
        out.push_str(&plain(&s[last..m.start()]));
        out.push_str(m.as_str());
        last = m.end();
    }
    out.push_str(&plain(&s[last..]));
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
    fn unknown_messages_are_russian_and_keep_the_original_in_the_hint() {
        let (m, h) = russify("something odd", "TOML");
        assert_eq!(m, "неверная запись TOML");
        assert!(h.unwrap().contains("something odd"));
    }

    #[test]
    fn type_names_are_translated_as_whole_words() {
        let (m, h) = russify(
            "activities[3].status: invalid type: sequence, expected a YAML tag starting with '!'",
            "YAML",
        );
        assert_eq!(
            m,
            "неверный тип значения: список, ожидается одно из допустимых значений (в activities[3].status)"
        );
        assert!(h.is_some_and(|h| h.contains("status: done")));
        let (m, _) = russify("wanted string or table", "TOML");
        assert_eq!(
            m,
            "неверный тип значения: ожидается одно из допустимых значений"
        );
        let (m, _) = russify("invalid type: sequence, expected field identifier", "YAML");
        assert_eq!(m, "неверный тип значения: список, ожидается имя поля");
        let (m, _) = russify(
            "approved: invalid type: string \"x\", expected struct Act",
            "YAML",
        );
        assert_eq!(
            m,
            "неверный тип значения: строка \"x\", ожидается набор полей (в approved)"
        );
        // What the user wrote is not translated.
        let (m, _) = russify("invalid type: string \"a map\", expected u32", "YAML");
        assert_eq!(
            m,
            "неверный тип значения: строка \"a map\", ожидается целое неотрицательное число"
        );
    }
}
