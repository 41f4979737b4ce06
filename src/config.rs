//! Site configuration: `metodist.toml` at the site root.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::url::{BaseUrl, Refusal, UrlField};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of one site.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Название сайта.
    pub title: String,
    /// Описание сайта (для главной страницы и ленты).
    pub description: String,
    /// Полный адрес сайта для sitemap.xml и ленты (https://…); ссылки на страницах всегда
    /// относительные.
    pub base_url: UrlField<BaseUrl>,
    /// Тема оформления (папка в themes/).
    pub theme: String,
    /// Сколько записей на странице списка.
    pub paginate: usize,
    /// Сколько записей в ленте новостей.
    pub feed_limit: usize,
    /// Организация, которая ведёт сайт (подвал).
    pub organisation: Option<String>,
    /// Адреса почты и телефоны организаций, которые можно публиковать.
    pub allowed_contacts: Vec<String>,
    /// Строить ли поисковый индекс.
    pub search: bool,
    /// Показывать ли примечания редакции (поле `notes` страниц): свёрнутым блоком после
    /// текста документа; `false` — не показывать.
    pub editorial_notes: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: "Методическая служба".into(),
            description: String::new(),
            base_url: UrlField::default(),
            theme: "default".into(),
            paginate: 20,
            feed_limit: 30,
            organisation: None,
            allowed_contacts: Vec::new(),
            search: true,
            editorial_notes: true,
        }
    }
}

/// Parses the config file, reporting problems with their location.
pub fn parse_config(file: Option<&SourceFile>, diags: &mut Diagnostics) -> Config {
    let Some(file) = file else {
        return Config::default();
    };
    check_base_url(file, diags);
    check_counts(file, diags);
    match crate::parse::data::read_toml::<Config>(&file.text) {
        Ok(c) => c,
        Err(problems) => {
            for p in problems {
                let snippet = file.text.lines().nth(p.pos.line - 1).unwrap_or_default();
                diags.push(
                    Diagnostic::error(&file.rel, format!("ошибка в настройках: {}", p.message))
                        .at(p.pos)
                        .snippet(snippet)
                        .hint(p.hint.unwrap_or_else(|| {
                            "допустимые поля описаны в README, раздел «Команды»".into()
                        })),
                );
            }
            Config::default()
        }
    }
}

/// `paginate = 0` and `feed_limit = 0` were read as 1: a list of one entry a page is no
/// one's intent, so a zero is an error at its value, whether or not the rest of the file
/// reads.
fn check_counts(file: &SourceFile, diags: &mut Diagnostics) {
    let Ok(table) = toml::from_str::<toml::Table>(&file.text) else {
        return;
    };
    let fields = [
        ("paginate", "записей на странице списка", 20),
        ("feed_limit", "записей в ленте новостей", 30),
    ];
    for (field, what, example) in fields {
        if table.get(field).and_then(toml::Value::as_integer) != Some(0) {
            continue;
        }
        let spans = crate::parse::spans::Spans::toml(&file.text);
        let pos = crate::parse::spans::value_pos(&spans, &file.text, field);
        diags.push(
            Diagnostic::error(
                &file.rel,
                format!("ошибка в настройках: {field} = 0 — число {what} должно быть больше нуля"),
            )
            .at_opt(pos)
            .snippet(
                pos.and_then(|p| file.text.lines().nth(p.line - 1))
                    .unwrap_or_default(),
            )
            .hint(format!(
                "укажите, сколько {what}, например {field} = {example}, или уберите поле (по умолчанию {example})"
            )),
        );
    }
}

/// Reports a refused `base_url` at its value, whether or not the rest of the file reads.
fn check_base_url(file: &SourceFile, diags: &mut Diagnostics) {
    /// Only `base_url`, so that another field's error does not hide this one.
    #[derive(Deserialize)]
    struct Base {
        base_url: Option<UrlField<BaseUrl>>,
    }
    let Ok(Base {
        base_url: Some(field),
    }) = toml::from_str::<Base>(&file.text)
    else {
        return;
    };
    let Some((raw, why)) = field.refused() else {
        return;
    };
    let spans = crate::parse::spans::Spans::toml(&file.text);
    let pos = crate::parse::spans::value_pos(&spans, &file.text, "base_url");
    let snippet = pos
        .and_then(|p| file.text.lines().nth(p.line - 1))
        .map(crate::url::visible)
        .unwrap_or_else(|| crate::url::visible(raw));
    diags.push(
        Diagnostic::error(
            &file.rel,
            format!(
                "ошибка в настройках: недопустимый base_url «{}»: {}",
                crate::url::visible(raw),
                why.reason()
            ),
        )
        .at_opt(pos)
        .snippet(snippet)
        .hint(match why {
            Refusal::Credentials
            | Refusal::QueryOrFragment
            | Refusal::Port(_)
            | Refusal::Host(_)
            | Refusal::Space => why.hint(),
            _ => Refusal::NotAbsolute.hint(),
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn every_bad_setting_is_reported_at_once() {
        let file = SourceFile {
            rel: "metodist.toml".into(),
            abs: "/site/metodist.toml".into(),
            text: "title = \"Сайт\"\npaginate = \"много\"\nfeed_limit = -1\nsearch = \"да\"\n"
                .into(),
            modified: None,
        };
        let mut diags = Diagnostics::new();
        parse_config(Some(&file), &mut diags);
        let at: Vec<Option<Pos>> = diags.sorted().iter().map(|d| d.pos).collect();
        // «paginate = », «feed_limit = », «search = »: 11, 13 and 9 characters.
        assert_eq!(
            at,
            [
                Some(Pos::new(2, 12)),
                Some(Pos::new(3, 14)),
                Some(Pos::new(4, 10))
            ],
            "{}",
            diags.report()
        );
    }

    #[test]
    fn a_zero_count_is_an_error_at_its_value() {
        let file = SourceFile {
            rel: "metodist.toml".into(),
            abs: "/site/metodist.toml".into(),
            text: "title = \"Сайт\"\npaginate = 0\nfeed_limit = 0\n".into(),
            modified: None,
        };
        let mut diags = Diagnostics::new();
        let c = parse_config(Some(&file), &mut diags);
        assert_eq!(c.paginate, 0, "the value is read as written");
        let sorted = diags.sorted();
        let at: Vec<(Option<Pos>, &str)> =
            sorted.iter().map(|d| (d.pos, d.message.as_str())).collect();
        // «paginate = » is 11 characters, «feed_limit = » 13.
        assert_eq!(
            at,
            [
                (
                    Some(Pos::new(2, 12)),
                    "ошибка в настройках: paginate = 0 — число записей на странице списка должно быть больше нуля"
                ),
                (
                    Some(Pos::new(3, 14)),
                    "ошибка в настройках: feed_limit = 0 — число записей в ленте новостей должно быть больше нуля"
                ),
            ]
        );
    }
}
