//! Named enums: closed sets of values with a stable name each.
//!
//! Every such enum in the core is declared with [`named_enum!`], so each
//! has the same `ALL`, `as_str`, `Display`, `FromStr`, serde and JSON
//! Schema forms, and the bindings read names from `as_str` instead of
//! spelling them again.

/// Declares a named enum: `Name("what it is", "error.code") { Variant = "name", ... }`.
/// `FromStr` refuses other text with an `InvalidInput` error of that code,
/// whose message lists the names. Two options may follow the code:
/// `unknown = "message with {} for the text"` replaces that message, and
/// `display = method` makes `Display` write `self.method()` instead of the
/// name (a name for people, such as a region's).
macro_rules! named_enum {
    (@display $v:ident) => { $v.as_str() };
    (@display $v:ident $display:ident) => { $v.$display() };
    (@display_doc) => { "    assert_eq!(v.to_string(), v.as_str());" };
    (@display_doc $display:ident) => {
        concat!("    assert_eq!(v.to_string(), v.", stringify!($display), "());")
    };
    (@unknown $name:ident, $what:expr, $s:ident) => {
        format!(
            "`{}` is not a valid {}: expected one of {}",
            $crate::excerpt($s),
            $what,
            $name::NAMES.join(", ")
        )
    };
    (@unknown $name:ident, $what:expr, $s:ident, $message:literal) => {
        format!($message, $crate::excerpt($s))
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident (
            $what:expr, $code:literal
            $(, unknown = $message:literal)?
            $(, display = $display:ident)? $(,)?
        ) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash,
                 serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use kmcore::", stringify!($name), ";")]
            #[doc = concat!("let names: Vec<_> = ", stringify!($name), "::ALL.iter().map(|v| v.as_str()).collect();")]
            #[doc = concat!("assert_eq!(names, ", stringify!([ $( $text ),+ ]), ");")]
            /// ```
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// Every value's name, in the order of `ALL`.
            #[doc(hidden)]
            pub const NAMES: &'static [&'static str] = &[ $( $text ),+ ];

            /// The position in `ALL`.
            #[doc(hidden)]
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The stable name: the serde form, what `FromStr` reads back
            /// and what the bindings use.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use kmcore::", stringify!($name), ";")]
            #[doc = concat!("for v in ", stringify!($name), "::ALL {")]
            #[doc = concat!("    assert_eq!(v.as_str().parse::<", stringify!($name), ">().unwrap(), *v);")]
            #[doc = $crate::named::named_enum!(@display_doc $($display)?)]
            ///     assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{}\"", v.as_str()));
            /// }
            /// ```
            pub const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::named::named_enum!(@display self $($display)?))
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::KmError;
            fn from_str(s: &str) -> $crate::Result<Self> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    $crate::KmError::invalid(
                        $code,
                        $crate::named::named_enum!(@unknown $name, $what, s $(, $message)?),
                    )
                })
            }
        }
    };
}

pub(crate) use named_enum;
