//! The review report: every guess the importer made, with the source line, grouped so
//! that a methodist checks them in minutes. Written as `<page>.review.md` beside the
//! page (the site loader skips such files) and printed on the terminal.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What a guess was about; the order is the order of sections in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    /// Title block → front matter.
    FrontMatter,
    /// Personal data removed.
    Privacy,
    /// Indicators.
    Indicator,
    /// Activities.
    Activity,
    /// Table cleaning: headers, continuation rows, column drift.
    Table,
    /// Headings, lists, joined paragraphs.
    Text,
    /// URLs joined or left broken.
    Url,
    /// Schools resolved or unknown.
    School,
    /// HTML converted.
    Html,
}

impl Topic {
    /// The Russian section title.
    pub fn title(self) -> &'static str {
        match self {
            Topic::FrontMatter => "Заголовок страницы (front matter)",
            Topic::Privacy => "Удалённые персональные данные",
            Topic::Indicator => "Показатели",
            Topic::Activity => "Мероприятия",
            Topic::Table => "Таблицы: заголовки, переносы строк, сдвиги столбцов",
            Topic::Text => "Текст: заголовки, списки, склеенные абзацы",
            Topic::Url => "Ссылки",
            Topic::School => "Школы",
            Topic::Html => "HTML",
        }
    }
}

/// One guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Line in the source (paragraph or row number for a `.docx`); 0 = whole document.
    pub line: usize,
    /// What it is about.
    pub topic: Topic,
    /// What was done, in Russian.
    pub message: String,
}

/// Every guess of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    /// The guesses in the order they were made.
    pub items: Vec<Item>,
}

impl Review {
    /// Records a guess.
    pub fn add(&mut self, line: usize, topic: Topic, message: impl Into<String>) {
        self.items.push(Item {
            line,
            topic,
            message: message.into(),
        });
    }

    /// Number of guesses.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing needs checking.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn by_topic(&self) -> BTreeMap<Topic, Vec<&Item>> {
        let mut map: BTreeMap<Topic, Vec<&Item>> = BTreeMap::new();
        for i in &self.items {
            map.entry(i.topic).or_default().push(i);
        }
        for list in map.values_mut() {
            list.sort_by_key(|i| i.line);
        }
        map
    }

    /// The Markdown report: a checklist per topic.
    pub fn markdown(&self, source: &str, page: &str, summary: &[String]) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "# Проверка импорта: {source}\n");
        let _ = writeln!(s, "Страница: `{page}`. Строки — номера строк исходного файла (у .docx — номера абзацев и строк таблиц).\n");
        for line in summary {
            let _ = writeln!(s, "- {line}");
        }
        if self.items.is_empty() {
            s.push_str("\nИмпорт не сделал ни одного предположения.\n");
        }
        for (topic, items) in self.by_topic() {
            let _ = writeln!(s, "\n## {} ({})\n", topic.title(), items.len());
            for i in items {
                let at = if i.line == 0 {
                    "весь документ".to_string()
                } else {
                    format!("строка {}", i.line)
                };
                let _ = writeln!(s, "- [ ] {at}: {}", i.message);
            }
        }
        s
    }

    /// Terminal lines: `source:line: тема: сообщение` (`source: …` for the whole
    /// document: there is no line 0).
    pub fn terminal(&self, source: &str) -> String {
        let mut s = String::new();
        for (topic, items) in self.by_topic() {
            for i in items {
                let at = match i.line {
                    0 => source.to_string(),
                    n => format!("{source}:{n}"),
                };
                let _ = writeln!(s, "{at}: {}: {}", topic.title(), i.message);
            }
        }
        s
    }
}

/// Shortens a text for a message: at most `n` characters, then «…».
pub fn short(text: &str, n: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let cut: String = text.chars().take(n).collect();
        format!("{}…", cut.trim_end())
    }
}
