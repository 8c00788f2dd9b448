//! Arms licences (Punjab): a new non-prohibited-bore licence, renewal and
//! duplicates and the all-Pakistan extension.

pub mod arms_all_pakistan;
pub mod arms_licence_duplicate;
pub mod arms_licence_new;
pub mod arms_licence_renewal;
