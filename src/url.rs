//! URLs a methodist types: front-matter links (`materials[].url`) and `base_url`.
//!
//! Only http, https, mailto, tel and relative paths are published. A value is read the
//! way a browser reads it (WHATWG URL parsing: C0 controls and spaces trimmed, tab and
//! line breaks dropped anywhere, scheme case ignored) and also the way a careless
//! consumer might (HTML character references and percent escapes decoded, invisible
//! characters dropped): if any reading starts with another scheme, the value is refused.
//! `check` reports it at the field; templates pass every such URL through the
//! `safe_url` filter, which turns a refused one into `#`.

pub mod bare;
mod decode;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::LazyLock;

/// The schemes a published link may have; Markdown bodies (ammonia) use the same list.
pub const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Schemes whose links run code in a browser (for the wording of the message).
const SCRIPT_SCHEMES: [&str; 5] = ["javascript", "vbscript", "data", "livescript", "mocha"];

/// Why a typed URL is not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing but spaces.
    Empty,
    /// A scheme that is not allowed (lowercased, without the colon).
    Scheme(String),
    /// A control or invisible character.
    Invisible(char),
    /// `//host…` or `\\host…`: another site, with the scheme of the page.
    NoScheme,
    /// A backslash: a Windows path, or a way to spell `//`.
    Backslash,
    /// `base_url` must be a full http(s) address.
    NotAbsolute,
    /// `base_url` with a user name or password (`user:pass@`).
    Credentials,
    /// `base_url` with a query or fragment: page paths cannot follow it.
    QueryOrFragment,
    /// `base_url` with a port outside 1–65535 (as typed).
    Port(String),
    /// `base_url` whose host is no host name (as typed, or empty).
    Host(String),
    /// `base_url` with a space.
    Space,
}

impl Refusal {
    /// What is wrong, in Russian, after the offending text.
    pub fn reason(&self) -> String {
        match self {
            Refusal::Empty => "адрес пуст".into(),
            Refusal::Scheme(s) if SCRIPT_SCHEMES.contains(&s.as_str()) => {
                format!("адрес со схемой «{s}:» запускает программу в браузере")
            }
            Refusal::Scheme(s) if s.len() == 1 => {
                format!("«{}:» — это диск компьютера, а не адрес", s.to_uppercase())
            }
            Refusal::Scheme(s) => format!("схема «{s}:» не из разрешённых"),
            Refusal::Invisible(c) => {
                format!("в адресе невидимый символ U+{:04X}", u32::from(*c))
            }
            Refusal::NoScheme => "адрес начинается с «//»: без схемы он ведёт на чужой сайт".into(),
            Refusal::Backslash => "в адресе обратная косая черта «\\»".into(),
            Refusal::NotAbsolute => "это не полный адрес сайта".into(),
            Refusal::Credentials => "в адресе сайта имя пользователя или пароль".into(),
            Refusal::QueryOrFragment => {
                "в адресе сайта запрос «?…» или якорь «#…»: за ними адреса страниц не продолжить"
                    .into()
            }
            Refusal::Port(p) => format!("порт «{p}» вне диапазона 1–65535"),
            Refusal::Host(h) if h.is_empty() => "в адресе нет имени сайта".into(),
            Refusal::Host(h) => format!("«{h}» — не имя сайта"),
            Refusal::Space => "в адресе сайта пробел".into(),
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> String {
        match self {
            Refusal::Empty => "укажите адрес или уберите поле".into(),
            Refusal::Scheme(s) if s.len() == 1 => {
                "положите файл рядом со страницей и укажите его имя, например «plan.pdf»".into()
            }
            Refusal::Invisible(_) => format!(
                "наберите адрес заново: такие символы приходят при копировании; {}",
                ALLOWED_HINT
            ),
            Refusal::NoScheme => "начните адрес с https://".into(),
            Refusal::Backslash => "папки в адресе разделяются прямой косой чертой «/»".into(),
            Refusal::NotAbsolute => {
                "base_url — полный адрес сайта, например «https://metod.example.org/»".into()
            }
            Refusal::QueryOrFragment | Refusal::Port(_) | Refusal::Host(_) | Refusal::Space => {
                BASE_HINT.into()
            }
            Refusal::Credentials => {
                format!("{BASE_HINT}; пароль в настройках увидит каждый, кто читает файлы сайта")
            }
            Refusal::Scheme(s) if SCRIPT_SCHEMES.contains(&s.as_str()) => ALLOWED_HINT.into(),
            Refusal::Scheme(_) => {
                format!("{ALLOWED_HINT} (если это имя файла с двоеточием, начните его с «./»)")
            }
        }
    }
}

/// How `base_url` is written.
const BASE_HINT: &str = "base_url — только схема, имя сайта, при необходимости порт и путь, например «https://metod.example.org/» или «https://example.org:8443/metod/»";

/// The hint every refused link shares.
pub const ALLOWED_HINT: &str = "адрес должен начинаться с https://, http://, mailto: или tel:, или быть путём к файлу рядом со страницей";

/// The scheme a browser reads from `raw` (WHATWG URL parsing), lowercased; `None` for a
/// relative reference.
pub fn browser_scheme(raw: &str) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        if c == ':' {
            return (!scheme.is_empty()).then(|| scheme.to_ascii_lowercase());
        }
        let fits = if scheme.is_empty() {
            c.is_ascii_alphabetic()
        } else {
            c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')
        };
        if !fits {
            return None;
        }
        scheme.push(c);
    }
    None
}

/// Characters no address needs: controls, invisible formatting, spaces other than the
/// plain one.
static INVISIBLE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"[\p{Cc}\p{Cf}\p{Z}&&[^ ]]").expect("valid built-in regex")
});

/// The scheme of `s` once invisible characters are dropped; a plain space still ends it.
fn loose_scheme(s: &str) -> Option<String> {
    let visible = INVISIBLE.replace_all(s, "");
    browser_scheme(visible.trim())
}

/// Checks a link a methodist typed: `Ok` if it may be published.
pub fn check(raw: &str) -> Result<(), Refusal> {
    if raw.trim().is_empty() {
        return Err(Refusal::Empty);
    }
    for reading in decode::readings(raw) {
        if let Some(s) = loose_scheme(&reading) {
            if !SCHEMES.contains(&s.as_str()) {
                return Err(Refusal::Scheme(s));
            }
        }
    }
    if let Some(m) = INVISIBLE.find(raw) {
        return Err(Refusal::Invisible(
            m.as_str().chars().next().unwrap_or('\0'),
        ));
    }
    let seen: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    if browser_scheme(raw).is_none() && seen.starts_with("//") {
        return Err(Refusal::NoScheme);
    }
    if raw.contains('\\') {
        return Err(Refusal::Backslash);
    }
    Ok(())
}

/// Checks `base_url`: empty (unknown) or a full http(s) address of a site — scheme, host,
/// a port in 1–65535 and a path; no user name or password, query, fragment or space
/// (sitemap and feed append page paths to it).
pub fn check_base(raw: &str) -> Result<(), Refusal> {
    if raw.is_empty() {
        return Ok(());
    }
    check(raw)?;
    let lower = raw.to_ascii_lowercase();
    let Some(rest) = ["https://", "http://"]
        .iter()
        .find_map(|s| lower.starts_with(s).then(|| &raw[s.len()..]))
    else {
        return Err(Refusal::NotAbsolute);
    };
    if raw.contains(' ') {
        return Err(Refusal::Space);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(Refusal::Credentials);
    }
    if authority.is_empty() {
        // «https:///metod/»: a browser would take «metod» for the host; write it so.
        return Err(Refusal::Host(String::new()));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, _)) if !h.ends_with(']') && h.starts_with('[') => (authority, ""),
        Some((h, p)) => (h, p),
        None => (authority, ""),
    };
    let parsed = url::Url::parse(raw).map_err(|e| match e {
        url::ParseError::InvalidPort => Refusal::Port(port.to_string()),
        _ => Refusal::Host(host.to_string()),
    })?;
    if parsed.port() == Some(0) {
        return Err(Refusal::Port(port.to_string()));
    }
    // A domain's labels are letters, digits and inner hyphens («a..b», «-x-.org» are no
    // names, though a browser would try them).
    let label_ok = |l: &str| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-');
    let domain_ok = match parsed.host() {
        Some(url::Host::Domain(d)) => d.trim_end_matches('.').split('.').all(label_ok),
        Some(_) => true,
        None => false,
    };
    if !domain_ok {
        return Err(Refusal::Host(host.to_string()));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Refusal::QueryOrFragment);
    }
    Ok(())
}

/// `raw` with controls and invisible characters shown, for a message.
pub fn visible(raw: &str) -> String {
    raw.chars()
        .map(|c| match crate::diag::control_symbol(c) {
            Some(symbol) => symbol.to_string(),
            None if INVISIBLE.is_match(c.encode_utf8(&mut [0; 4])) => {
                format!("<U+{:04X}>", u32::from(c))
            }
            None => c.to_string(),
        })
        .collect()
}

/// A link that passed [`check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct LinkUrl(String);

impl LinkUrl {
    /// The address as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LinkUrl {
    type Error = Refusal;
    fn try_from(raw: String) -> Result<LinkUrl, Refusal> {
        check(&raw).map(|()| LinkUrl(raw))
    }
}

/// A `base_url` that passed [`check_base`]; empty when the site's address is unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The address as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for BaseUrl {
    type Error = Refusal;
    fn try_from(raw: String) -> Result<BaseUrl, Refusal> {
        check_base(&raw).map(|()| BaseUrl(raw))
    }
}

/// A URL field as read: the checked value, or the refused text kept for its diagnostic.
/// A refused value is never published (it serializes as nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlField<T> {
    /// Passed the check.
    Ok(T),
    /// Refused: the text as typed and why.
    Refused(String, Refusal),
}

impl<T> UrlField<T> {
    /// The checked value, if it passed.
    pub fn value(&self) -> Option<&T> {
        match self {
            UrlField::Ok(v) => Some(v),
            UrlField::Refused(..) => None,
        }
    }

    /// The refused text and why, if refused.
    pub fn refused(&self) -> Option<(&str, &Refusal)> {
        match self {
            UrlField::Ok(_) => None,
            UrlField::Refused(raw, why) => Some((raw, why)),
        }
    }
}

impl<T: Default> Default for UrlField<T> {
    fn default() -> Self {
        UrlField::Ok(T::default())
    }
}

impl<T: Serialize> Serialize for UrlField<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            UrlField::Ok(v) => v.serialize(s),
            UrlField::Refused(..) => s.serialize_none(),
        }
    }
}

impl<'de, T: TryFrom<String, Error = Refusal>> Deserialize<'de> for UrlField<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Ok(match T::try_from(raw.clone()) {
            Ok(v) => UrlField::Ok(v),
            Err(why) => UrlField::Refused(raw, why),
        })
    }
}

impl<T> JsonSchema for UrlField<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Url".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Адрес: https://…, http://…, mailto:…, tel:… или путь к файлу рядом со страницей"
        })
    }
}

#[cfg(test)]
pub(crate) mod tests;
