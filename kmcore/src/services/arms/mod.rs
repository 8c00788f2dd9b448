//! Arms licences (Punjab): a new non-prohibited-bore licence, renewal and
//! duplicates.

pub mod arms_licence_duplicate;
pub mod arms_licence_new;
pub mod arms_licence_renewal;
