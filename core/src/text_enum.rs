//! States stored as text. Each is an enum whose variants and stored names are written once, in
//! a [`text_enum!`](crate::text_enum) declaration; `as_str`, `FromStr`, `Display` and sqlx's
//! text encoding follow from it, so a typo in Rust is a compile error. The database holds the
//! same list in the column's CHECK constraint, and `COLUMN` names that column: a test compares
//! the two for every such enum (`tests/it/states.rs`), so neither side can gain a state alone.

/// A state stored as text in a CHECK-constrained column (or, with no CHECK, only in Rust).
pub trait TextEnum: Sized + Copy + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];
    /// The `(table, column)` whose CHECK lists the same names; `None` for a free-text column.
    const COLUMN: Option<(&'static str, &'static str)>;
    fn as_str(self) -> &'static str;
}

/// Declares a [`TextEnum`]:
///
/// ```ignore
/// text_enum! {
///     /// Where a payment stands.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum PaymentStatus: "payment status" in ("payment", "status") {
///         Creating = "creating",
///         Open = "open",
///     }
/// }
/// ```
#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $what:literal in $column:expr => {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// As stored.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text ),+
                }
            }
        }

        impl $crate::text_enum::TextEnum for $name {
            const ALL: &'static [Self] = &[$( $name::$variant ),+];
            const COLUMN: Option<(&'static str, &'static str)> = $column;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    other => Err(format!(concat!("unknown ", $what, " {:?}"), other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::sqlx::Type<::sqlx::Postgres> for $name {
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                <&str as ::sqlx::Type<::sqlx::Postgres>>::type_info()
            }

            fn compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                <&str as ::sqlx::Type<::sqlx::Postgres>>::compatible(ty)
            }
        }

        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for $name {
            fn decode(
                value: ::sqlx::postgres::PgValueRef<'r>,
            ) -> Result<Self, ::sqlx::error::BoxDynError> {
                let text = <&str as ::sqlx::Decode<'r, ::sqlx::Postgres>>::decode(value)?;
                Ok(text.parse::<$name>()?)
            }
        }

        impl ::sqlx::Encode<'_, ::sqlx::Postgres> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut ::sqlx::postgres::PgArgumentBuffer,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <&str as ::sqlx::Encode<'_, ::sqlx::Postgres>>::encode_by_ref(&self.as_str(), buf)
            }
        }
    };
}
