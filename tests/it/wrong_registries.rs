//! Registry ids (issue 13, second trial): `sosh-20`, `SOSH-20` and `"sosh 20"` all passed
//! `check --strict`; `schools/sosh-20/` then showed another school and the list linked
//! to pages that did not exist. A repeated district id gave no error at the file but
//! one on every page naming the district; a framework id repeated across files merged
//! two dashboards; a repeated indicator id of a framework passed. Each is now an error
//! at the registry's line and column.
//!
//! Positions are counted by hand from the text written here: lines and columns from 1,
//! columns in characters.

use crate::check::expect;
use crate::util::site_with;

#[test]
fn repeated_and_unfit_registry_ids_are_errors_at_the_registry() {
    let site = site_with(&[
        // `- id: ` is 6 characters: every id at column 7 (a quoted one at its quote).
        (
            "data/schools.yaml",
            "- id: sosh-20\n  name: МБОУ «СОШ № 20»\n  district: usolsky\n- id: SOSH-20\n  name: МБОУ «СОШ № 21»\n  district: usolsky\n- id: \"sosh 20\"\n  name: МБОУ «СОШ № 22»\n  district: usolsky\n- id: sosh-20\n  name: МБОУ «СОШ № 23»\n  district: usolsky\n- id: школа-5\n  name: МБОУ «СОШ № 5»\n  district: usolsky\n",
        ),
        // The district repeated: before, each of the pages naming it had «неоднозначна».
        (
            "data/districts.yaml",
            "- id: usolsky\n  name: Усольский муниципальный район\n  region: irkutsk\n- id: usolsky\n  name: Усольский район\n  region: irkutsk\n",
        ),
        (
            "data/regions.yaml",
            "- id: irkutsk\n  name: Иркутская область\n- id: Irkutsk\n  name: Иркутская область (повтор)\n",
        ),
        // A second file with the framework id of irkutsk-rs-nms.yaml, whose indicators
        // repeat: `  - id: ` is 8 characters, column 9.
        (
            "data/frameworks/povtor.yaml",
            "id: irkutsk-rs-nms\ntitle: Повтор\nregion: irkutsk\nindicators:\n  - id: P1\n    name: Первый\n  - id: p1\n    name: Повтор первого\n",
        ),
        (
            "content/reports/a.md",
            "---\nkind: report\ntitle: Отчёт\nyear: 2025\ndistrict: usolsky\n---\nТекст.\n",
        ),
        (
            "content/rmo/b.md",
            "---\nkind: rmo\ntitle: РМО\ndistrict: usolsky\nschools: [sosh-20]\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "--strict", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "data/schools.yaml:4:7: ошибка: идентификатор школы «SOSH-20» отличается от «sosh-20» (строка 1) только заглавными буквами",
        &["| - id: SOSH-20", "на Windows и macOS «SOSH-20» и «sosh-20» — одна папка"],
    );
    expect(
        &out,
        "data/schools.yaml:7:7: ошибка: идентификатор школы «sosh 20» не годится для адреса: в нём пробел",
        &["= подсказка: идентификатор — часть адреса страниц (schools/<идентификатор>/): только строчные латинские буквы, цифры и дефисы, например «sosh-20»"],
    );
    expect(
        &out,
        "data/schools.yaml:10:7: ошибка: идентификатор школы «sosh-20» уже есть (строка 1)",
        &["адрес страницы schools/sosh-20/"],
    );
    expect(
        &out,
        "data/schools.yaml:13:7: ошибка: идентификатор школы «школа-5» не годится для адреса: в нём буква «ш» не латинского алфавита",
        &["например «shkola-5»"],
    );
    expect(
        &out,
        "data/districts.yaml:4:7: ошибка: идентификатор района «usolsky» уже есть (строка 1)",
        &[],
    );
    expect(
        &out,
        "data/regions.yaml:3:7: ошибка: идентификатор региона «Irkutsk» отличается от «irkutsk» (строка 1) только заглавными буквами",
        &[],
    );
    // `id: ` is 4 characters: column 5.
    expect(
        &out,
        "data/frameworks/povtor.yaml:1:5: ошибка: идентификатор системы показателей «irkutsk-rs-nms» уже есть (data/frameworks/irkutsk-rs-nms.yaml, строка 1)",
        &["dashboard/irkutsk-rs-nms/"],
    );
    expect(
        &out,
        "data/frameworks/povtor.yaml:7:9: ошибка: идентификатор показателя системы «p1» отличается от «P1» (строка 5) только заглавными буквами",
        &[],
    );
    // The pages naming the district and the school by id have no error of their own.
    out.assert_stderr_lacks("content/");
    out.assert_stderr_contains("итого: 8 ошибок, 0 предупреждений");
}

/// A name that fits several entries is «неоднозначное значение», whatever its gender.
#[test]
fn an_ambiguous_name_is_reported_without_gender() {
    let site = site_with(&[
        (
            "data/districts.yaml",
            "- id: usolsky\n  name: Усольский муниципальный район\n  region: irkutsk\n  aliases: [Усолье]\n- id: usolye-city\n  name: Город Усолье-Сибирское\n  region: irkutsk\n  aliases: [Усолье]\n",
        ),
        // `district: ` is 10 characters: column 11.
        (
            "content/reports/a.md",
            "---\nkind: report\ntitle: Отчёт\nyear: 2025\ndistrict: Усолье\n---\nТекст.\n",
        ),
    ]);
    let out = site.run(&["check", "{site}"]);
    out.assert_code(1);
    expect(
        &out,
        "content/reports/a.md:5:11: ошибка: неоднозначное значение: район «Усолье» — подходят usolsky, usolye-city",
        &[],
    );
}
