//! `metodist import` of hostile and mistaken files: nesting that overflowed the stack,
//! zip bombs, documents past the size limits, other formats renamed `.docx` or `.txt`,
//! bytes that are not text, and a review report or source file that must not be
//! overwritten. Each is refused with the exact Russian message (exit 1, nothing
//! written), within a memory limit; nothing here may crash.

use crate::hostile::{declare_size, docx, run_limited, zip_of};
use crate::util::{fixtures, Rng, SiteTest};

/// Writes `bytes` as `in/<name>` and imports it to `content/plans/page.md`.
fn import(site: &SiteTest, name: &str, bytes: &[u8]) -> (String, crate::util::Output) {
    let rel = format!("in/{name}");
    site.create_bytes(&rel, bytes);
    let path = site.path(&rel).to_string_lossy().into_owned();
    let out = run_limited(
        site,
        &[
            "import",
            &path,
            "--site",
            "{site}",
            "-o",
            "{site}/content/plans/page.md",
        ],
    );
    (path, out)
}

/// The import of `bytes` as `name` fails with exactly `message` and writes nothing.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let site = SiteTest::new();
    let (path, out) = import(&site, name, bytes);
    out.assert_code(1);
    assert_eq!(
        out.stderr,
        format!("ошибка: {path}: импорт не удался: {message}\n"),
        "{name}\n{}",
        out.describe()
    );
    site.assert_no_file("content");
}

const DEPTH: &str =
    "элементы документа вложены глубже 256 уровней: файл повреждён или создан не Word";

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    // 12 000 nested content controls (1.9 KB packed) and 87 000 nested hyperlinks
    // overflowed the stack of a release build (exit 134); a debug build of it came
    // through the content controls and overflowed on the hyperlinks.
    let n = 12_000;
    let sdt = format!(
        "{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(n),
        "</w:sdtContent></w:sdt>".repeat(n)
    );
    refused("sdt.docx", &docx(&sdt), DEPTH);
    let n = 87_000;
    let links = format!(
        "<w:p>{}<w:r><w:t>x</w:t></w:r>{}</w:p>",
        "<w:hyperlink>".repeat(n),
        "</w:hyperlink>".repeat(n)
    );
    refused("links.docx", &docx(&links), DEPTH);
    // 60 content controls around a paragraph: 60 × 2 + 5 levels, under the cap.
    let n = 60;
    let body = format!(
        "{}<w:p><w:r><w:t>Вложенный текст</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(n),
        "</w:sdtContent></w:sdt>".repeat(n)
    );
    let site = SiteTest::new();
    let (_, out) = import(&site, "sdt.docx", &docx(&body));
    out.assert_code(0);
    site.assert_contains("content/plans/page.md", "Вложенный текст");
}

const SAVE_AS: &str = "сохраните как «Документ Word (*.docx)» (Файл → Сохранить как)";

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn other_formats_are_refused_with_how_to_convert() {
    // An OLE2 compound file whose directory names Word's main stream.
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.resize(512, 0);
    doc.extend(utf16("WordDocument"));
    doc.resize(1024, 0);
    let word97 = format!(
        "это документ Word 97–2003 (.doc), а импорт читает .docx: откройте его в Word и {SAVE_AS}"
    );
    let pdf: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    let pdf_says = "это PDF, а импорт читает .docx и текст: откройте PDF в Word (Файл → Открыть: Word переведёт его в документ) и сохраните как .docx, или возьмите исходный документ Word";
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    let jpeg: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0";
    let image = |kind: &str| {
        format!("это изображение {kind}, а не документ: текст с картинки не распознаётся; возьмите исходный документ Word или распознайте текст (например, откройте скан в Word или программе распознавания) и сохраните как .docx")
    };
    let rtf: &[u8] = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} \\f0 \\'cf\\'eb\\'e0\\'ed}";
    let html: &[u8] = "<!DOCTYPE html>\n<html><body><p>План</p></body></html>".as_bytes();
    let cases: Vec<(&str, &[u8], String)> = vec![
        ("plan.doc", &doc, word97.clone()),
        ("plan.docx", &doc, word97.clone()),
        ("plan.txt", &doc, word97),
        ("plan.pdf", pdf, pdf_says.into()),
        ("plan.docx", pdf, pdf_says.into()),
        ("plan.txt", pdf, pdf_says.into()),
        ("scan.png", png, image("PNG")),
        ("scan.docx", png, image("PNG")),
        ("scan.txt", jpeg, image("JPEG")),
        (
            "plan.docx",
            rtf,
            format!("это документ RTF: откройте его в Word и {SAVE_AS}"),
        ),
        (
            "plan.txt",
            html,
            format!("это веб-страница (HTML), а не документ Word: откройте её в Word и {SAVE_AS}"),
        ),
    ];
    for (name, bytes, message) in cases {
        refused(name, bytes, &message);
    }
}

const NOT_TEXT_HINT: &str = "импорт читает документы Word (.docx) и текст (.txt в UTF-8 или Windows-1251): откройте файл в программе, которая его создала, и сохраните как .docx";

#[test]
fn bytes_that_are_not_text_are_refused() {
    // A program's header: «MZ», 0x90 (not UTF-8, so read as Windows-1251: «ђ») and five
    // control characters (0x00, 0x03, 0x00, 0x00, 0x00) of eight.
    let exe: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00";
    for name in ["prog.docx", "prog.txt"] {
        refused(
            name,
            exe,
            &format!("файл не похож на текст: управляющих символов 5 из 8 (первый — U+0000); {NOT_TEXT_HINT}"),
        );
    }
    // UTF-16 without a byte-order mark: «План» is 1F 04 3B 04 30 04 3D 04, valid
    // UTF-8 of eight characters, five of them controls (0x1F and four 0x04).
    let bare = utf16("План");
    refused(
        "plan.txt",
        &bare,
        &format!("файл не похож на текст: управляющих символов 5 из 8 (первый — U+001F); {NOT_TEXT_HINT}"),
    );
    // Random bytes: about one in eight decodes to a control character.
    let mut rng = Rng(0x5eed_0000_0000_0013);
    for (name, len) in [
        ("random.docx", 4096),
        ("random.txt", 4096),
        ("random.txt", 300),
    ] {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let site = SiteTest::new();
        let (path, out) = import(&site, name, &bytes);
        out.assert_code(1);
        let head = format!(
            "ошибка: {path}: импорт не удался: файл не похож на текст: управляющих символов "
        );
        assert!(out.stderr.starts_with(&head), "{}", out.describe());
        assert!(
            out.stderr.ends_with(&format!("{NOT_TEXT_HINT}\n")),
            "{}",
            out.describe()
        );
        site.assert_no_file("content");
    }
    // With its byte-order mark UTF-16 is text (Notepad's «Юникод»).
    let text = std::fs::read_to_string(fixtures().join("import/sample.txt")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16(&text));
    let site = SiteTest::new();
    let (_, out) = import(&site, "sample.txt", &bytes);
    out.assert_code(0);
    site.assert_contains("content/plans/page.md", "Комитет по образованию");
}

#[test]
fn zip_bombs_are_refused_within_the_memory_limit() {
    // 40 MB of text packed into about 400 KB.
    let body = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        "а".repeat(20 * 1024 * 1024)
    );
    let bomb = docx(&body);
    assert!(bomb.len() < 1_000_000, "{} bytes", bomb.len());
    refused(
        "bomb.docx",
        &bomb,
        "«word/document.xml» после распаковки больше 32 МБ: файл повреждён или это «zip-бомба»",
    );
    // The same with a directory that declares 100 bytes.
    let mut lying = bomb.clone();
    declare_size(&mut lying, 100);
    refused(
        "lying.docx",
        &lying,
        "часть архива «word/document.xml» повреждена и не распаковывается",
    );
    // 20 000 empty parts.
    let names: Vec<String> = (0..20_000).map(|i| format!("p/{i}")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    refused(
        "parts.docx",
        &zip_of(&parts),
        "в архиве больше 10\u{a0}000 частей: это не документ Office",
    );
}

#[test]
fn documents_past_the_size_limits_are_refused() {
    let lines = "строка\n".repeat(60_000);
    refused(
        "long.txt",
        lines.as_bytes(),
        "в документе больше 50\u{a0}000 абзацев и строк таблиц: это не один документ, разделите его на части",
    );
    let cells = format!("{}\n", "\t".repeat(600_000));
    refused(
        "wide.txt",
        cells.as_bytes(),
        "в таблицах документа больше 500\u{a0}000 ячеек: это не один документ, разделите его на части",
    );
    let big = "а".repeat(8 * 1024 * 1024 + 1);
    refused(
        "big.txt",
        big.as_bytes(),
        "текст больше 16 МБ: это не выгрузка документа; разделите его на части",
    );
    // A cell spanning 64 columns, 10 000 times: 640 000 cells from 500 KB of XML.
    let span = "<w:tc><w:tcPr><w:gridSpan w:val=\"64\"/></w:tcPr></w:tc>".repeat(10_000);
    refused(
        "span.docx",
        &docx(&format!("<w:tbl><w:tr>{span}</w:tr></w:tbl>")),
        "в таблицах документа больше 500\u{a0}000 ячеек: это не один документ, разделите его на части",
    );
    // A 100 KB merged cell repeated in 1 000 rows below it.
    let first = format!(
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>",
        "x".repeat(100_000)
    );
    let rest = "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr>".repeat(1_000);
    refused(
        "merged.docx",
        &docx(&format!("<w:tbl>{first}{rest}</w:tbl>")),
        "текст документа больше 64 МБ: это не один документ, разделите его на части",
    );
}

#[test]
fn an_existing_review_is_kept_without_force() {
    let site = SiteTest::new();
    let sample = fixtures().join("import/sample.txt");
    let src = sample.to_str().unwrap();
    let out = "{site}/content/plans/p.md";
    site.run(&["import", src, "--site", "{site}", "-o", out])
        .assert_code(0);
    // The methodist deleted the page but keeps notes in the review.
    std::fs::remove_file(site.path("content/plans/p.md")).unwrap();
    site.create("content/plans/p.review.md", "мои заметки\n");
    let review = site.path("content/plans/p.review.md");
    site.run(&["import", src, "--site", "{site}", "-o", out])
        .assert_code(1)
        .assert_stderr_contains(&format!(
            "ошибка: {} (проверка прошлого импорта) уже существует: укажите другой путь (-o) или --force",
            review.display()
        ));
    assert_eq!(site.read("content/plans/p.review.md"), "мои заметки\n");
    site.assert_no_file("content/plans/p.md");
    site.run(&["import", src, "--site", "{site}", "-o", out, "--force"])
        .assert_code(0);
    site.assert_contains("content/plans/p.review.md", "# Проверка импорта");
    site.assert_file("content/plans/p.md");
}

#[test]
fn the_imported_file_is_never_overwritten() {
    // `x.review.md -o x.md`: the review of the page would be the file being imported.
    let site = SiteTest::new();
    let text = std::fs::read(fixtures().join("import/sample.txt")).unwrap();
    site.create_bytes("content/plans/x.review.md", &text);
    let source = site.path("content/plans/x.review.md");
    site.run(&[
        "import",
        source.to_str().unwrap(),
        "--site",
        "{site}",
        "-o",
        "{site}/content/plans/x.md",
        "--force",
    ])
    .assert_code(1)
    .assert_stderr_contains(&format!(
        "ошибка: {} — это импортируемый файл, записать поверх него нельзя: укажите другой путь (-o)",
        source.display()
    ));
    assert_eq!(std::fs::read(&source).unwrap(), text);
    site.assert_no_file("content/plans/x.md");
}

#[cfg(unix)]
#[test]
fn a_device_a_folder_or_a_missing_file_is_not_read() {
    // /dev/zero never ends: reading it whole exhausted memory.
    let site = SiteTest::new();
    let folder = site.root().display().to_string();
    for path in ["/dev/zero", folder.as_str()] {
        let out = run_limited(&site, &["import", path, "--site", "{site}"]);
        out.assert_code(1);
        assert_eq!(
            out.stderr,
            format!("ошибка: {path}: это не файл документа (папка, канал или устройство)\n"),
            "{}",
            out.describe()
        );
    }
    let out = run_limited(&site, &["import", "{site}/net.docx", "--site", "{site}"]);
    out.assert_code(1);
    assert_eq!(
        out.stderr,
        format!(
            "ошибка: {}: файл не найден\n",
            site.path("net.docx").display()
        )
    );
    site.assert_no_file("content");
}
