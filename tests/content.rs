//! The bundled real site: `content/` and `data/` publishing the five source documents of
//! `../shared/seeds/`. Built and checked with the real binary; the expected counts were
//! taken by hand from the documents, not from the front matter under test.

use regex::Regex;
use serde_yaml_ng::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "content/numbers.rs"]
mod numbers;
#[path = "common/prereq.rs"]
mod prereq;
#[path = "content/reader.rs"]
mod reader;
#[path = "content/report_schools.rs"]
mod report_schools;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn metodist(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_metodist"))
        .args(args)
        .output()
        .expect("run metodist")
}

fn assert_success(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The YAML front matter of a page under `content/`.
fn front_matter(rel: &str) -> Value {
    let path = root().join("content").join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text.strip_prefix("---\n").expect("YAML front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    serde_yaml_ng::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn list_len(fm: &Value, key: &str) -> usize {
    fm.get(key)
        .and_then(Value::as_sequence)
        .map_or(0, |s| s.len())
}

fn builds_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let res = metodist(&[
        "build",
        root().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_success(&res, "metodist build");
    (tmp, out)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files
}

/// Indicators counted by hand in each document's indicator table.
#[test]
fn indicators_per_document() {
    // 000, table 1: group A rows 1–13 and group B rows 1–11 (numbering restarts) = 24.
    assert_eq!(
        list_len(&front_matter("reports/usolsky-2025.md"), "indicators"),
        24
    );
    // 001, table 1: rows printed 1–17 with «7.» twice and no «15.» = 17 rows.
    assert_eq!(
        list_len(&front_matter("plans/zhigalovsky-2023.md"), "indicators"),
        17
    );
    // 003, the untitled indicator table of the Положение: 2 (управление) + 17 (непрерывное
    // повышение мастерства) + 6 (содержательно-методическое обеспечение) = 25 rows.
    assert_eq!(
        list_len(
            &front_matter("regulations/irkutsk-rs-nms-2023.md"),
            "indicators"
        ),
        25
    );
    // 002 has no indicator table; 004 has monitoring criteria without targets (below).
    assert_eq!(
        list_len(
            &front_matter("roadmaps/usolsky-shnor-2023.md"),
            "indicators"
        ),
        0
    );
    assert_eq!(
        list_len(
            &front_matter("programmes/kavkazsky-2025-2027.md"),
            "indicators"
        ),
        0
    );

    // The 000 indicators keep both groups; ids are unique on every page.
    let report = front_matter("reports/usolsky-2025.md");
    let groups: Vec<&str> = report["indicators"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|i| i["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups.iter().filter(|g| **g == "A").count(), 13);
    assert_eq!(groups.iter().filter(|g| **g == "B").count(), 11);
    for page in [
        "reports/usolsky-2025.md",
        "plans/zhigalovsky-2023.md",
        "regulations/irkutsk-rs-nms-2023.md",
    ] {
        let fm = front_matter(page);
        let ids: Vec<&str> = fm["indicators"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "{page}: duplicate indicator ids");
    }
}

/// Activities counted by hand in each document's table of activities.
#[test]
fn activities_per_document() {
    // 000, table 2: rows numbered 1–109 plus one unnumbered row between 91 and 92 (the
    // September 2025 seminar for deputy directors) = 110. Directions 1–4 hold 25/36/9/40.
    let report = front_matter("reports/usolsky-2025.md");
    assert_eq!(list_len(&report, "activities"), 110);
    let acts = report["activities"].as_sequence().unwrap();
    assert_eq!(acts.iter().filter(|a| a.get("n").is_none()).count(), 1);
    for (prefix, n) in [("1. ", 25), ("2. ", 36), ("3. ", 9), ("4. ", 40)] {
        let got = acts
            .iter()
            .filter(|a| a["direction"].as_str().unwrap().starts_with(prefix))
            .count();
        assert_eq!(got, n, "direction {prefix}");
    }
    // Every row of a report says what happened: 4 rows have an empty «Фактический результат».
    assert!(acts.iter().all(|a| a.get("status").is_some()));
    assert_eq!(acts.iter().filter(|a| a.get("result").is_none()).count(), 4);

    // 001, table 2: rows 1–97, no gaps or repeats = 97; directions hold 15/34/10/12/16/3/7.
    let plan = front_matter("plans/zhigalovsky-2023.md");
    assert_eq!(list_len(&plan, "activities"), 97);

    // 002, the roadmap table: actions 1–61. Row 26 («Цикл обучающих вебинаров по ФГОС») is
    // followed by five unnumbered lines that are webinars of the same cycle, not actions
    // of their own, so 61.
    assert_eq!(
        list_len(
            &front_matter("roadmaps/usolsky-shnor-2023.md"),
            "activities"
        ),
        61
    );

    // 003, Комплекс мер: numbers run 1–61 but 24 is missing, 25 and 49 are printed twice,
    // and three rows have no number (two after 16, one before 53): 61 − 1 + 2 + 3 = 65.
    let reg = front_matter("regulations/irkutsk-rs-nms-2023.md");
    assert_eq!(list_len(&reg, "activities"), 65);
    assert_eq!(
        reg["activities"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter(|a| a.get("n").is_none())
            .count(),
        3
    );

    // 004, «Мероприятия программы»: rows 1–39 under 8 section rows = 39; 3 stages;
    // 6 criteria with 2+2+3+2+2+4 = 15 measures.
    let prog = front_matter("programmes/kavkazsky-2025-2027.md");
    assert_eq!(list_len(&prog, "activities"), 39);
    assert_eq!(list_len(&prog, "stages"), 3);
    let criteria = prog["criteria"].as_sequence().unwrap();
    let items: Vec<usize> = criteria
        .iter()
        .map(|c| c["items"].as_sequence().unwrap().len())
        .collect();
    assert_eq!(items, [2, 2, 3, 2, 2, 4]);
}

/// The ШНОР roadmap names 6 schools with curators and 12 «зона риска» schools.
#[test]
fn roadmap_schools_and_curators() {
    let fm = front_matter("roadmaps/usolsky-shnor-2023.md");
    let schools = fm["schools"].as_sequence().unwrap();
    let low: Vec<&Value> = schools
        .iter()
        .filter(|s| s["status"] == "low_results")
        .collect();
    let risk = schools
        .iter()
        .filter(|s| s["status"] == "risk_zone")
        .count();
    assert_eq!(low.len(), 6);
    assert_eq!(risk, 12);
    assert!(low.iter().all(|s| s.get("curator").is_some()));
}

/// Indicator frameworks: 25 regional indicators of 003, 15 criteria measures of 004.
#[test]
fn frameworks() {
    let read = |f: &str| -> Value {
        serde_yaml_ng::from_str(
            &fs::read_to_string(root().join("data/frameworks").join(f)).unwrap(),
        )
        .unwrap()
    };
    assert_eq!(list_len(&read("irkutsk-rs-nms.yaml"), "indicators"), 25);
    assert_eq!(
        list_len(&read("kavkazsky-programma-2025-2027.yaml"), "indicators"),
        15
    );
}

/// The bundled site passes the strict check.
#[test]
fn check_strict_passes() {
    let out = metodist(&["check", "--strict", root().to_str().unwrap()]);
    assert_success(&out, "metodist check --strict");
}

/// The 2025 report's own «25.08.2026.г.» (seed 000, table 2, row 31; the document made on
/// 21.11.2025, as of 30.11.2025; section 1.2 says 25 August 2025) is a warning at the
/// date, kept as written: the row's note names the day, so `--strict` still passes.
#[test]
fn the_reports_own_wrong_date_is_a_warning_at_it() {
    let out = metodist(&["check", root().to_str().unwrap()]);
    assert_success(&out, "metodist check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Line 566 is activity 31's `result`; the date is its 348th character, counted in
    // the line as written (`    result: "` and the text before the date).
    let head = "content/reports/usolsky-2025.md:566:348: предупреждение: мероприятие 31: дата «25.08.2026» позже даты отчёта (as_of: 30.11.2025)";
    assert!(stderr.contains(head), "no warning {head}\n{stderr}");
    assert!(
        stderr.contains("так в документе — отмечено в note мероприятия"),
        "{stderr}"
    );
}

/// Every id, name, short name and alias in data/schools.yaml resolves to a school: a
/// throwaway site with the real registries lists them all as RMO member schools, one page
/// per district, and must pass `check`.
#[test]
fn every_school_alias_resolves() {
    let schools: Value =
        serde_yaml_ng::from_str(&fs::read_to_string(root().join("data/schools.yaml")).unwrap())
            .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    fs::create_dir_all(site.join("data")).unwrap();
    for f in ["regions.yaml", "districts.yaml", "schools.yaml"] {
        fs::copy(root().join("data").join(f), site.join("data").join(f)).unwrap();
    }
    fs::create_dir_all(site.join("content/rmo")).unwrap();
    let mut by_district: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut count = 0;
    for s in schools.as_sequence().unwrap() {
        let d = s["district"].as_str().unwrap().to_string();
        let names = by_district.entry(d).or_default();
        for key in ["id", "name", "short_name"] {
            if let Some(v) = s.get(key).and_then(Value::as_str) {
                names.push(v.to_string());
                count += 1;
            }
        }
        for a in s
            .get("aliases")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            names.push(a.as_str().unwrap().to_string());
            count += 1;
        }
    }
    assert!(count > 150, "only {count} names in data/schools.yaml");
    for (district, names) in &by_district {
        let list: Vec<String> = names
            .iter()
            .map(|n| serde_json::to_string(n).unwrap())
            .collect();
        let page = format!(
            "---\nkind: rmo\ntitle: Проверка написаний\ndistrict: {district}\nschools: [{}]\n---\n",
            list.join(", ")
        );
        fs::write(site.join(format!("content/rmo/{district}.md")), page).unwrap();
    }
    let out = metodist(&["check", "--strict", site.to_str().unwrap()]);
    assert_success(&out, "metodist check on every school spelling");
}

/// The registries name every school of the Usolsky report: 19 schools, 14 kindergartens.
#[test]
fn usolsky_schools_registry() {
    let schools: Value =
        serde_yaml_ng::from_str(&fs::read_to_string(root().join("data/schools.yaml")).unwrap())
            .unwrap();
    let usolsky = |kind: &str| {
        schools
            .as_sequence()
            .unwrap()
            .iter()
            .filter(|s| {
                s["district"] == "usolsky"
                    && s.get("type").and_then(Value::as_str).unwrap_or("school") == kind
            })
            .count()
    };
    assert_eq!(usolsky("school"), 19);
    assert_eq!(usolsky("kindergarten"), 14);
}

/// One build: the RMO pages of the 2025 report exist, and no e-mail address leaks.
#[test]
fn built_site_has_rmo_pages_and_no_private_emails() {
    let (_tmp, out) = builds_site();

    // 000, section 1.4: the 21 associations of «Перечень РМО», verbatim.
    let rmo = [
        "РМО учителей математики",
        "РМО учителей физики",
        "РМО учителей русского языка и литературы",
        "РМО учителей иностранного языка",
        "РМО учителей биологии, химии и географии",
        "РМО социальных педагогов",
        "РМО педагогов-психологов",
        "РМО учителей-логопедов и учителей-дефектологов ОУ",
        "РМО учителей начальных классов",
        "РМО учителей истории и обществознания, права",
        "РМО учителей информатики",
        "РМО учителей физической культуры, ОБЗР и тренеров-преподавателей",
        "РМО учителей Труд (технология), ИЗО и черчения",
        "РМО воспитателей ДОУ",
        "РМО старших воспитателей ДОУ",
        "РМО инструкторов по ФИЗО ДОУ",
        "РМО учителей-логопедов ДОУ",
        "Клуб молодых специалистов «Факел»",
        "РМО «Классное руководство и воспитательная работа»",
        "РМО музыкальных руководителей ДОУ",
        "РМО педагогов -психологов ДОУ",
    ];
    let titles: Vec<String> = fs::read_dir(out.join("rmo"))
        .expect("rmo/ in the output")
        .filter_map(|e| {
            let p = e.unwrap().path().join("index.html");
            let html = fs::read_to_string(p).ok()?;
            let start = html.find("<h1")?;
            let h1 = &html[start..];
            let h1 = &h1[h1.find('>')? + 1..h1.find("</h1>")?];
            Some(h1.replace("&quot;", "\"").replace("&#x27;", "'"))
        })
        .collect();
    for name in rmo {
        assert!(
            titles.iter().any(|t| t.starts_with(name)),
            "no RMO page titled «{name}»; RMO pages: {titles:?}"
        );
    }
    assert!(out.join("rmo/usolsky-klub-fakel/index.html").is_file());

    // No e-mail address at all in the published text; and none of the private addresses of
    // seed 002 (Приложение 3) anywhere in the output, binary files included. The addresses
    // are read from the seed, never written into this repository.
    let email = Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+").unwrap();
    let files = files_under(&out);
    for f in &files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["html", "xml", "json", "js", "txt", "csv"].contains(&ext) {
            let text = fs::read_to_string(f).unwrap_or_default();
            if let Some(m) = email.find(&text) {
                panic!(
                    "{}: e-mail address «{}» in the output",
                    f.display(),
                    m.as_str()
                );
            }
        }
    }
    let seed = root().join("../shared/seeds/002_4dec693d720271d8.txt");
    if prereq::present(seed.is_file(), "../shared/seeds (исходные документы)") {
        let text = fs::read_to_string(&seed).expect("read seed 002");
        let private: BTreeSet<String> = email
            .find_iter(&text)
            .map(|m| m.as_str().to_lowercase())
            .collect();
        assert!(
            !private.is_empty(),
            "seed 002 should contain the curators' e-mails"
        );
        for f in &files {
            let bytes = fs::read(f).unwrap();
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            for e in &private {
                let local = e.split('@').next().unwrap();
                assert!(
                    !text.contains(e.as_str()),
                    "{}: private e-mail from seed 002",
                    f.display()
                );
                assert!(
                    local.len() < 6 || !text.contains(&format!("{local}@")),
                    "{}: private e-mail from seed 002",
                    f.display()
                );
            }
        }
    }
    // The sources themselves carry no e-mail either.
    for f in files_under(&root().join("content"))
        .into_iter()
        .chain(files_under(&root().join("data")))
    {
        let text = fs::read_to_string(&f).unwrap_or_default();
        assert!(
            email.find(&text).is_none(),
            "{}: e-mail address in the sources",
            f.display()
        );
    }
}

/// The school ids a page links to (`…/schools/<id>/index.html`).
fn school_links(html: &str) -> BTreeSet<String> {
    let re = Regex::new(r#"href="[./]*schools/([a-z0-9-]+)/index\.html""#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// Schools ↔ the ШНОР roadmap, practices and districts link both ways: the roadmap names
/// the 18 schools of seed 002 (6 ШНОР + 12 «зоны риска», see above) and each school's
/// page names the roadmap back; a practice's organisation page lists the practice; a
/// district page lists every organisation `data/schools.yaml` places there.
#[test]
fn schools_link_both_ways() {
    let (_tmp, out) = builds_site();
    let read =
        |rel: &str| fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let roadmap = "roadmaps/usolsky-shnor-2023/index.html";
    let named = school_links(&read(roadmap));
    assert_eq!(named.len(), 18, "{named:?}");
    for id in &named {
        let page = read(&format!("schools/{id}/index.html"));
        assert!(
            page.contains("roadmaps/usolsky-shnor-2023/index.html"),
            "schools/{id} does not link back to the roadmap"
        );
    }

    let mut practices_with_school = 0;
    for f in fs::read_dir(out.join("practices")).unwrap() {
        let dir = f.unwrap().path();
        let Ok(html) = fs::read_to_string(dir.join("index.html")) else {
            continue;
        };
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        for id in school_links(&html) {
            practices_with_school += 1;
            let school = read(&format!("schools/{id}/index.html"));
            assert!(
                school.contains(&format!("practices/{slug}/index.html")),
                "schools/{id} does not list the practice {slug}"
            );
        }
    }
    assert!(practices_with_school > 0, "no practice links to its school");

    let registry: Value =
        serde_yaml_ng::from_str(&fs::read_to_string(root().join("data/schools.yaml")).unwrap())
            .unwrap();
    let entries = registry.as_sequence().unwrap();
    let usolsky: BTreeSet<String> = entries
        .iter()
        .filter(|s| s["district"] == "usolsky")
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(school_links(&read("district/usolsky/index.html")), usolsky);
    let all: BTreeSet<String> = entries
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(school_links(&read("schools/index.html")), all);
}
