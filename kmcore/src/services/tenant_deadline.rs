//! `TenantDeadline`: rules not written yet (placeholder; evaluation refuses).

use crate::service::{ServiceDef, ServiceId};

/// The service's declaration.
pub(crate) static DEF: ServiceDef = super::pending::placeholder(ServiceId::TenantDeadline);
