//! Personal data in pages: e-mail addresses and mobile phone numbers of private persons
//! must not be published; official ones are listed in `allowed_contacts`.

use crate::diag::{window, Capped, Diagnostic, Diagnostics, LineIndex, Severity};
use crate::parse::Page;

static EMAIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
        .expect("valid built-in regex")
});

/// A Russian number with a three-digit code: `+7 (914) 123-45-67`, `8-914-123-45-67`,
/// `89141234567`. Numbers with longer (town) codes are written differently and belong
/// to organisations.
static PHONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?:\+7|8)[ \u{a0}-]?\(?[ \u{a0}]?(\d{3})[ \u{a0}]?\)?[ \u{a0}-]?\d{3}[ \u{a0}-]?\d{2}[ \u{a0}-]?\d{2}",
    )
    .expect("valid built-in regex")
});

/// The digits of a phone number as `7XXXXXXXXXX`, for comparing spellings.
pub fn phone_key(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        11 if digits.starts_with('8') || digits.starts_with('7') => {
            Some(format!("7{}", &digits[1..]))
        }
        10 => Some(format!("7{digits}")),
        _ => None,
    }
}

/// Mobile numbers in `text` (byte offset, as written): a `9xx` code, not part of a
/// longer run of digits.
pub fn mobile_numbers(text: &str) -> Vec<(usize, &str)> {
    PHONE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let code = c.get(1)?.as_str();
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            (code.starts_with('9') && !glued(before) && !glued(after) && before != Some('+'))
                .then_some((m.start(), m.as_str()))
        })
        .collect()
}

/// Warns about e-mail addresses and mobile phone numbers in pages: those of private
/// persons must not be published; official ones go to `allowed_contacts` in
/// `metodist.toml`. At most [`crate::diag::MAX_PER_KIND`] of each per page, and a count of the rest.
pub fn check_personal_data(pages: &[Page], allowed: &[String], diags: &mut Diagnostics) {
    let allowed_phones: Vec<String> = allowed.iter().filter_map(|a| phone_key(a)).collect();
    for p in pages {
        let lines = std::cell::OnceCell::new();
        let place = |offset: usize| {
            let lines = lines.get_or_init(|| LineIndex::new(&p.text));
            let pos = lines.pos(offset);
            (pos, window(lines.line(pos.line), pos.col))
        };
        let mut emails = Capped::new(diags);
        for m in EMAIL.find_iter(&p.text) {
            if allowed.iter().any(|a| a.eq_ignore_ascii_case(m.as_str())) {
                continue;
            }
            emails.push(|| {
                let (pos, line) = place(m.start());
                Diagnostic::warning(&p.src, format!("адрес электронной почты «{}» будет опубликован", m.as_str()))
                    .at(pos)
                    .snippet(line)
                    .hint("личные адреса публиковать нельзя; адрес организации добавьте в allowed_contacts в metodist.toml")
            });
        }
        emails.finish(
            &p.src,
            Severity::Warning,
            [
                "адрес электронной почты",
                "адреса электронной почты",
                "адресов электронной почты",
            ],
        );
        let mut phones = Capped::new(diags);
        for (start, number) in mobile_numbers(&p.text) {
            if phone_key(number).is_some_and(|k| allowed_phones.contains(&k)) {
                continue;
            }
            phones.push(|| {
                let (pos, line) = place(start);
                Diagnostic::warning(&p.src, format!("номер мобильного телефона «{number}» будет опубликован"))
                    .at(pos)
                    .snippet(line)
                    .hint("личные телефоны публиковать нельзя (персональные данные); телефон организации добавьте в allowed_contacts в metodist.toml")
            });
        }
        phones.finish(
            &p.src,
            Severity::Warning,
            [
                "номер мобильного телефона",
                "номера мобильных телефонов",
                "номеров мобильных телефонов",
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_in_every_spelling() {
        for (text, found) in [
            ("+7 (914) 123-45-67", true),
            ("8 914 123 45 67", true),
            ("8-914-123-45-67", true),
            ("+79141234567", true),
            ("тел. 89141234567.", true),
            ("+7 914 123 4567", true),
            ("8 (395) 212-34-56", false),
            ("8 (39543) 6-12-34", false),
            ("ИНН 389141234567", false),
            ("89141234567890", false),
            ("8 9 10 11 12 13 14 15", false),
            ("2018 914 123 45 67", false),
        ] {
            assert_eq!(!mobile_numbers(text).is_empty(), found, "{text}");
        }
        assert_eq!(phone_key("+7 (914) 123-45-67"), phone_key("89141234567"));
    }
}
