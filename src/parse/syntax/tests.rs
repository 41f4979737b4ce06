//! Every class of YAML and TOML error we could provoke in a front matter: a Russian
//! message at the line and column where the fix goes. Positions are counted by hand in
//! the file (the front matter starts on line 2, after the fence).

use crate::diag::Pos;
use crate::parse::frontmatter::{parse_front_matter, split};
use std::path::Path;

/// (file text, line, column, start of the message)
type Case = (&'static str, usize, usize, &'static str);

const YAML: &[Case] = &[
    // «tags: » is 6 characters: the bracket is column 7 of line 4 (noticed on line 5).
    (
        "---\nkind: page\ntitle: x\ntags: [a, b\nsummary: y\n---\n",
        4,
        7,
        "скобка «[» не закрыта",
    ),
    // «subject: » is 9 characters.
    (
        "---\nkind: page\ntitle: x\nsubject: {a: b\nsummary: y\n---\n",
        4,
        10,
        "скобка «{» не закрыта",
    ),
    // «title: » is 7 characters: the opening quote is column 8.
    (
        "---\nkind: page\ntitle: \"Кавычка\nsummary: y\n---\n",
        3,
        8,
        "кавычка не закрыта",
    ),
    (
        "---\nkind: page\ntitle: 'Кавычка\nsummary: y\n---\n",
        3,
        8,
        "кавычка не закрыта",
    ),
    // The quote opened on line 3 is closed by the first quote of line 5: the parser
    // failed on line 5 («ожидалось имя поля … в этой и предыдущей строке»).
    (
        "---\nkind: news\ntitle: \"Открыт приём заявок\ndate: 2025-01-20\ntags: [\"конкурс\"]\n---\n",
        3,
        8,
        "кавычка не закрыта в этой строке: значение в кавычках продолжается до кавычки в строке «tags: [\"конкурс\"]»",
    ),
    (
        "---\nkind: news\ntitle: 'Открыт приём заявок\ndate: 2025-01-20\nsummary: 'x'\n---\n",
        3,
        8,
        "кавычка не закрыта в этой строке",
    ),
    // In a list item: «  - name: "» is 11 characters.
    (
        "---\nkind: report\ntitle: x\nindicators:\n  - name: \"Доля\n    id: A1\n    target: \"5 %\"\n---\n",
        5,
        11,
        "кавычка не закрыта в этой строке",
    ),
    // A bracket left open at the end of the text: libyaml says only «ожидалось
    // значение» on the line after. «tags: » is 6 characters.
    (
        "---\nkind: page\ntitle: x\ntags: [\n---\n",
        4,
        7,
        "скобка «[» не закрыта",
    ),
    // «subject: {a: » is 13 characters: the inner bracket is the one left open.
    (
        "---\nkind: page\ntitle: Всё\nsubject: {а: [\n---\n",
        4,
        14,
        "скобка «[» не закрыта",
    ),
    // A quoted value that really spans two lines is no culprit: the bracket is.
    (
        "---\nkind: page\ntitle: \"Длинный\n  заголовок\"\ntags: [a, b\nsummary: y\n---\n",
        5,
        7,
        "скобка «[» не закрыта",
    ),
    // Line 4 «  summary: y» indented under a plain value: its colon is column 10.
    (
        "---\nkind: page\ntitle: x\n  summary: y\n---\n",
        4,
        10,
        "двоеточие в неожиданном месте",
    ),
    // Line 6 « - b» is one space short: the dash is column 2.
    (
        "---\nkind: page\ntitle: x\ntags:\n  - a\n - b\n---\n",
        6,
        2,
        "ожидалось имя поля",
    ),
    // A tab before a key: column 1 of line 3.
    (
        "---\nkind: page\n\ttitle: x\n---\n",
        3,
        1,
        "табуляция вместо пробелов",
    ),
    // The second «title» is line 4.
    (
        "---\nkind: page\ntitle: a\ntitle: b\n---\n",
        4,
        1,
        "поле «title» указано дважды",
    ),
    // «tags: » is 6 characters: the alias is column 7.
    (
        "---\nkind: page\ntitle: x\ntags: *nety\n---\n",
        4,
        7,
        "ссылка «*nety» на метку, которой нет",
    ),
    // «b: &b [» is 7 characters: the first alias is column 8 of line 5.
    (
        "---\nkind: page\ntitle: x\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n",
        5,
        8,
        "ссылки «*» разворачиваются в слишком большой текст",
    ),
    // «year: » is 6 characters.
    (
        "---\nkind: page\ntitle: x\nyear: двадцать\n---\n",
        4,
        7,
        "неверный тип значения: строка \"двадцать\", ожидается целое число",
    ),
    // «title: » is 7 characters.
    (
        "---\nkind: page\ntitle: [a, b]\n---\n",
        3,
        8,
        "неверный тип значения: список, ожидается строка",
    ),
    // «title: Двоеточие» is 16 characters: the second colon is column 17.
    (
        "---\nkind: page\ntitle: Двоеточие: вот\n---\n",
        3,
        17,
        "двоеточие в неожиданном месте",
    ),
    (
        "---\nkind: page\ntitle: x\n@tag: y\n---\n",
        4,
        1,
        "символ, с которого не может начинаться значение",
    ),
    (
        "---\nkind: page\ntitle: x\n- y\n---\n",
        4,
        1,
        "ожидалось имя поля",
    ),
    (
        "---\n- kind\n---\n",
        2,
        1,
        "заголовок страницы должен быть набором полей",
    ),
    // «level: » is 7 characters.
    (
        "---\nkind: page\ntitle: x\nlevel: ДОО\n---\n",
        4,
        8,
        "недопустимое значение «ДОО»",
    ),
    // «summary: "a» is 11 characters: the backslash is column 12.
    (
        "---\nkind: page\ntitle: x\nsummary: \"a\\q\"\n---\n",
        4,
        12,
        "неизвестный знак после «\\» в двойных кавычках",
    ),
    // «summary: "\u» is 12 characters: the digits should start at column 13.
    (
        "---\nkind: page\ntitle: x\nsummary: \"\\u12\"\n---\n",
        4,
        13,
        "после «\\x», «\\u» или «\\U» в двойных кавычках должен идти код символа",
    ),
    // The block scalar's second line « b» is indented less than the first.
    (
        "---\nkind: page\ntitle: x\nsummary: |\n  a\n b\n---\n",
        6,
        2,
        "ожидалось имя поля",
    ),
    // «? » is 2 characters: the list used as a key is column 3 of line 4.
    (
        "---\nkind: page\ntitle: x\n? [a]\n: b\n---\n",
        4,
        3,
        "имя поля — список или набор полей",
    ),
    (
        "---\nkind: page\ntitle: x\n%YAML 1.2\n---\n",
        4,
        1,
        "в заголовке страницы больше одного документа YAML",
    ),
    // «  - date: » is 10 characters; the meeting's missing topic is at its item, col 5.
    (
        "---\nkind: rmo\ntitle: x\nmeetings:\n  - date: 31.02.2025\n---\n",
        5,
        11,
        "несуществующая или неверно записанная дата «31.02.2025»",
    ),
    (
        "---\nkind: rmo\ntitle: x\nmeetings:\n  - date: 31.02.2025\n---\n",
        5,
        5,
        "нет обязательного поля «topic»",
    ),
    // «&» with no name: «summary: &» is 10 characters.
    (
        "---\nkind: page\ntitle: x\nsummary: & y\n---\n",
        4,
        11,
        "после «&» или «*» должно идти имя метки",
    ),
    // An undefined tag handle: «summary: » is 9 characters.
    (
        "---\nkind: page\ntitle: x\nsummary: !a!b y\n---\n",
        4,
        10,
        "неизвестный тег «!…»",
    ),
];

const TOML: &[Case] = &[
    // «tags = » is 7 characters: the bracket is column 8 (noticed at the line's end).
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\ntags = [\"a\", \"b\"\n+++\n",
        4,
        8,
        "скобка «[» не закрыта",
    ),
    // «title = » is 8 characters: the opening quote is column 9.
    (
        "+++\nkind = \"page\"\ntitle = \"x\n+++\n",
        3,
        9,
        "строка не закрыта кавычкой",
    ),
    (
        "+++\nkind = \"page\"\ntitle = 'x\n+++\n",
        3,
        9,
        "строка не закрыта кавычкой",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\ntitle = \"y\"\n+++\n",
        4,
        1,
        "поле «title» указано дважды",
    ),
    // «title » is 6 characters: the «=» is missing at column 7.
    (
        "+++\nkind = \"page\"\ntitle \"x\"\n+++\n",
        3,
        7,
        "ожидался знак «=» после имени поля",
    ),
    // «summary =» is 9 characters; the value is missing from column 10.
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\nsummary =\n+++\n",
        4,
        10,
        "у поля нет значения",
    ),
    (
        "+++\nkind = \"page\"\ntitle = Текст\n+++\n",
        3,
        9,
        "значение без кавычек",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\nyear = \"два\"\n+++\n",
        4,
        8,
        "неверный тип значения: строка \"два\", ожидается целое число",
    ),
    // «[approved» opens a table header at column 1 of line 4.
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\n[approved\n+++\n",
        4,
        1,
        "скобка «[» в заголовке таблицы не закрыта",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\ndate = 2025-13-01\n+++\n",
        4,
        8,
        "неверная дата или время",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\ndate = \"31.02.2025\"\n+++\n",
        4,
        8,
        "несуществующая или неверно записанная дата «31.02.2025»",
    ),
    // «tags = ["a"» is 11 characters: the missing comma is at column 13 (after a space).
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\ntags = [\"a\" \"b\"]\n+++\n",
        4,
        13,
        "между элементами списка нет запятой",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\ntags = [\"a\",, \"b\"]\n+++\n",
        4,
        13,
        "лишняя запятая",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\nтег = \"x\"\n+++\n",
        4,
        1,
        "недопустимое имя поля",
    ),
    // «summary = "a» is 12 characters: the unknown escape is after the backslash.
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\nsummary = \"a\\q\"\n+++\n",
        4,
        14,
        "неизвестный знак после «\\» в двойных кавычках",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\nyear = 01\n+++\n",
        4,
        8,
        "число не может начинаться с нуля",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\nweight = 1.2.3\n+++\n",
        4,
        13,
        "неверно записанное число",
    ),
    // «approved = {doc = "x"» is 21 characters: the brace is column 12.
    (
        "+++\nkind = \"report\"\ntitle = \"x\"\napproved = {doc = \"x\"\n+++\n",
        4,
        12,
        "скобка «{» не закрыта",
    ),
    // An indicator without its required name: at the item, line 4.
    (
        "+++\nkind = \"plan\"\ntitle = \"x\"\n[[indicators]]\nid = \"A1\"\ntarget = \"5 %\"\n+++\n",
        4,
        1,
        "нет обязательного поля «name» (в indicators[0])",
    ),
    (
        "+++\nkind = \"plan\"\ntitle = \"x\"\nindicators = [{id = \"A1\", target = \"5 %\"}]\n+++\n",
        4,
        15,
        "нет обязательного поля «name» (в indicators[0])",
    ),
    (
        "+++\nkind = \"page\"\ntitle = \"x\"\nyear = 99999999999999999999\n+++\n",
        4,
        8,
        "число 99999999999999999999 слишком большое",
    ),
];

fn errors(text: &str) -> Vec<(Pos, String)> {
    let split = split(text).unwrap().unwrap();
    match parse_front_matter(Path::new("content/a.md"), &split) {
        Ok(_) => Vec::new(),
        Err(ds) => ds
            .into_iter()
            .map(|d| (d.pos.unwrap_or_default(), d.message))
            .collect(),
    }
}

fn check(cases: &[Case]) {
    let mut wrong = Vec::new();
    for (text, line, col, message) in cases {
        let got = errors(text);
        let hit = got
            .iter()
            .any(|(p, m)| *p == Pos::new(*line, *col) && m.starts_with(message));
        if !hit {
            wrong.push(format!(
                "{text:?}\n  want {line}:{col} {message}\n  got {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn yaml_errors_are_russian_at_the_place_to_fix() {
    check(YAML);
}

#[test]
fn toml_errors_are_russian_at_the_place_to_fix() {
    check(TOML);
}
