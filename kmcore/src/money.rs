//! Money as whole paisa (1 rupee = 100 paisa).

use std::fmt;

use crate::error::{KmError, Result};

/// An amount of Pakistani rupees, stored as a whole number of paisa.
///
/// Arithmetic is checked: an overflow is an error, never a wrap-around.
/// Amounts may be negative (a revenue difference in a what-if), but fees
/// computed by the rules never are.
///
/// `Display` reads like a receipt: `Rs 1,830`, or `Rs 1,830.50` when there
/// are paisa, and `-Rs 500` for a negative amount.
///
/// # Example
///
/// ```
/// use kmcore::Money;
/// let fee = Money::from_rupees(1_830).unwrap();
/// assert_eq!(fee.paisa(), 183_000);
/// assert_eq!(fee.to_string(), "Rs 1,830");
/// assert_eq!(Money::from_paisa(183_050).to_string(), "Rs 1,830.50");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    /// Nothing: zero paisa.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Money::ZERO.paisa(), 0);
    /// ```
    pub const ZERO: Money = Money(0);

    /// An amount from a number of paisa.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Money::from_paisa(50).to_string(), "Rs 0.50");
    /// ```
    pub const fn from_paisa(paisa: i64) -> Money {
        Money(paisa)
    }

    /// An amount from whole rupees.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error when the amount in paisa does not fit in 64 bits.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Money;
    /// assert_eq!(Money::from_rupees(500).unwrap().paisa(), 50_000);
    /// assert!(Money::from_rupees(i64::MAX).is_err());
    /// ```
    pub fn from_rupees(rupees: i64) -> Result<Money> {
        rupees
            .checked_mul(100)
            .map(Money)
            .ok_or_else(|| KmError::invalid("money.overflow", format!("Rs {rupees} is too large")))
    }

    /// The amount in paisa.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Money::from_paisa(7).paisa(), 7);
    /// ```
    pub const fn paisa(self) -> i64 {
        self.0
    }

    /// The whole rupees in this amount, when it has no paisa part.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Money;
    /// assert_eq!(Money::from_paisa(50_000).whole_rupees(), Some(500));
    /// assert_eq!(Money::from_paisa(50_050).whole_rupees(), None);
    /// ```
    pub const fn whole_rupees(self) -> Option<i64> {
        if self.0 % 100 == 0 {
            Some(self.0 / 100)
        } else {
            None
        }
    }

    /// The sum, or an error on overflow.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Money;
    /// let total = Money::from_rupees(1_830).unwrap().checked_add(Money::from_rupees(150).unwrap()).unwrap();
    /// assert_eq!(total.to_string(), "Rs 1,980");
    /// assert!(Money::from_paisa(i64::MAX).checked_add(Money::from_paisa(1)).is_err());
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.0
            .checked_add(other.0)
            .map(Money)
            .ok_or_else(|| KmError::invalid("money.overflow", "sum of amounts overflows"))
    }

    /// The difference, or an error on overflow.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Money;
    /// let d = Money::from_rupees(500).unwrap().checked_sub(Money::from_rupees(2_500).unwrap()).unwrap();
    /// assert_eq!(d.to_string(), "-Rs 2,000");
    /// ```
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.0
            .checked_sub(other.0)
            .map(Money)
            .ok_or_else(|| KmError::invalid("money.overflow", "difference of amounts overflows"))
    }

    /// The amount times a whole number, or an error on overflow.
    ///
    /// # Errors
    ///
    /// An `InvalidInput` error on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Money;
    /// assert_eq!(Money::from_rupees(480).unwrap().checked_mul(3).unwrap().to_string(), "Rs 1,440");
    /// ```
    pub fn checked_mul(self, times: i64) -> Result<Money> {
        self.0
            .checked_mul(times)
            .map(Money)
            .ok_or_else(|| KmError::invalid("money.overflow", "product of amount overflows"))
    }

    /// True for a negative amount.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kmcore::Money::from_paisa(-1).is_negative());
    /// ```
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let rupees = abs / 100;
        let paisa = abs % 100;
        write!(f, "{sign}Rs ")?;
        write_grouped(f, rupees)?;
        if paisa != 0 {
            write!(f, ".{paisa:02}")?;
        }
        Ok(())
    }
}

/// Writes `n` with a comma every three digits (1,830; 50,000; 2,000,000).
fn write_grouped(f: &mut fmt::Formatter<'_>, n: u64) -> fmt::Result {
    if n >= 1000 {
        write_grouped(f, n / 1000)?;
        write!(f, ",{:03}", n % 1000)
    } else {
        write!(f, "{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_groups_thousands() {
        assert_eq!(Money::from_paisa(0).to_string(), "Rs 0");
        assert_eq!(Money::from_paisa(99_900).to_string(), "Rs 999");
        assert_eq!(Money::from_paisa(100_000).to_string(), "Rs 1,000");
        assert_eq!(Money::from_paisa(200_000_000).to_string(), "Rs 2,000,000");
        assert_eq!(Money::from_paisa(-5).to_string(), "-Rs 0.05");
        assert_eq!(
            Money::from_paisa(i64::MIN).to_string(),
            "-Rs 92,233,720,368,547,758.08"
        );
    }

    #[test]
    fn overflow_is_an_error() {
        assert!(
            Money::from_paisa(i64::MIN)
                .checked_sub(Money::from_paisa(1))
                .is_err()
        );
        assert!(Money::from_paisa(i64::MAX).checked_mul(2).is_err());
    }
}
