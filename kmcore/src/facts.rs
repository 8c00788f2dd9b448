//! The facts an application is evaluated on, with one key per concept.
//!
//! The keys and their allowed values follow the project's facts dictionary:
//! a concept always uses the same key, whichever service asks for it.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::error::{KmError, Result};
use crate::identifier::{PlateScheme, VehicleKind};
use crate::named::named_enum;

/// Calls `$callback!` with the enums whose values facts take: each enum's
/// doc and name, and each variant's doc, name and text
/// (`Name { Variant = "text", ... }`). The one list the core's enums and the
/// bindings' mirrors are built from.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_choice {
    ($callback:ident) => {
        $callback! {
            /// A driving-licence category.
            LicenceCategory {
                /// Motorcycle.
                Motorcycle = "motorcycle",
                /// Motor car or jeep.
                MotorCar = "motor_car",
                /// Sindh's combined motor car and motorcycle licence.
                MotorCarAndMotorcycle = "motor_car_and_motorcycle",
                /// Light transport vehicle.
                Ltv = "ltv",
                /// Heavy transport vehicle.
                Htv = "htv",
                /// Public service vehicle.
                Psv = "psv",
                /// Tractor for farm work (Punjab prices it apart from the commercial one).
                TractorAgricultural = "tractor_agricultural",
                /// Tractor for commercial use (an LTV in Punjab).
                TractorCommercial = "tractor_commercial",
                /// Auto-rickshaw (an LTV in Punjab).
                Rickshaw = "rickshaw",
            }
            /// Which driving test was taken.
            TestKind {
                /// The sign (theory) test.
                SignTest = "sign_test",
                /// The road (practical) test.
                RoadTest = "road_test",
            }
            /// Who files a character-certificate application.
            AppliedBy {
                /// The applicant in person.
                SelfApplicant = "self",
                /// A blood relative on behalf of an applicant abroad.
                BloodRelative = "blood_relative",
            }
            /// The purpose of a certificate or verification.
            Purpose {
                /// For use in Pakistan.
                Local = "local",
                /// For use abroad (visa, immigration).
                Overseas = "overseas",
                /// Verification of a government employee's credentials.
                GovernmentEmployee = "government_employee",
            }
            /// The kind of rented premises.
            Premises {
                /// A home.
                Residential = "residential",
                /// A shop, office or other business premises.
                Commercial = "commercial",
            }
            /// The kind of establishment that reports a guest.
            Establishment {
                /// A hotel.
                Hotel = "hotel",
                /// A guest house.
                GuestHouse = "guest_house",
                /// A hostel.
                Hostel = "hostel",
            }
            /// Who reports a tenancy to the police.
            RegisteredBy {
                /// The owner of the premises.
                Landlord = "landlord",
                /// The tenant.
                Tenant = "tenant",
                /// The property dealer who arranged the tenancy.
                PropertyDealer = "property_dealer",
            }
            /// How an application is made, where a source gives different
            /// fees or rules per channel.
            Channel {
                /// At a service-centre counter.
                Counter = "counter",
                /// Through the police mobile app.
                App = "app",
                /// Through the online portal.
                Online = "online",
            }
        }
    };
}

/// Declares the choice enums from [`for_each_choice!`].
macro_rules! choices {
    ( $( $(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? } )+ ) => {
        $(
            named_enum! {
                $(#[$meta])*
                pub enum $name(stringify!($name), "fact.value") {
                    $( $(#[$vmeta])* $variant = $text, )+
                }
            }
        )+
    };
}

for_each_choice!(choices);

named_enum! {
/// The type of a fact's value.
///
/// # Example
///
/// ```
/// use kmcore::{FactKey, FactType};
/// assert_eq!(FactKey::DateOfBirth.fact_type(), FactType::Date);
/// ```
pub enum FactType("fact type", "fact_type.unknown") {
    /// `true` or `false`.
    Bool = "bool",
    /// A whole number.
    Integer = "integer",
    /// An ISO date, `YYYY-MM-DD`.
    Date = "date",
    /// An RFC 3339 instant with offset.
    Instant = "instant",
    /// One of a closed set of names.
    Choice = "choice",
    /// Free text (an identifier as entered).
    Text = "text",
}
}

/// One fact's value, for code that sets facts by name (bindings, tables).
///
/// # Example
///
/// ```
/// use kmcore::{Facts, FactValue};
/// let mut facts = Facts::default();
/// facts.set("category", FactValue::Text("motor_car".into())).unwrap();
/// facts.set("has_valid_cnic", FactValue::Bool(true)).unwrap();
/// assert_eq!(facts.category, Some(kmcore::LicenceCategory::MotorCar));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum FactValue {
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A date.
    Date(NaiveDate),
    /// An instant.
    Instant(DateTime<FixedOffset>),
    /// Text: a choice's name, an identifier, or an ISO date or instant to parse.
    Text(String),
}

/// The licence terms sold, in years.
const LICENCE_TERMS: [i64; 3] = [1, 3, 5];

trait FromFactValue: Sized {
    fn from_fact(key: &str, value: FactValue) -> Result<Self>;
    fn to_fact(&self) -> FactValue;
    const TYPE: FactType;
    /// Whether [`FromFactValue::check`] can refuse a value of this type
    /// (only instants today): `Facts::validate` skips the other fields at
    /// compile time.
    const RANGE_CHECKED: bool = false;
    /// Checks a value of the right type that may still be out of range.
    fn check(&self) -> Result<()> {
        Ok(())
    }
}

/// Reads an optional fact value and checks it (see [`FromFactValue::check`]),
/// so that JSON can never carry a value the library would refuse later.
fn de_checked<'de, D, T>(d: D) -> std::result::Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromFactValue + serde::Deserialize<'de>,
{
    let value = <Option<T> as serde::Deserialize>::deserialize(d)?;
    if let Some(v) = &value {
        v.check()
            .map_err(|e| <D::Error as serde::de::Error>::custom(e.message()))?;
    }
    Ok(value)
}

fn wrong_type(key: &str, expected: FactType, got: &FactValue) -> KmError {
    KmError::invalid(
        "fact.type",
        match got {
            FactValue::Text(text) => format!(
                "fact `{key}` expects a {expected:?} value, got Text(\"{}\")",
                crate::excerpt(text)
            ),
            other => format!("fact `{key}` expects a {expected:?} value, got {other:?}"),
        },
    )
}

impl FromFactValue for bool {
    const TYPE: FactType = FactType::Bool;
    fn from_fact(key: &str, value: FactValue) -> Result<Self> {
        match value {
            FactValue::Bool(b) => Ok(b),
            other => Err(wrong_type(key, Self::TYPE, &other)),
        }
    }
    fn to_fact(&self) -> FactValue {
        FactValue::Bool(*self)
    }
}

impl FromFactValue for i64 {
    const TYPE: FactType = FactType::Integer;
    fn from_fact(key: &str, value: FactValue) -> Result<Self> {
        match value {
            FactValue::Integer(i) => Ok(i),
            other => Err(wrong_type(key, Self::TYPE, &other)),
        }
    }
    fn to_fact(&self) -> FactValue {
        FactValue::Integer(*self)
    }
}

impl FromFactValue for NaiveDate {
    const TYPE: FactType = FactType::Date;
    fn from_fact(key: &str, value: FactValue) -> Result<Self> {
        match value {
            FactValue::Date(d) => Ok(d),
            FactValue::Text(s) => crate::calendar::parse_date(&s),
            other => Err(wrong_type(key, Self::TYPE, &other)),
        }
    }
    fn to_fact(&self) -> FactValue {
        FactValue::Date(*self)
    }
}

impl FromFactValue for DateTime<FixedOffset> {
    const TYPE: FactType = FactType::Instant;
    fn from_fact(key: &str, value: FactValue) -> Result<Self> {
        match value {
            FactValue::Instant(d) => crate::calendar::check_instant(&d).map(|()| d),
            FactValue::Text(s) => crate::calendar::parse_instant(&s),
            other => Err(wrong_type(key, Self::TYPE, &other)),
        }
    }
    fn to_fact(&self) -> FactValue {
        FactValue::Instant(*self)
    }
    const RANGE_CHECKED: bool = true;
    fn check(&self) -> Result<()> {
        crate::calendar::check_instant(self)
    }
}

impl FromFactValue for String {
    const TYPE: FactType = FactType::Text;
    fn from_fact(key: &str, value: FactValue) -> Result<Self> {
        match value {
            FactValue::Text(s) => Ok(s),
            other => Err(wrong_type(key, Self::TYPE, &other)),
        }
    }
    fn to_fact(&self) -> FactValue {
        FactValue::Text(self.clone())
    }
}

macro_rules! choice_fact {
    ($($ty:ty),+) => {$(
        impl FromFactValue for $ty {
            const TYPE: FactType = FactType::Choice;
            fn from_fact(key: &str, value: FactValue) -> Result<Self> {
                match value {
                    FactValue::Text(s) => s.parse(),
                    other => Err(wrong_type(key, Self::TYPE, &other)),
                }
            }
            fn to_fact(&self) -> FactValue {
                FactValue::Text(self.as_str().to_string())
            }
        }
    )+};
}
choice_fact!(
    LicenceCategory,
    TestKind,
    AppliedBy,
    Purpose,
    Premises,
    Establishment,
    VehicleKind,
    PlateScheme,
    RegisteredBy,
    Channel
);

/// Declares the facts dictionary: the `Facts` struct, the `FactKey` enum and
/// the by-name access, all from one list so they cannot drift apart.
macro_rules! facts {
    (@ty date) => { NaiveDate };
    (@ty instant) => { DateTime<FixedOffset> };
    (@ty bool) => { bool };
    (@ty int) => { i64 };
    (@ty text) => { String };
    (@ty choice($choice:ident)) => { $choice };
    ( $( $(#[$doc:meta])* $variant:ident $field:ident : $kind:ident $(($choice:ident))? ),+ $(,)? ) => {
        /// The facts of one application, every field optional.
        ///
        /// Field names are the keys of the facts dictionary. Deserialising
        /// rejects unknown keys and values outside a key's allowed set.
        ///
        /// # Example
        ///
        /// ```
        /// use kmcore::Facts;
        /// let facts: Facts = serde_json::from_str(
        ///     r#"{"category": "motor_car", "date_of_birth": "2008-03-02", "has_valid_cnic": true}"#,
        /// ).unwrap();
        /// assert_eq!(facts.has_valid_cnic, Some(true));
        /// assert!(serde_json::from_str::<Facts>(r#"{"colour": "red"}"#).is_err());
        /// ```
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct Facts {
            $(
                $(#[$doc])*
                #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_checked")]
                pub $field: Option<facts!(@ty $kind $(($choice))?)>,
            )+
        }

        /// The name of one fact in the dictionary.
        ///
        /// # Example
        ///
        /// ```
        /// use kmcore::FactKey;
        /// let key: FactKey = "learner_issued_on".parse().unwrap();
        /// assert_eq!(key, FactKey::LearnerIssuedOn);
        /// assert_eq!(key.as_str(), "learner_issued_on");
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FactKey {
            $( $(#[$doc])* $variant, )+
        }

        impl FactKey {
            /// Every key, in dictionary order.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::FactKey;
            /// let names: Vec<_> = FactKey::ALL.iter().map(|k| k.as_str()).collect();
            #[doc = concat!("assert_eq!(names, [", $( "\"", stringify!($field), "\", ", )+ "]);")]
            /// ```
            pub const ALL: &'static [FactKey] = &[ $( FactKey::$variant ),+ ];

            /// The key's name, as used in JSON and tables.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::{FactKey, Facts};
            /// assert_eq!(FactKey::DateOfBirth.as_str(), "date_of_birth");
            /// // The name is the `Facts` field's JSON key.
            /// let facts: Facts = serde_json::from_str(r#"{"engine_cc": 70}"#).unwrap();
            /// assert!(facts.has("engine_cc".parse::<FactKey>().unwrap()));
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $( FactKey::$variant => stringify!($field) ),+ }
            }

            /// The position in `ALL` (below 64: a set of keys is one `u64`).
            pub(crate) const fn index(self) -> usize {
                self as usize
            }

            /// The type of the key's value.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::{FactKey, FactType};
            /// assert_eq!(FactKey::DateOfBirth.fact_type(), FactType::Date);
            /// assert_eq!(FactKey::EngineCc.fact_type(), FactType::Integer);
            /// assert_eq!(FactKey::Category.fact_type(), FactType::Choice);
            /// assert_eq!(FactKey::Urgent.fact_type(), FactType::Bool);
            /// ```
            pub const fn fact_type(self) -> FactType {
                match self { $( FactKey::$variant => <facts!(@ty $kind $(($choice))?) as FromFactValue>::TYPE ),+ }
            }
        }

        impl Facts {
            /// True when the fact is set.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::{Facts, FactKey};
            /// let facts = Facts { urgent: Some(false), ..Facts::default() };
            /// assert!(facts.has(FactKey::Urgent));
            /// assert!(!facts.has(FactKey::Category));
            /// ```
            // Not inlined: inlined into a loop over a service's few required
            // facts, the compiler hoists the test of every field (about 200
            // instructions) out of the loop; called, it is one jump.
            #[inline(never)]
            pub fn has(&self, key: FactKey) -> bool {
                match key { $( FactKey::$variant => self.$field.is_some() ),+ }
            }

            /// Sets a fact by name.
            ///
            /// # Errors
            ///
            /// `InvalidInput` when the key is not in the dictionary or the
            /// value has the wrong type or is outside the allowed values.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::{Facts, FactValue};
            /// let mut facts = Facts::default();
            /// facts.set("date_of_birth", FactValue::Text("2000-01-31".into())).unwrap();
            /// assert!(facts.set("category", FactValue::Text("tank".into())).is_err());
            /// assert!(facts.set("shoe_size", FactValue::Integer(9)).is_err());
            /// ```
            pub fn set(&mut self, key: &str, value: FactValue) -> Result<()> {
                match key {
                    $( stringify!($field) => {
                        self.$field = Some(<facts!(@ty $kind $(($choice))?) as FromFactValue>::from_fact(key, value)?);
                        Ok(())
                    } )+
                    _ => Err(KmError::invalid(
                        "fact.unknown",
                        format!("`{}` is not a key of the facts dictionary", crate::excerpt(key)),
                    )),
                }
            }

            /// Gets a fact by key, or `None` when it is not set.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::{Facts, FactKey, FactValue};
            /// let facts = Facts { engine_cc: Some(70), ..Facts::default() };
            /// assert_eq!(facts.get(FactKey::EngineCc), Some(FactValue::Integer(70)));
            /// ```
            pub fn get(&self, key: FactKey) -> Option<FactValue> {
                match key { $( FactKey::$variant => self.$field.as_ref().map(FromFactValue::to_fact) ),+ }
            }

            /// Clears a fact.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::{Facts, FactKey};
            /// let mut facts = Facts { urgent: Some(true), ..Facts::default() };
            /// facts.clear(FactKey::Urgent);
            /// assert!(!facts.has(FactKey::Urgent));
            /// ```
            pub fn clear(&mut self, key: FactKey) {
                match key { $( FactKey::$variant => self.$field = None ),+ }
            }

            /// Checks every value is in range: instants as
            /// [`crate::calendar::check_instant`], `licence_term_years`
            /// one of the terms sold (1, 3 or 5) and `previous_restorations`
            /// not negative. Evaluation and `apply`
            /// call it; JSON already refuses out-of-range instants.
            ///
            /// # Errors
            ///
            /// `InvalidInput`: `date.out_of_range`, `date.offset_seconds`
            /// or `fact.out_of_range`, naming the fact.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::Facts;
            /// Facts { licence_term_years: Some(3), ..Facts::default() }.validate().unwrap();
            /// let err = Facts { licence_term_years: Some(2), ..Facts::default() }.validate().unwrap_err();
            /// assert_eq!(err.code(), "fact.out_of_range");
            /// let err = Facts { previous_restorations: Some(-1), ..Facts::default() }.validate().unwrap_err();
            /// assert_eq!(err.code(), "fact.out_of_range");
            /// ```
            #[inline]
            pub fn validate(&self) -> Result<()> {
                if self.in_range() {
                    Ok(())
                } else {
                    Err(self.range_error())
                }
            }

            /// True when no fact is out of range: the test every evaluation
            /// makes, kept apart from the building of the error.
            #[inline]
            fn in_range(&self) -> bool {
                $(
                    (!<facts!(@ty $kind $(($choice))?) as FromFactValue>::RANGE_CHECKED
                        || self.$field.as_ref().is_none_or(|v| v.check().is_ok())) &&
                )+
                self.previous_restorations.is_none_or(|n| n >= 0)
                    && self.licence_term_years.is_none_or(|years| LICENCE_TERMS.contains(&years))
            }

            /// The error of the first fact out of range.
            #[cold]
            #[inline(never)]
            fn range_error(&self) -> KmError {
                $(
                    if <facts!(@ty $kind $(($choice))?) as FromFactValue>::RANGE_CHECKED
                        && let Some(Err(e)) = self.$field.as_ref().map(FromFactValue::check)
                    {
                        return KmError::invalid(
                            e.code(),
                            format!("fact `{}`: {}", stringify!($field), e.message()),
                        );
                    }
                )+
                if let Some(n) = self.previous_restorations.filter(|n| *n < 0) {
                    return KmError::invalid(
                        "fact.out_of_range",
                        format!(
                            "fact `previous_restorations`: {} is not a number of times (0 or more)",
                            crate::excerpt(&n.to_string())
                        ),
                    );
                }
                let years = self.licence_term_years.unwrap_or_default();
                KmError::invalid(
                    "fact.out_of_range",
                    format!(
                        "fact `licence_term_years`: {} is not a licence term (1, 3 or 5 years)",
                        crate::excerpt(&years.to_string())
                    ),
                )
            }

            /// Unsets every fact, as `*self = Facts::default()` does, but
            /// field by field: a batch clears a request for each row, and
            /// the assignment copies a blank value through the stack,
            /// where the processor stalls reading back what it has just
            /// written in smaller pieces.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::Facts;
            /// let mut facts = Facts { urgent: Some(true), engine_cc: Some(70), ..Facts::default() };
            /// facts.clear_all();
            /// assert_eq!(facts, Facts::default());
            /// ```
            #[inline]
            pub fn clear_all(&mut self) {
                $( self.$field = None; )+
            }

            /// Copies every fact set in `other` over this one.
            ///
            /// # Example
            ///
            /// ```
            /// use kmcore::Facts;
            /// let mut a = Facts { urgent: Some(true), ..Facts::default() };
            /// a.merge(&Facts { engine_cc: Some(70), ..Facts::default() });
            /// assert_eq!((a.urgent, a.engine_cc), (Some(true), Some(70)));
            /// ```
            pub fn merge(&mut self, other: &Facts) {
                $( if other.$field.is_some() { self.$field.clone_from(&other.$field); } )+
            }
        }
    };
}

/// Calls `$callback!` with the facts dictionary: each fact's doc, key
/// variant, field and kind (`date`, `instant`, `bool`, `int`, `text` or
/// `choice(Enum)`). The one list the core's `Facts` and `FactKey` and the
/// bindings' mirrors are built from.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_fact {
    ($callback:ident) => {
        $callback! {
            /// Applicant's date of birth.
            DateOfBirth date_of_birth: date,
            /// Driving-licence category applied for or held.
            Category category: choice(LicenceCategory),
            /// The person concerned presents a valid original CNIC (or B-Form).
            HasValidCnic has_valid_cnic: bool,
            /// Date the current learner permit was issued.
            LearnerIssuedOn learner_issued_on: date,
            /// The sign (theory) test was passed.
            PassedSignTest passed_sign_test: bool,
            /// The road (practical) test was passed.
            PassedRoadTest passed_road_test: bool,
            /// Issue date of the applicant's existing driving licence.
            LicenceHeldSince licence_held_since: date,
            /// Term bought or renewed, in years.
            LicenceTermYears licence_term_years: int,
            /// The urgent (fast-track) option is chosen.
            Urgent urgent: bool,
            /// The extra medical fitness certificate of older applicants is supplied.
            HasMedicalFitnessCertificate has_medical_fitness_certificate: bool,
            /// Which test was failed.
            FailedTest failed_test: choice(TestKind),
            /// Date of the failed test.
            FailedTestOn failed_test_on: date,
            /// Expiry date (last valid day) of the licence being renewed.
            ExpiresOn expires_on: date,
            /// Holds a valid Pakistani driving licence.
            HasValidNationalLicence has_valid_national_licence: bool,
            /// Holds a valid or approved visa.
            HasValidVisa has_valid_visa: bool,
            /// Engine displacement of the motorcycle, in cc.
            EngineCc engine_cc: int,
            /// A parent's or guardian's consent is given.
            ParentalConsent parental_consent: bool,
            /// Original passport presented.
            HasPassport has_passport: bool,
            /// Affidavit supplied.
            HasAffidavit has_affidavit: bool,
            /// The person the certificate is for is outside Pakistan.
            ApplicantAbroad applicant_abroad: bool,
            /// Who files the application.
            AppliedBy applied_by: choice(AppliedBy),
            /// An attested authority letter from the applicant abroad is supplied.
            HasAuthorityLetter has_authority_letter: bool,
            /// The required photograph(s) are supplied.
            HasPhotograph has_photograph: bool,
            /// The CNIC shows an address in the jurisdiction.
            HasLocalAddress has_local_address: bool,
            /// Proof of residence or a rent agreement for the jurisdiction is supplied.
            HasResidenceProof has_residence_proof: bool,
            /// Purpose of the certificate or verification.
            Purpose purpose: choice(Purpose),
            /// Issue date of the certificate being checked.
            IssuedOn issued_on: date,
            /// Kind of rented premises.
            Premises premises: choice(Premises),
            /// The written rent agreement is supplied.
            HasRentAgreement has_rent_agreement: bool,
            /// Moment possession of the premises passed to the tenant.
            PossessionAt possession_at: instant,
            /// Moment the guest or resident checked in.
            CheckedInAt checked_in_at: instant,
            /// Moment the tenant or guest was reported to the police.
            ReportedAt reported_at: instant,
            /// Kind of establishment with the guest.
            Establishment establishment: choice(Establishment),
            /// The domestic worker or employee attends in person.
            WorkerPresent worker_present: bool,
            /// Pakistani citizen.
            IsCitizen is_citizen: bool,
            /// Holds a domicile of the jurisdiction.
            HasDomicile has_domicile: bool,
            /// On the FBR active taxpayers list.
            IsActiveTaxpayer is_active_taxpayer: bool,
            /// Has a criminal record or conviction.
            HasCriminalRecord has_criminal_record: bool,
            /// Is a fugitive from law.
            IsFugitive is_fugitive: bool,
            /// Member of a proscribed organisation.
            IsProscribedMember is_proscribed_member: bool,
            /// Physically, mentally or psychologically infirm.
            IsInfirm is_infirm: bool,
            /// Kind of vehicle.
            VehicleKind vehicle_kind: choice(VehicleKind),
            /// Plate numbering scheme a plate is checked against.
            PlateScheme plate_scheme: choice(PlateScheme),
            /// An identifier exactly as entered.
            Value value: text,
            /// The arms licence asked for is for a prohibited bore.
            IsProhibitedBore is_prohibited_bore: bool,
            /// The person lives in the area the programme serves.
            ResidesInArea resides_in_area: bool,
            /// Who reports the tenancy (landlord, tenant or property dealer).
            RegisteredBy registered_by: choice(RegisteredBy),
            /// A vehicle forensic report is asked for with the verification.
            WantsForensicReport wants_forensic_report: bool,
            /// The document being replaced was lost (not damaged), so a loss report is needed.
            DocumentLost document_lost: bool,
            /// How the application is made (counter, app, online portal); asked only where a source gives different fees or rules per channel.
            Channel channel: choice(Channel),
            /// How many times the licence was restored before (0 for a first restoration).
            PreviousRestorations previous_restorations: int,
        }
    };
}

for_each_fact!(facts);

/// Defines `missing_bit!(facts, Key)`: the bit of `Key` (see
/// [`FactKey::index`]) when that fact is not set in `facts`, else 0, read
/// straight from the field. Services declare their required facts with it
/// (`services::required_facts!`), so finding a request's missing facts is a
/// few field reads rather than a lookup per key.
macro_rules! define_missing_bit {
    ( $( $(#[$doc:meta])* $variant:ident $field:ident : $kind:ident $(($choice:ident))? ),+ $(,)? ) => {
        macro_rules! missing_bit {
            $( ($facts:expr, $variant) => {
                u64::from($facts.$field.is_none()) << FactKey::$variant.index()
            }; )+
        }
        pub(crate) use missing_bit;
    };
}

for_each_fact!(define_missing_bit);

impl FactKey {
    /// The keys of a set with one bit per key (bit `k.index()`), in the
    /// order of [`FactKey::ALL`]; only the set bits are visited, so an
    /// empty set costs nothing.
    pub(crate) fn in_set(set: u64) -> impl Iterator<Item = FactKey> {
        let mut rest = set;
        std::iter::from_fn(move || {
            while rest != 0 {
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                if let Some(key) = FactKey::ALL.get(bit) {
                    return Some(*key);
                }
            }
            None
        })
    }
}

impl std::str::FromStr for FactKey {
    type Err = KmError;
    fn from_str(s: &str) -> Result<Self> {
        FactKey::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                KmError::invalid(
                    "fact.unknown",
                    format!(
                        "`{}` is not a key of the facts dictionary",
                        crate::excerpt(s)
                    ),
                )
            })
    }
}

impl std::fmt::Display for FactKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Facts {
    /// The keys that are set, in dictionary order.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Facts, FactKey};
    /// let facts = Facts { urgent: Some(true), category: Some(kmcore::LicenceCategory::Htv), ..Facts::default() };
    /// assert_eq!(facts.keys().collect::<Vec<_>>(), vec![FactKey::Category, FactKey::Urgent]);
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = FactKey> + '_ {
        FactKey::ALL.iter().copied().filter(|k| self.has(*k))
    }

    /// Parses facts from a JSON object.
    ///
    /// # Errors
    ///
    /// `InvalidInput` for malformed JSON, unknown keys, or values of the
    /// wrong type or outside the allowed set.
    ///
    /// # Example
    ///
    /// ```
    /// let facts = kmcore::Facts::from_json(r#"{"engine_cc": 70}"#).unwrap();
    /// assert_eq!(facts.engine_cc, Some(70));
    /// let err = kmcore::Facts::from_json(r#"{"engine": 70}"#).unwrap_err();
    /// assert!(err.message().contains("engine"));
    /// ```
    pub fn from_json(text: &str) -> Result<Facts> {
        serde_json::from_str(text).map_err(|e| KmError::invalid("fact.json", format!("facts: {e}")))
    }

    /// Writes the set facts as a compact, canonical byte string (for hashing).
    pub(crate) fn write_canonical(&self, out: &mut Vec<u8>) {
        for key in self.keys() {
            match self.get(key) {
                // An instant with a sub-second part (or a leap second) is
                // marked `key | 0x80` and carries its nanoseconds; whole
                // seconds keep the encoding logs were first written with.
                Some(FactValue::Instant(t)) if t.timestamp_subsec_nanos() != 0 => {
                    out.push(key as u8 | 0x80);
                    out.extend_from_slice(&t.timestamp().to_le_bytes());
                    out.extend_from_slice(&t.offset().local_minus_utc().to_le_bytes());
                    out.extend_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
                    continue;
                }
                _ => out.push(key as u8),
            }
            match self.get(key) {
                Some(FactValue::Bool(b)) => out.push(u8::from(b)),
                Some(FactValue::Integer(i)) => out.extend_from_slice(&i.to_le_bytes()),
                Some(FactValue::Date(d)) => {
                    out.extend_from_slice(&chrono::Datelike::num_days_from_ce(&d).to_le_bytes())
                }
                Some(FactValue::Instant(t)) => {
                    out.extend_from_slice(&t.timestamp().to_le_bytes());
                    out.extend_from_slice(&t.offset().local_minus_utc().to_le_bytes());
                }
                Some(FactValue::Text(s)) => {
                    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
                    out.extend_from_slice(s.as_bytes());
                }
                None => {}
            }
        }
        out.push(0xff);
    }
}

#[cfg(test)]
mod tests {
    use super::FactKey;
    use proptest::prelude::*;

    proptest! {
        /// Visiting the set bits gives the keys a scan of `ALL` would, in
        /// the same order, whatever the set (bits past the last key too).
        #[test]
        fn in_set_lists_the_keys_of_the_set(set in any::<u64>()) {
            let scanned: Vec<FactKey> = FactKey::ALL
                .iter()
                .copied()
                .filter(|k| set & (1 << k.index()) != 0)
                .collect();
            prop_assert_eq!(FactKey::in_set(set).collect::<Vec<_>>(), scanned);
        }
    }

    #[test]
    fn in_set_of_nothing_and_of_everything() {
        assert_eq!(FactKey::in_set(0).count(), 0);
        assert_eq!(
            FactKey::in_set(u64::MAX).collect::<Vec<_>>(),
            FactKey::ALL.to_vec()
        );
    }
}
