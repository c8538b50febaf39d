//! A meeting's deck (会议投屏): which slides, in which order, over which members. What a slide
//! says is `present`'s; this is what the secretary keeps of a deck.

use crate::domain::ZoneId;
use crate::i18n::Lang;

crate::labelled_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum SlideKind {
        Title = ("title", "封面", "Title"),
        Glance = ("glance", "联合会概况", "The federation at a glance"),
        Zones = ("zones", "各片区成员", "Members by zone"),
        Industries = ("industries", "各行业成员", "Members by industry"),
        Visit = ("visit", "本月互访", "This month's visit"),
        Leaderboard = ("leaderboard", "技术比武排行", "Contest leaderboard"),
        Savings = ("savings", "供需对接成果", "Supplier matching"),
        SavingsTrend = ("savings-trend", "节约成效走势", "Savings over the months"),
        PairsMap = ("pairs-map", "对接地图", "The pairs on the park map"),
        ServiceWeek = ("service-week", "服务周安排", "The service week"),
        Requests = ("requests", "企业诉求办理", "Requests"),
        Departments = ("departments", "各部门按时办结率", "On time by department"),
        RequestTrend = ("request-trend", "诉求受理走势", "Requests over the months"),
    }
}

crate::labelled_enum! {
    /// The meetings a deck is for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Meeting {
        #[default]
        Council = ("council", "理事会", "Council meeting"),
        Visit = ("visit", "月度互访会", "Monthly visit"),
        Contest = ("contest", "季度比武", "Quarterly contest"),
        ServiceWeek = ("service-week", "服务周", "Service week"),
        Custom = ("custom", "自定义", "Custom"),
    }
}

impl Meeting {
    /// The slides a new deck for the meeting starts with, in order.
    pub fn slides(self) -> &'static [SlideKind] {
        use SlideKind::*;
        match self {
            Self::Council => &[
                Title,
                Glance,
                Zones,
                Industries,
                Savings,
                SavingsTrend,
                PairsMap,
                Requests,
                Departments,
                RequestTrend,
                Leaderboard,
            ],
            Self::Visit => &[Title, Visit, Savings, PairsMap],
            Self::Contest => &[Title, Leaderboard],
            Self::ServiceWeek => &[Title, ServiceWeek, Requests, Departments, RequestTrend],
            Self::Custom => &[Title, Glance],
        }
    }
}

/// A deck: which slides, in which order, over which members.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    /// `None` until saved.
    pub id: Option<i64>,
    pub name: String,
    pub meeting: Meeting,
    pub slides: Vec<SlideKind>,
    /// Only this zone's members on the slides that count members, pairs and requests.
    pub zone: Option<ZoneId>,
    /// Phone numbers and employee numbers may show (off unless the secretary turns it on).
    pub personal: bool,
}

impl Deck {
    /// The deck a meeting starts with.
    pub fn standard(meeting: Meeting, lang: Lang) -> Self {
        Self {
            id: None,
            name: meeting.label(lang).to_string(),
            meeting,
            slides: meeting.slides().to_vec(),
            zone: None,
            personal: false,
        }
    }
}

/// Slide kinds as stored: their codes, in order.
pub fn slide_codes(slides: &[SlideKind]) -> String {
    slides.iter().map(|k| k.code()).collect::<Vec<_>>().join(",")
}

/// Stored codes back to slide kinds; codes this build does not know are skipped.
pub fn slides_from_codes(codes: &str) -> Vec<SlideKind> {
    codes.split(',').filter_map(|c| SlideKind::from_code(c.trim())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides_are_stored_as_codes_in_order() {
        let slides = Meeting::Council.slides();
        assert_eq!(slides_from_codes(&slide_codes(slides)), slides);
        assert_eq!(slides_from_codes("title,hologram,glance"), [SlideKind::Title, SlideKind::Glance]);
    }
}
