//! The publication deadline an office sets for the annual reports: by
//! default 4月1日 of the year after the year reported on (《法治政府建设与责任
//! 落实督察工作规定》: reports are published by the end of the first quarter).

use jiff::civil::Date;

/// When a report must be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// This month and day of the year after the report's year.
    EachYear {
        /// 1–12.
        month: i8,
        /// 1–31.
        day: i8,
    },
    /// One date for every report in the folder.
    Fixed(Date),
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline::EachYear { month: 4, day: 1 }
    }
}

impl Deadline {
    /// Reads `04-01`, `4-1`, `4月1日` (each year) or `2026-03-31` (fixed).
    pub fn parse(s: &str) -> Option<Deadline> {
        let s = s.trim();
        if let Ok(date) = s.parse::<Date>() {
            return Some(Deadline::Fixed(date));
        }
        let cleaned = s.replace(['月', '/', '.'], "-").replace('日', "");
        let (m, d) = cleaned.split_once('-')?;
        let month: i8 = m.trim().parse().ok()?;
        let day: i8 = d.trim().parse().ok()?;
        // Checked against a leap year so 2月29日 is accepted.
        Date::new(2024, month, day).ok()?;
        Some(Deadline::EachYear { month, day })
    }

    /// The deadline for a report on `year` (`None` when it depends on an
    /// unknown year).
    pub fn for_year(&self, year: Option<i32>) -> Option<Date> {
        match *self {
            Deadline::Fixed(d) => Some(d),
            Deadline::EachYear { month, day } => {
                let y = i16::try_from(year?.checked_add(1)?).ok()?;
                // 2月29日 in a common year falls back to the 28th.
                Date::new(y, month, day)
                    .or_else(|_| Date::new(y, month, day - 1))
                    .ok()
            }
        }
    }

    /// As the user would write it (`4月1日`, `2026-03-31`).
    pub fn label(&self) -> String {
        self.label_in(crate::i18n::Lang::Zh)
    }

    /// As a user of `lang` would write it (`4月1日` / `04-01`); [`parse`]
    /// reads either back.
    ///
    /// [`parse`]: Deadline::parse
    pub fn label_in(&self, lang: crate::i18n::Lang) -> String {
        match (self, lang) {
            (Deadline::EachYear { month, day }, crate::i18n::Lang::Zh) => {
                format!("{month}月{day}日")
            }
            (Deadline::EachYear { month, day }, _) => format!("{month:02}-{day:02}"),
            (Deadline::Fixed(d), _) => d.to_string(),
        }
    }
}

/// Reads an ISO date (`2021-03-30`) as stored in the metadata.
pub fn parse_iso(s: &str) -> Option<Date> {
    s.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_april_first_of_the_next_year() {
        let d = Deadline::default();
        assert_eq!(d.for_year(Some(2019)), Some(jiff::civil::date(2020, 4, 1)));
        assert_eq!(d.for_year(None), None);
    }

    #[test]
    fn deadlines_are_read_in_the_ways_people_write_them() {
        let each = Deadline::EachYear { month: 3, day: 31 };
        assert_eq!(Deadline::parse("03-31"), Some(each));
        assert_eq!(Deadline::parse("3月31日"), Some(each));
        assert_eq!(
            Deadline::parse("2026-03-31"),
            Some(Deadline::Fixed(jiff::civil::date(2026, 3, 31)))
        );
        assert_eq!(Deadline::parse("13-01"), None);
        assert_eq!(Deadline::parse("soon"), None);
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            for d in [each, Deadline::Fixed(jiff::civil::date(2027, 1, 5))] {
                assert_eq!(Deadline::parse(&d.label_in(lang)), Some(d));
            }
        }
        let leap = Deadline::parse("2-29").unwrap();
        assert_eq!(
            leap.for_year(Some(2020)),
            Some(jiff::civil::date(2021, 2, 28))
        );
    }
}
