//! Values that passed `check --strict` and were published meaningless (issue 13, second
//! trial): years and dates out of any plausible range, an event ending before it begins,
//! programme years backwards, `paginate = 0`, a `base_url` with a query, credentials, a
//! bad port or a space. Each is now an error at its value.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters.

use crate::check::expect;
use crate::util::site_with;

#[test]
fn implausible_years_and_dates_out_of_order_are_errors() {
    let site = site_with(&[
        // `year: ` is 6 characters: the value at column 7 of line 4.
        (
            "content/reports/god.md",
            "---\nkind: report\ntitle: Отчёт\nyear: 20255\n---\nТекст.\n",
        ),
        // `date: ` is 6 characters: column 7 of line 4.
        (
            "content/news/data.md",
            "---\nkind: news\ntitle: Новость\ndate: 9999-12-31\n---\nТекст.\n",
        ),
        // A nested date: `  - date: ` is 10 characters, column 11 of line 6.
        (
            "content/rmo/zasedanie.md",
            "---\nkind: rmo\ntitle: РМО\ndistrict: usolsky\nmeetings:\n  - date: 01.09.1025\n    topic: Заседание\n---\nТекст.\n",
        ),
        // `end: ` is 5 characters: the end at column 6 of line 5.
        (
            "content/events/seminar.md",
            "---\nkind: event\ntitle: Семинар\ndate: 2025-09-15\nend: 2025-09-01\n---\nТекст.\n",
        ),
        (
            "content/competitions/konkurs.md",
            "---\nkind: competition\ntitle: Конкурс\ndate: 20.03.2025\nend: 10.02.2025\n---\nТекст.\n",
        ),
        // `years: [2027, ` is 14 characters: the second year at column 15 of line 4.
        (
            "content/programmes/nazad.md",
            "---\nkind: programme\ntitle: Программа\nyears: [2027, 2025]\n---\nТекст.\n",
        ),
        // The third year repeats the second: `years: [2025, 2026, ` is 20 characters.
        (
            "content/programmes/povtor.md",
            "---\nkind: programme\ntitle: Программа\nyears: [2025, 2026, 2026]\n---\nТекст.\n",
        ),
        // Right: one day, and an end after the start.
        (
            "content/events/odin-den.md",
            "---\nkind: event\ntitle: Семинар\ndate: 2025-09-15\nend: 2025-09-15\n---\nТекст.\n",
        ),
        (
            "content/programmes/vpered.md",
            "---\nkind: programme\ntitle: Программа\nyears: [1990, 2100]\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/reports/god.md:4:7: ошибка: год «20255» вне допустимого диапазона",
        &["= подсказка: год пишется четырьмя цифрами, от 1990 до 2100"],
    );
    expect(
        &out,
        "content/news/data.md:4:7: ошибка: дата «9999-12-31» вне допустимого диапазона",
        &["= подсказка: год даты — от 1990 до 2100"],
    );
    expect(
        &out,
        "content/rmo/zasedanie.md:6:11: ошибка: дата «01.09.1025» вне допустимого диапазона",
        &[],
    );
    expect(
        &out,
        "content/events/seminar.md:5:6: ошибка: дата окончания 01.09.2025 раньше даты начала 15.09.2025",
        &["| end: 2025-09-01", "= подсказка: начало — в поле date, окончание — в end"],
    );
    expect(
        &out,
        "content/competitions/konkurs.md:5:6: ошибка: дата окончания 10.02.2025 раньше даты начала 20.03.2025",
        &[],
    );
    expect(
        &out,
        "content/programmes/nazad.md:4:15: ошибка: годы программы идут не по порядку: 2025 после 2027",
        &["= подсказка: укажите годы по возрастанию"],
    );
    expect(
        &out,
        "content/programmes/povtor.md:4:21: ошибка: год 2026 повторяется в годах программы",
        &[],
    );
    out.assert_stderr_contains("итого: 7 ошибок, 0 предупреждений");
}

/// `paginate = 0` was read as 1 entry a page.
#[test]
fn a_zero_paginate_is_an_error_at_its_value() {
    let site = site_with(&[
        ("metodist.toml", "title = \"Сайт\"\npaginate = 0\n"),
        (
            "content/pages/a.md",
            "---\nkind: page\ntitle: Страница\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    // `paginate = ` is 11 characters: the value at column 12 of line 2.
    expect(
        &out,
        "metodist.toml:2:12: ошибка: ошибка в настройках: paginate = 0 — число записей на странице списка должно быть больше нуля",
        &["| paginate = 0", "например paginate = 20"],
    );
    out.assert_stderr_contains("итого: 1 ошибка, 0 предупреждений");
}

/// A section's `paginate: 0` was read as 1 too.
#[test]
fn a_zero_paginate_of_a_section_is_an_error_at_its_value() {
    let site = site_with(&[
        (
            "content/pages/_index.md",
            "---\ntitle: Страницы\npaginate: 0\n---\nТекст.\n",
        ),
        (
            "content/pages/a.md",
            "---\nkind: page\ntitle: Страница\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    // `paginate: ` is 10 characters: the value at column 11 of line 3.
    expect(
        &out,
        "content/pages/_index.md:3:11: ошибка: число записей на странице списка должно быть больше нуля",
        &["| paginate: 0", "например 20"],
    );
    out.assert_stderr_contains("итого: 1 ошибка, 0 предупреждений");
}

/// `base_url` is put before every page path of sitemap.xml and the feed: a query or a
/// fragment made «https://metod.example.org/?q=1#frag/competitions/»; credentials, a port
/// past 65535 and a space in the host passed too.
#[test]
fn base_url_is_only_scheme_host_port_and_path() {
    let cases = [
        (
            "https://metod.example.org/?q=1#frag",
            "в адресе сайта запрос «?…» или якорь «#…»: за ними адреса страниц не продолжить",
        ),
        (
            "https://user:pass@metod.example.org/",
            "в адресе сайта имя пользователя или пароль",
        ),
        (
            "https://metod.example.org:99999/",
            "порт «99999» вне диапазона 1–65535",
        ),
        ("https://metod example.org/", "в адресе сайта пробел"),
    ];
    for (base, why) in cases {
        let site = site_with(&[
            (
                "metodist.toml",
                &format!("title = \"Сайт\"\nbase_url = \"{base}\"\n"),
            ),
            (
                "content/pages/a.md",
                "---\nkind: page\ntitle: Страница\n---\nТекст.\n",
            ),
        ]);
        let out = site.run(&["build", "{site}", "-o", "{site}/public"]);
        out.assert_code(1);
        // `base_url = ` is 11 characters: the opening quote at column 12 of line 2.
        expect(
            &out,
            &format!("metodist.toml:2:12: ошибка: ошибка в настройках: недопустимый base_url «{base}»: {why}"),
            &["= подсказка: base_url — только схема, имя сайта"],
        );
        out.assert_stderr_contains("итого: 1 ошибка, 0 предупреждений");
        site.assert_no_file("public/sitemap.xml");
    }
    // With a path the site lives under it.
    let site = site_with(&[
        (
            "metodist.toml",
            "title = \"Сайт\"\nbase_url = \"https://example.org:8443/metod/\"\n",
        ),
        (
            "content/pages/a.md",
            "---\nkind: page\ntitle: Страница\n---\nТекст.\n",
        ),
    ]);
    site.build_ok();
    site.assert_contains(
        "public/sitemap.xml",
        "<loc>https://example.org:8443/metod/pages/a/</loc>",
    );
}
