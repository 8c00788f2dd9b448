//! Where the rules apply.

use crate::named::named_enum;

named_enum! {
    /// A province or territory whose police run service centres.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Jurisdiction;
    /// let j: Jurisdiction = "ICT".parse().unwrap();
    /// assert_eq!(j, Jurisdiction::ICT);
    /// assert_eq!(j.as_str(), "ICT");
    /// assert_eq!(j.name(), "Islamabad Capital Territory");
    /// assert!("XX".parse::<Jurisdiction>().is_err());
    /// ```
    pub enum Jurisdiction("jurisdiction", "jurisdiction.unknown") {
        /// Punjab.
        PB = "PB",
        /// Islamabad Capital Territory.
        ICT = "ICT",
        /// Sindh.
        SD = "SD",
        /// Khyber Pakhtunkhwa.
        KP = "KP",
    }
}

impl Jurisdiction {
    /// The English name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Jurisdiction::SD.name(), "Sindh");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Jurisdiction::PB => "Punjab",
            Jurisdiction::ICT => "Islamabad Capital Territory",
            Jurisdiction::SD => "Sindh",
            Jurisdiction::KP => "Khyber Pakhtunkhwa",
        }
    }

    /// The Urdu name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Jurisdiction::PB.name_ur(), "پنجاب");
    /// ```
    pub const fn name_ur(self) -> &'static str {
        match self {
            Jurisdiction::PB => "پنجاب",
            Jurisdiction::ICT => "اسلام آباد",
            Jurisdiction::SD => "سندھ",
            Jurisdiction::KP => "خیبر پختونخوا",
        }
    }
}
