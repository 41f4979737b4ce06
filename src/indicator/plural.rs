//! Russian plural forms of a noun after a number.

/// Picks the form of a word that agrees with `n` by the Russian rules: `one` after
/// 1, 21, 31… (not 11), `few` after 2–4, 22–24… (not 12–14), `many` otherwise
/// (`plural(5, "практика", "практики", "практик")` is «практик»).
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let last_two = n % 100;
    if (11..=14).contains(&last_two) {
        return many;
    }
    match n % 10 {
        1 => one,
        2..=4 => few,
        _ => many,
    }
}

/// `n` followed by the agreeing form: `count_noun(2, "практика", "практики", "практик")`
/// is «2 практики».
pub fn count_noun(n: u64, one: &str, few: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, few, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_rules() {
        let cases = [
            (0, "практик"),
            (1, "практика"),
            (2, "практики"),
            (4, "практики"),
            (5, "практик"),
            (11, "практик"),
            (12, "практик"),
            (14, "практик"),
            (20, "практик"),
            (21, "практика"),
            (22, "практики"),
            (24, "практики"),
            (25, "практик"),
            (101, "практика"),
            (111, "практик"),
            (112, "практик"),
            (1001, "практика"),
        ];
        for (n, want) in cases {
            assert_eq!(plural(n, "практика", "практики", "практик"), want, "{n}");
        }
        assert_eq!(
            count_noun(24, "показатель", "показателя", "показателей"),
            "24 показателя"
        );
    }
}
