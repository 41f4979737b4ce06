//! Site configuration: `metodist.toml` at the site root.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::url::{BaseUrl, UrlField};
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
        }
    }
}

/// Parses the config file, reporting problems with their location.
pub fn parse_config(file: Option<&SourceFile>, diags: &mut Diagnostics) -> Config {
    let Some(file) = file else {
        return Config::default();
    };
    check_base_url(file, diags);
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
        .hint(crate::url::Refusal::NotAbsolute.hint()),
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
}
