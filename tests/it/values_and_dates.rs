//! Values that are not one number and dates that contradict the document (issue 15
//! §4, §5): a change «с 14 до 19 чел.» is compared by its end and its direction, a value
//! left as text is «нет данных» with a warning saying why, and dates after the report's
//! `as_of` or the build are warnings at their place.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters.

use crate::check::expect;
use crate::util::{site_with, status};

/// A 2026 report whose values are a year list, a change and a bare number.
const CHANGES: &str = "---
kind: report
title: Изменения
year: 2026
indicators:
  - id: R1
    name: Эксперты
    target: \"рост\"
    actual: \"2025 — 14 чел., 2026 — 19 чел.\"
  - id: R2
    name: Наставники
    target: \"не менее 18 чел.\"
    actual: \"рост: с 19 до 14 чел.\"
  - id: R3
    name: Участники
    target: \"Позитивная динамика количества педагогов\"
    actual: \"19 чел.\"
---
Текст.
";

/// «рост: с 19 до 14 чел.» was read as 19 and «достигнут» against «не менее 18»; a
/// direction target met by a bare number was «нет данных» with nothing said.
#[test]
fn changes_are_compared_by_their_end_and_direction() {
    let site = site_with(&[("content/reports/izmeneniya.md", CHANGES)]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(0);
    // Line 17 is «    actual: "19 чел."»: `    actual: "` is 13 characters, column 14.
    expect(
        &out,
        "content/reports/izmeneniya.md:17:14: предупреждение: показатель R3, поле actual: цель — «положительная динамика», а факт не говорит, как изменилось значение: статус «нет данных»",
        &["= подсказка: укажите изменение: «рост: с 14 до 19 чел.»"],
    );
    out.assert_stderr_contains("итого: 0 ошибок, 1 предупреждение");
    site.build_ok();
    let html = site.read("public/reports/izmeneniya/index.html");
    // 14 in 2025 → 19 in 2026: a rise, as asked.
    assert_eq!(status(&html, "R1"), "achieved");
    // The end, 14, is below 18; 19 is where it started.
    assert_eq!(status(&html, "R2"), "not-achieved");
    assert_eq!(status(&html, "R3"), "no-data");
}

/// A report whose activities are dated after its `as_of`, outside their period, and one
/// whose note names the day (the document's own error, kept as written).
const DATED: &str = "---
kind: report
title: Даты отчёта
year: 2025
as_of: 2025-11-30
activities:
  - n: \"1\"
    title: Семинар
    period: \"сентябрь 2025\"
    result: \"Проведён 25.08.2026 г.\"
  - n: \"2\"
    title: Совещание
    period: \"2023–2024 годы\"
    result: \"Проведено 12.11.2025.\"
  - n: \"3\"
    title: Конкурс
    period: \"в течение года\"
    result: \"Приказ от 18.12.2025 г.\"
    note: \"Приказ датирован 18.12.2025 — так в документе.\"
---
Текст.
";

/// Dates were never checked against the document: a report «as of» 2099, a seminar in
/// 2026 in a report made on 30.11.2025, a fact of 2025 for a 2023–2024 activity, an
/// event of 2026 dated 2025 all passed `check --strict`.
#[test]
fn dates_that_contradict_the_document_are_warnings_at_the_date() {
    let site = site_with(&[
        ("content/reports/daty.md", DATED),
        (
            "content/reports/budushchee.md",
            "---\nkind: report\ntitle: Отчёт из будущего\nyear: 2025\nas_of: 2099-12-31\n---\nТекст.\n",
        ),
        (
            "content/events/seminar.md",
            "---\nkind: event\ntitle: Семинар\ndate: 2025-08-25\nyear: 2026\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(0);
    // Line 10: `    result: "` is 13 characters and «Проведён » 9 more: column 23.
    expect(
        &out,
        "content/reports/daty.md:10:23: предупреждение: мероприятие 1: дата «25.08.2026» позже даты отчёта (as_of: 30.11.2025)",
        &["= подсказка: отчёт не может описывать то, что было после даты", "процитируйте дату в note"],
    );
    // Line 14: «Проведено » is 10 characters after the 13: column 24.
    expect(
        &out,
        "content/reports/daty.md:14:24: предупреждение: мероприятие 2: дата «12.11.2025» в факте вне срока мероприятия «2023–2024 годы»",
        &[],
    );
    // Line 18: «Приказ от » is 10 characters after the 13: column 24.
    expect(
        &out,
        "content/reports/daty.md:18:24: предупреждение: мероприятие 3: дата «18.12.2025» позже даты отчёта",
        &["так в документе — отмечено в note мероприятия"],
    );
    // `as_of: ` is 7 characters: column 8 of line 5.
    expect(
        &out,
        "content/reports/budushchee.md:5:8: предупреждение: дата отчёта as_of 31.12.2099 позже даты сборки",
        &["проверьте год"],
    );
    // `year: ` is 6 characters: column 7 of line 5.
    expect(
        &out,
        "content/events/seminar.md:5:7: предупреждение: год 2026 не совпадает с годом даты 25.08.2025",
        &[],
    );
    out.assert_stderr_contains("итого: 0 ошибок, 5 предупреждений");
    // --strict fails on the four unexplained; the one the note names stays a warning.
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/reports/daty.md:18:24: предупреждение: мероприятие 3",
        &[],
    );
    out.assert_stderr_contains("итого: 4 ошибки, 1 предупреждение");
}
