use super::*;
use Recurrence::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

const ALL: [u32; 12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const SCHOOL: [u32; 9] = [1, 2, 3, 4, 5, 9, 10, 11, 12];

/// Real «Период» cells of seeds 000, 001, 002, 003 and 004.
#[test]
fn periods_from_the_documents() {
    let cases: Vec<(&str, &[u32], &[i32], Recurrence)> = vec![
        ("январь", &[1], &[], Once),
        ("в течение года", &ALL, &[], Throughout),
        ("В течение года", &ALL, &[], Throughout),
        ("В течение учебного года", &SCHOOL, &[], Throughout),
        ("ежемесячно", &ALL, &[], Monthly),
        ("Ежемесячно в течение года", &ALL, &[], Monthly),
        ("1 раз в месяц", &ALL, &[], Monthly),
        ("ежеквартально", &[], &[], Quarterly),
        ("сентябрь - октябрь", &[9, 10], &[], Once),
        ("Сентябрь -Октябрь 2025", &[9, 10], &[2025], Once),
        ("март, апрель", &[3, 4], &[], Once),
        ("март, июнь", &[3, 6], &[], Once),
        ("I квартал", &[1, 2, 3], &[], Once),
        ("Ежегодно 4 квартал", &[10, 11, 12], &[], Yearly),
        ("II полугодие", &[7, 8, 9, 10, 11, 12], &[], Once),
        ("по отдельному графику", &[], &[], BySchedule),
        ("по отдельному графику (Приложение 1)", &[], &[], BySchedule),
        ("по отдельно му плану", &[], &[], BySchedule),
        ("По планам ППО, СПС", &[], &[], BySchedule),
        ("Согласно плану работы управления образования", &[], &[], BySchedule),
        ("В соответствии с графиком проведения оценочных процедур", &[], &[], BySchedule),
        ("январь-май", &[1, 2, 3, 4, 5], &[], Once),
        ("Январь- февраль", &[1, 2], &[], Once),
        ("Июнь- август", &[6, 7, 8], &[], Once),
        ("2025-2027", &[], &[2025, 2026, 2027], Throughout),
        ("2025- 2027гг..", &[], &[2025, 2026, 2027], Throughout),
        ("2025 – 2027 гг.", &[], &[2025, 2026, 2027], Throughout),
        ("2023–2024 годы", &[], &[2023, 2024], Throughout),
        ("2026г.", &[], &[2026], Once),
        ("В течение 2027 года", &ALL, &[2027], Throughout),
        ("Ежегодно 2025- 2027гг.", &[], &[2025, 2026, 2027], Yearly),
        ("2023, далее ежегодно", &[], &[2023], Yearly),
        ("постоянно", &ALL, &[], Throughout),
        ("Постоянно по запросам", &[], &[], OnRequest),
        ("по запросу", &[], &[], OnRequest),
        ("в течение года (по запросу)", &[], &[], OnRequest),
        ("в течение года (еженедельно, ежемесячно)", &ALL, &[], Weekly),
        ("Февраль ежегодно", &[2], &[], Yearly),
        ("Февраль Ноябрь (ежегодно)", &[2, 11], &[], Yearly),
        ("Март, декабрь ежегодно", &[3, 12], &[], Yearly),
        ("Ноябрь - декабрь, ежегодно", &[11, 12], &[], Yearly),
        ("Март-май (ежегодно)", &[3, 4, 5], &[], Yearly),
        ("Ноябрь 2025г.- январь 2026г.", &[1, 11, 12], &[2025, 2026], Once),
        ("Декабрь 2024-январь-2025 Декабрь 2025-январь-2026", &[1, 12], &[2024, 2025, 2026], Once),
        ("Март -июнь 2023г. <i>По графику</i>", &[3, 4, 5, 6], &[2023], BySchedule),
        ("май-август (до 10.09 – загрузка заявок в АИС)", &[5, 6, 7, 8], &[], Once),
        ("ноябрь 2023 года ноябрь 2024 года", &[11], &[2023, 2024], Once),
        ("Сентябрь, ноябрь 2023г.", &[9, 11], &[2023], Once),
        ("Содействие функционированию РС НМС", &[], &[], Unspecified),
        ("", &[], &[], Unspecified),
        (
            "в течение года (http://ura.ru/images/doc/Приказ_21_5_от_28.05.2024г._МУн.План_мероприятийпо_ФГ_2024-2025.pdf)",
            &ALL,
            &[],
            Throughout,
        ),
        ("апрель-май http://uou.ra.ru/images/doc/Приказ_83_от_26.02.2025г._Мун.pdf", &[4, 5], &[], Once),
        ("По отдельному плану (http://zhiguo.ucoz .", &[], &[], BySchedule),
        (
            "По отдельному плану (ссылка на муниципальный документ) Приказ Комитета по образованию №24-1 от 30.01.2025г. http:/",
            &[],
            &[],
            BySchedule,
        ),
    ];
    for (raw, months, years, recurrence) in cases {
        let p = parse_period(raw);
        assert_eq!(p.raw, raw);
        assert_eq!(p.months, months, "months of {raw:?}");
        assert_eq!(p.years, years, "years of {raw:?}");
        assert_eq!(p.recurrence, recurrence, "recurrence of {raw:?}");
    }
}

#[test]
fn days_and_deadlines() {
    let p = parse_period("до 01.09.2023");
    assert_eq!(p.deadline, Some(ymd(2023, 9, 1)));
    assert_eq!((p.months.len(), p.dates.len(), p.recurrence), (0, 0, Once));

    let p = parse_period("25.01.2023");
    assert_eq!(
        (p.dates.clone(), p.months.clone(), p.years.clone()),
        (vec![ymd(2023, 1, 25)], vec![1], vec![2023])
    );
    assert_eq!(p.recurrence, Once);

    let p = parse_period("с 17.10 по 20.10.2023г.");
    assert_eq!(p.dates, [ymd(2023, 10, 17), ymd(2023, 10, 20)]);
    assert_eq!(p.months, [10]);

    let p = parse_period("27-28.04.2023");
    assert_eq!(p.dates, [ymd(2023, 4, 27), ymd(2023, 4, 28)]);

    let p = parse_period("10.03.-28.04.2023");
    assert_eq!(p.months, [3, 4]);
    assert_eq!(p.dates, [ymd(2023, 3, 10), ymd(2023, 4, 28)]);

    let p = parse_period("15.02. - 15.06.2023");
    assert_eq!(p.months, [2, 3, 4, 5, 6]);

    let p = parse_period("03.11.2023г. 15.00");
    assert_eq!(p.dates, [ymd(2023, 11, 3)]);

    let p = parse_period("<p>31.05.2023г.</p>");
    assert_eq!(p.dates, [ymd(2023, 5, 31)]);

    let p = parse_period("01.03.2023 года 01.02.2024 года");
    assert_eq!(p.dates, [ymd(2023, 3, 1), ymd(2024, 2, 1)]);
    assert_eq!(p.months, [2, 3]);

    // A day without a year takes the page's year.
    let p = parse_period_in("октябрь (до 10.11 – загрузка отчетов в АИС)", Some(2025));
    assert_eq!(
        (p.months.clone(), p.deadline),
        (vec![10], Some(ymd(2025, 11, 10)))
    );
    let p = parse_period("октябрь (до 10.11 – загрузка отчетов в АИС)");
    assert_eq!((p.months.clone(), p.deadline), (vec![10], None));

    // The date of an order is not the date of the activity.
    let p = parse_period("По отдельному плану Приказ №24-1 от 30.01.2025г.");
    assert!(p.dates.is_empty());

    let p = parse_period_in("27 марта", Some(2025));
    assert_eq!(
        (p.months.clone(), p.dates.clone()),
        (vec![3], vec![ymd(2025, 3, 27)])
    );
    let p = parse_period("14 марта 2025 г.");
    assert_eq!(
        (p.dates.clone(), p.years.clone()),
        (vec![ymd(2025, 3, 14)], vec![2025])
    );
    let p = parse_period("25 августа 2025 года");
    assert_eq!(p.dates, [ymd(2025, 8, 25)]);

    let p = parse_period("31.02.2023");
    assert!(p.dates.is_empty());
}

#[test]
fn odd_text_never_panics() {
    for raw in [
        "-",
        "–––",
        "до",
        "по",
        "от",
        "99.99.9999",
        "2100-1990",
        "i квартал iv квартал",
        "май май май",
        "12-",
        "-12.05",
        "ё",
    ] {
        let _ = parse_period(raw);
        let _ = parse_period_in(raw, Some(2025));
    }
    let p = parse_period("2100-1990");
    assert_eq!(p.years, [1990, 2100]);
}

#[test]
fn labels() {
    assert_eq!(Yearly.label(), "ежегодно");
    assert_eq!(serde_json::to_value(OnRequest).unwrap(), "on_request");
}
