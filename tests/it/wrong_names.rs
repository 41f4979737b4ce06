//! Names that came out wrong (issue 13, second trial): tags of only emoji, `№` or `%`
//! met at `tags/-/` (Greek letters did too; since issue 15 they are transliterated); tags and files named `CON` or `nul` (a site
//! copied to a Windows drive loses them); an attachment `indicators.csv` beside a
//! report was replaced by the report's open data; `Thumbs.db` and `desktop.ini` were
//! published; «COШ № 2O» (Latin C and O) stayed plain text instead of naming its school.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters.

use crate::check::expect;
use crate::util::site_with;

#[test]
fn terms_and_pages_that_make_no_folder_are_errors() {
    let site = site_with(&[
        // `  - ` is 4 characters: every tag at column 5 (a quoted one at its quote).
        (
            "content/pages/metki.md",
            "---\nkind: page\ntitle: Метки\ntags:\n  - \"🎉\"\n  - αβγ\n  - \"№\"\n  - \"%\"\n  - CON\n  - nul\n  - Обычная метка\n---\nТекст.\n",
        ),
        // `subject: ` is 9 characters: the quote at column 10.
        (
            "content/pages/predmet.md",
            "---\nkind: page\ntitle: Предмет\nsubject: \"☀\"\n---\nТекст.\n",
        ),
        ("content/pages/con.md", "---\nkind: page\ntitle: Консультация\n---\nТекст.\n"),
    ]);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    let page = "content/pages/metki.md";
    for (line, tag) in [(5, "🎉"), (7, "№"), (8, "%")] {
        expect(
            &out,
            &format!("{page}:{line}:5: ошибка: из метки «{tag}» не получается адрес: в ней нет ни букв, ни цифр"),
            &["или уберите метку"],
        );
    }
    for (line, tag, slug) in [(9, "CON", "con"), (10, "nul", "nul")] {
        expect(
            &out,
            &format!("{page}:{line}:5: ошибка: метка «{tag}» получает адрес tags/{slug}/, а «{slug}» — имя, которое Windows не даёт папке"),
            &[&format!("измените метку, например «{tag} 2025»")],
        );
    }
    expect(
        &out,
        "content/pages/predmet.md:4:10: ошибка: из предмета «☀» не получается адрес: в нём нет ни букв, ни цифр",
        &["или уберите предмет"],
    );
    expect(
        &out,
        "content/pages/con.md: ошибка: адрес страницы pages/con/: «con» — имя, которое Windows не даёт папке",
        &["переименуйте файл или папку"],
    );
    // Letters of any script make an address (issue 15): «αβγ» is tags/avg/.
    assert!(!out.stderr.contains("αβγ"), "{}", out.stderr);
    out.assert_stderr_contains("итого: 7 ошибок, 0 предупреждений");
}

#[test]
fn an_attachment_at_the_url_of_open_data_is_an_error() {
    let report = "---\nkind: report\ntitle: Отчёт\nyear: 2025\nindicators:\n  - id: A1\n    name: Доля\n    target: \"10 %\"\n    actual: \"12 %\"\n---\nТекст.\n";
    let site = site_with(&[
        ("content/reports/otchet/index.md", report),
        ("content/reports/otchet/indicators.csv", "мой;файл\n"),
        ("content/reports/otchet/indicators.json", "{\"мой\": 1}\n"),
        // The page's own table at that name is read into the open data published there.
        (
            "content/reports/tablitsa/index.md",
            "---\nkind: report\ntitle: Таблица\nyear: 2025\nindicators_file: indicators.csv\n---\nТекст.\n",
        ),
        (
            "content/reports/tablitsa/indicators.csv",
            "Код;Показатель;Цель;Факт\nT1;Доля;10 %;12 %\n",
        ),
    ]);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    for name in ["indicators.csv", "indicators.json"] {
        expect(
            &out,
            &format!("content/reports/otchet/{name}: ошибка: файл {name} получает тот же адрес reports/otchet/{name}, что и открытые данные страницы content/reports/otchet/index.md"),
            &["metodist публикует показатели страницы"],
        );
    }
    out.assert_stderr_contains("итого: 2 ошибки, 0 предупреждений");
}

#[test]
fn system_leftovers_are_not_published() {
    let site = site_with(&[
        (
            "content/pages/papka/index.md",
            "---\nkind: page\ntitle: Папка\n---\n[План](plan.pdf)\n",
        ),
        ("content/pages/papka/plan.pdf", "%PDF-1.4\n"),
        ("content/pages/papka/Thumbs.db", "эскизы"),
        ("content/pages/papka/desktop.ini", "[.ShellClassInfo]\n"),
        ("content/pages/papka/DESKTOP.INI", "[.ShellClassInfo]\n"),
    ]);
    site.build_ok();
    site.assert_file("public/pages/papka/plan.pdf");
    for leftover in ["Thumbs.db", "desktop.ini", "DESKTOP.INI"] {
        site.assert_no_file(&format!("public/pages/papka/{leftover}"));
    }
}

#[test]
fn latin_look_alike_letters_still_name_the_school() {
    let site = site_with(&[
        // Latin C and O in «СОШ № 20» (the keyboard in the Latin layout).
        (
            "content/practices/praktika.md",
            "---\nkind: practice\ntitle: Практика\ndistrict: usolsky\norganisation: \"COШ № 2O\"\n---\nТекст.\n",
        ),
    ]);
    site.build_ok();
    // The practice names its school: a link to the school's page, and back.
    site.assert_contains(
        "public/practices/praktika/index.html",
        "href=\"../../schools/sosh-20/index.html\"",
    );
    site.assert_contains("public/schools/sosh-20/index.html", "Практика");
}
