//! Where the park is, and where a supplier is relative to it.

/// The park's city and province, as the secretary set them (宁波 / 浙江). Empty when not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParkPlace {
    pub city: String,
    pub province: String,
}

impl ParkPlace {
    pub fn new(city: &str, province: &str) -> Self {
        Self { city: super::text::clean(city), province: super::text::clean(province) }
    }
}

/// For records whose fields do not depend on where the park is.
pub static NOWHERE: ParkPlace = ParkPlace { city: String::new(), province: String::new() };
