use super::*;

/// The vectors of `tests/bad_input/url-vectors.txt`, escapes decoded (format in its
/// header).
pub(crate) fn vectors() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/bad_input/url-vectors.txt"
    );
    let text = std::fs::read_to_string(path).expect("url-vectors.txt");
    let out: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(unescape)
        .collect();
    assert!(out.len() >= 30, "{} vectors", out.len());
    out
}

/// Decodes the escapes of the vectors file.
pub(crate) fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let esc = &rest[i + 1..];
        let (c, used) = match esc.chars().next() {
            Some('t') => ('\t', 1),
            Some('n') => ('\n', 1),
            Some('r') => ('\r', 1),
            Some('0') => ('\0', 1),
            Some('f') => ('\x0c', 1),
            Some('\\') => ('\\', 1),
            Some('u') => {
                let end = esc.find('}').expect("\\u{…} closed");
                let code = u32::from_str_radix(&esc[2..end], 16).expect("hex");
                (char::from_u32(code).expect("a character"), end + 1)
            }
            other => panic!("unknown escape \\{other:?} in {line}"),
        };
        out.push(c);
        rest = &esc[used..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_browser_scheme_follows_whatwg() {
    assert_eq!(browser_scheme("HTTPS://a").as_deref(), Some("https"));
    assert_eq!(
        browser_scheme(" \u{0}\tJa\nVa\rscript:x").as_deref(),
        Some("javascript")
    );
    assert_eq!(browser_scheme("java\0script:x"), None);
    assert_eq!(browser_scheme("\u{A0}javascript:x"), None);
    assert_eq!(browser_scheme("plan.pdf"), None);
    assert_eq!(browser_scheme("files/a:b"), None);
    assert_eq!(browser_scheme("C:\\Users\\plan.docx").as_deref(), Some("c"));
    assert_eq!(browser_scheme("a+b-c.d:x").as_deref(), Some("a+b-c.d"));
    assert_eq!(browser_scheme("1a:x"), None);
}

#[test]
fn every_vector_is_refused_for_its_scheme() {
    for v in vectors() {
        match check(&v) {
            Err(Refusal::Scheme(s)) => {
                assert!(SCRIPT_SCHEMES.contains(&s.as_str()), "{v:?}: scheme {s}")
            }
            other => panic!("{v:?}: {other:?}"),
        }
        assert!(check_base(&v).is_err(), "base_url {v:?}");
    }
}

#[test]
fn what_a_methodist_writes_passes() {
    for ok in [
        "https://example.org/a?b=1&c=2#d",
        "HTTP://EXAMPLE.ORG",
        "mailto:metod@example.org",
        "tel:+7 (3952) 00-00-00",
        "plan.pdf",
        "./Итоги: 2024.pdf",
        "материалы/Положение о конкурсе.docx",
        "../shag-vperyod/index.html#tsel",
        "/files/plan.pdf",
        "#materials",
        "?page=2",
        "https://example.org/javascript:alert(1)",
        " https://example.org/ ",
        // A plain space ends a scheme, as in a browser: a relative path.
        "Report 2024: final.pdf",
    ] {
        assert_eq!(check(ok), Ok(()), "{ok:?}");
    }
}

#[test]
fn other_forms_are_refused_with_their_reason() {
    for (bad, why) in [
        ("", Refusal::Empty),
        ("   ", Refusal::Empty),
        ("C:\\Users\\plan.docx", Refusal::Scheme("c".into())),
        ("file:///etc/passwd", Refusal::Scheme("file".into())),
        ("//evil.example/x", Refusal::NoScheme),
        ("  //evil.example/x", Refusal::NoScheme),
        (" \t//evil.example/x", Refusal::Invisible('\t')),
        ("\\\\evil.example\\share", Refusal::NoScheme),
        ("/\\evil.example", Refusal::NoScheme),
        ("files\\plan.docx", Refusal::Backslash),
        ("plan\u{200B}.pdf", Refusal::Invisible('\u{200B}')),
        ("Приложение\u{A0}1.docx", Refusal::Invisible('\u{A0}')),
    ] {
        assert_eq!(check(bad), Err(why), "{bad:?}");
    }
}

#[test]
fn base_url_is_a_full_http_address_or_nothing() {
    assert_eq!(check_base(""), Ok(()));
    assert_eq!(check_base("https://metod.example.org/"), Ok(()));
    assert_eq!(check_base("HTTP://metod.example.org"), Ok(()));
    for bad in [
        "metod.example.org",
        "/metod/",
        "mailto:a@b.c",
        "https:metod.example.org",
    ] {
        assert_eq!(check_base(bad), Err(Refusal::NotAbsolute), "{bad}");
    }
    assert_eq!(check_base("//metod.example.org/"), Err(Refusal::NoScheme));
}

/// A query or fragment ended up before every page path in sitemap.xml
/// («…/?q=1#frag/competitions/»); credentials, a port past 65535 and a space passed.
#[test]
fn base_url_is_scheme_host_port_and_path_only() {
    for ok in [
        "https://metod.example.org",
        "https://metod.example.org/",
        "https://example.org/metod/",
        "http://example.org:8080/metod",
        "https://example.org:65535/",
        "https://методист.рф/",
        "http://127.0.0.1:8000/",
        "http://[::1]:8000/",
        "http://[::1]/",
        "https://xn--e1afmkfd.xn--p1ai/",
        "https://metod.example.org./",
    ] {
        assert_eq!(check_base(ok), Ok(()), "{ok}");
    }
    let cases = [
        (
            "https://metod.example.org/?q=1#frag",
            Refusal::QueryOrFragment,
        ),
        ("https://metod.example.org/?", Refusal::QueryOrFragment),
        ("https://metod.example.org/#", Refusal::QueryOrFragment),
        ("https://metod.example.org#top", Refusal::QueryOrFragment),
        ("https://user:pass@metod.example.org/", Refusal::Credentials),
        ("https://user@metod.example.org/", Refusal::Credentials),
        ("https://@metod.example.org/", Refusal::Credentials),
        (
            "https://metod.example.org:99999/",
            Refusal::Port("99999".into()),
        ),
        ("https://metod.example.org:0/", Refusal::Port("0".into())),
        (
            "https://metod.example.org:http/",
            Refusal::Port("http".into()),
        ),
        ("https://metod example.org/", Refusal::Space),
        ("https://metod.example.org/a b/", Refusal::Space),
        ("https:///metod/", Refusal::Host("".into())),
        (
            "https://metod<x>.org/",
            Refusal::Host("metod<x>.org".into()),
        ),
        ("https://a..b/", Refusal::Host("a..b".into())),
        ("http://-x-.org/", Refusal::Host("-x-.org".into())),
    ];
    for (bad, why) in cases {
        assert_eq!(check_base(bad), Err(why), "{bad}");
    }
    assert_eq!(
        Refusal::Port("99999".into()).reason(),
        "порт «99999» вне диапазона 1–65535"
    );
}

#[test]
fn a_refused_field_is_kept_for_its_message_and_never_published() {
    let ok: UrlField<LinkUrl> = serde_yaml_ng::from_str("\"plan.pdf\"").unwrap();
    assert_eq!(ok.value().map(LinkUrl::as_str), Some("plan.pdf"));
    assert_eq!(serde_json::to_string(&ok).unwrap(), "\"plan.pdf\"");
    let bad: UrlField<LinkUrl> = serde_yaml_ng::from_str("\" JaVaScRiPt:x\"").unwrap();
    assert_eq!(
        bad.refused(),
        Some((" JaVaScRiPt:x", &Refusal::Scheme("javascript".into())))
    );
    assert_eq!(serde_json::to_string(&bad).unwrap(), "null");
}

#[test]
fn messages_show_what_is_invisible() {
    assert_eq!(visible("\0java\tscript\u{200B}:"), "␀java␉script<U+200B>:");
    assert!(Refusal::Scheme("javascript".into())
        .reason()
        .contains("запускает программу"));
    assert!(Refusal::Scheme("c".into()).reason().contains("«C:»"));
}
