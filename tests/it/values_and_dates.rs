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
