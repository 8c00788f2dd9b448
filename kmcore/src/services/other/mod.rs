//! Other services: lost-document and crime reports, FIR copies, vehicle
//! verification and community-policing enrolment.

pub mod community_policing;
pub mod crime_report;
pub mod fir_copy;
pub mod lost_report;
pub mod vehicle_verification;
