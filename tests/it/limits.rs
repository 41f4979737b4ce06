//! Pages a real methodist never writes but a generated or pasted file can be: tens of
//! thousands of indicators, tags, links or e-mail addresses in one page. Each must end
//! quickly, within the memory limit of [`crate::hostile::MEMORY_LIMIT_KB`], with the
//! count named at the field (lists in front matter) or a hundred diagnostics and one
//! that counts the rest (problems in a body). The deadlines are ten to a hundred times
//! what a debug build takes; the assertions are on what is printed.

use crate::hostile::MEMORY_LIMIT_KB;
use crate::util::{Output, SiteTest, BIN};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PAGE: &str = "content/news/mnogo.md";

/// Runs `metodist` under the memory limit; a run past `deadline` is killed and fails.
fn run_within(site: &SiteTest, args: &[&str], deadline: Duration) -> Output {
    let root = site.root().to_string_lossy();
    let args: Vec<String> = args.iter().map(|a| a.replace("{site}", &root)).collect();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KB} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(&args)
        .env("RAYON_NUM_THREADS", "2")
        .current_dir(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run metodist");
    let pipe = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = r.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("metodist {args:?} still ran after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = Output {
        args,
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        listing: String::new(),
    };
    assert!(
        out.code.is_some(),
        "killed by a signal (memory?)\n{}",
        out.describe()
    );
    out.assert_stderr_lacks("panicked");
    out
}

/// The basic fixture with a news page whose front matter ends with `front` and whose
/// body is `body`.
fn site_with_page(front: &str, body: &str) -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.create(
        PAGE,
        &format!("---\nkind: news\ntitle: Много\ndate: 2025-02-01\n{front}---\n{body}"),
    );
    site
}

/// A report whose front matter lists `n` indicators from line 6.
fn report_with_indicators(n: usize) -> SiteTest {
    let site = SiteTest::fixture("basic");
    let mut text = String::from(
        "---\nkind: report\ntitle: Выгрузка\ndistrict: usolsky\nyear: 2025\nindicators:\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "  - id: X{i}\n    name: Показатель номер {i}\n    target: \"10 %\"\n    actual: \"11 %\"\n"
        ));
    }
    text.push_str("---\nТекст.\n");
    site.create("content/reports/vygruzka.md", &text);
    site
}

/// `s` with the spaces between digits (thousands) made no-break, as messages print them.
fn grouped(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .map(|i| {
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if chars[i] == ' ' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                '\u{a0}'
            } else {
                chars[i]
            }
        })
        .collect()
}

#[test]
fn thirty_thousand_indicators_are_refused_at_the_field_within_memory() {
    // 3 MB of front matter: 1.5 GB and 8 s before; counted as the text streams past now.
    let site = report_with_indicators(30_000);
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    out.assert_code(1);
    // `indicators:` is line 6 of the file, its key at column 1.
    out.assert_stderr_contains(&grouped(
        "content/reports/vygruzka.md:6:1: ошибка: в списке «indicators» 30 000 элементов, допустимо не более 1 000",
    ));
    out.assert_stderr_contains("итого: 1 ошибка");
}

#[test]
fn one_indicator_over_the_cap_is_an_error_too() {
    let site = report_with_indicators(1_001);
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    out.assert_code(1);
    out.assert_stderr_contains(&grouped(
        "content/reports/vygruzka.md:6:1: ошибка: в списке «indicators» 1 001 элемент, допустимо не более 1 000",
    ));
    // A thousand pass.
    let site = report_with_indicators(1_000);
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    out.assert_code(0);
}

#[test]
fn twenty_thousand_tags_on_one_page_are_refused_quickly() {
    // Over 200 s before: a page for each tag, each listing every tag.
    let tags: Vec<String> = (0..20_000).map(|i| format!("\"тег{i}\"")).collect();
    let site = site_with_page(&format!("tags: [{}]\n", tags.join(", ")), "Текст.\n");
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    out.assert_code(1);
    out.assert_stderr_contains(&grouped(&format!(
        "{PAGE}:5:1: ошибка: в списке «tags» 20 000 элементов, допустимо не более 50"
    )));
    // The snippet is cut around the field, not the 200 KB line.
    let snippet = out
        .stderr
        .lines()
        .find(|l| l.starts_with("    | tags:"))
        .expect("a snippet");
    assert!(snippet.chars().count() < 120, "{snippet}");
}

#[test]
fn twenty_thousand_terms_of_many_pages_render_in_linear_time() {
    // 400 pages of 50 tags each, all different: 20,000 term pages. Each term page
    // serialised the whole taxonomy: over 300 s before, 4 s now (debug build).
    let site = SiteTest::fixture("basic");
    for p in 0..400 {
        let tags: Vec<String> = (0..50).map(|i| format!("\"тег{}\"", p * 50 + i)).collect();
        site.create(
            &format!("content/news/t/n{p}.md"),
            &format!(
                "---\nkind: news\ntitle: Новость {p}\ndate: 2025-02-01\ntags: [{}]\n---\nТекст.\n",
                tags.join(", ")
            ),
        );
    }
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(120));
    out.assert_code(0);
    out.assert_stderr_contains("проверено: 411 страниц, ошибок нет");
}

#[test]
fn forty_thousand_broken_links_give_a_hundred_errors_and_a_count() {
    let site = site_with_page("", &"[a](net.md)\n".repeat(40_000));
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    out.assert_code(1);
    // The body starts on line 6: the first link at 6:1, the hundredth at 105:1.
    out.assert_stderr_contains(&format!(
        "{PAGE}:6:1: ошибка: ссылка ведёт на несуществующую страницу или файл «net.md»"
    ));
    out.assert_stderr_contains(&format!("{PAGE}:105:1: ошибка: ссылка ведёт"));
    out.assert_stderr_lacks(&format!("{PAGE}:106:1:"));
    out.assert_stderr_contains(&grouped(&format!(
        "{PAGE}: ошибка: и ещё 39 900 неверных ссылок в этом файле: показаны первые 100"
    )));
    out.assert_stderr_contains("итого: 101 ошибка");
}

#[test]
fn forty_thousand_addresses_give_a_hundred_warnings_and_a_count() {
    let site = site_with_page("", &"ivanova@mail.ru\n".repeat(40_000));
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    out.assert_stderr_contains(&format!(
        "{PAGE}:105:1: предупреждение: адрес электронной почты «ivanova@mail.ru» будет опубликован"
    ));
    out.assert_stderr_contains(&grouped(&format!(
        "{PAGE}: предупреждение: и ещё 39 900 адресов электронной почты в этом файле"
    )));
    out.assert_stderr_contains("101 предупреждение");
}

#[test]
fn forty_thousand_addresses_on_one_line_stay_small() {
    // 640 KB on one line: every warning kept the whole line, 24 GB before.
    let site = site_with_page("", &format!("{}\n", "ivanova@mail.ru ".repeat(40_000)));
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    // «ivanova@mail.ru » is 16 characters: the hundredth address is at column 1,585.
    out.assert_stderr_contains(&format!(
        "{PAGE}:6:1585: предупреждение: адрес электронной почты «ivanova@mail.ru»"
    ));
    out.assert_stderr_contains(&grouped(
        "и ещё 39 900 адресов электронной почты в этом файле",
    ));
    for line in out.stderr.lines() {
        assert!(
            line.chars().count() < 300,
            "a long line printed: {line:.300}"
        );
    }
    // The hundredth snippet starts 50 characters before its column, cut with «…».
    let from = 1585 - 1 - 50;
    let want = format!(
        "    | …{}…",
        &"ivanova@mail.ru ".repeat(200)[from % 16..][..100]
    );
    assert!(
        out.stderr.contains(want.trim_end_matches(' ')),
        "{}",
        out.describe()
    );
}

#[test]
fn import_of_forty_thousand_indicator_rows_writes_nothing() {
    let site = SiteTest::fixture("basic");
    let mut text = String::from(
        "Отчет о реализации плана в 2025 году\n\n№ п/п\tНаименование результата\tПоказатели результативности\tФактическое значение показателя\nПоказатели эффективности\t \t \t\n",
    );
    for i in 1..=40_000 {
        text.push_str(&format!("{i}.\tДоля педагогов группы {i}\t10 %\t11 %\n"));
    }
    site.create("vygruzka.txt", &text);
    let before = site.listing();
    let out = run_within(
        &site,
        &["import", "{site}/vygruzka.txt", "--site", "{site}"],
        Duration::from_secs(120),
    );
    out.assert_code(1);
    // The table's header is line 3 of the export.
    out.assert_stderr_contains(&grouped(
        "в таблице показателей (строка 3 документа) 40 000 строк, на одной странице допустимо не более 1 000: страница не записана",
    ));
    assert_eq!(site.listing(), before, "import wrote something");
}

#[test]
fn twenty_thousand_unknown_fields_give_a_hundred_errors_and_a_count() {
    // 15 s before (each error read the front matter again for its line), 0.2 s now.
    let keys: String = (0..20_000).map(|i| format!("pole{i}: 1\n")).collect();
    let site = site_with_page(&keys, "Текст.\n");
    let out = run_within(&site, &["check", "{site}"], Duration::from_secs(60));
    out.assert_code(1);
    // The fields start on line 5: the hundredth, «pole99», is on line 104.
    out.assert_stderr_contains(&format!("{PAGE}:104:1: ошибка: неизвестное поле «pole99»"));
    out.assert_stderr_lacks("«pole100»");
    out.assert_stderr_contains(&grouped(&format!(
        "{PAGE}: ошибка: и ещё 19 900 неизвестных полей в этом файле: показаны первые 100"
    )));
}
