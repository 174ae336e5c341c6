//! Integers of any size, as they appear in literals and in `i`-tagged code operands.
//!
//! Values that fit in an `i64` are always [`Int::Small`]; [`BigInt`] holds the rest, so the
//! two forms never overlap and derived equality is value equality.

use std::fmt;

/// An integer outside the `i64` range: a sign and a little-endian magnitude with no
/// trailing zero bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigInt {
    /// True for negative numbers.
    pub negative: bool,
    /// The absolute value, least significant byte first.
    pub magnitude: Vec<u8>,
}

/// An integer of any size.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Int {
    /// Fits in 64 bits.
    Small(i64),
    /// Does not fit in 64 bits.
    Big(BigInt),
}

impl Int {
    /// Builds an integer from a sign and a little-endian magnitude (the external term
    /// format's bignum layout), choosing the small form when it fits.
    pub fn from_sign_magnitude(negative: bool, magnitude_le: &[u8]) -> Int {
        let len = magnitude_le.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        let magnitude = magnitude_le.get(..len).unwrap_or_default();
        if magnitude.len() <= 8 {
            let mut buf = [0u8; 8];
            buf.get_mut(..magnitude.len()).unwrap_or_default().copy_from_slice(magnitude);
            let value = u64::from_le_bytes(buf);
            if !negative && value <= i64::MAX as u64 {
                return Int::Small(value as i64);
            }
            if negative && value <= 1u64 << 63 {
                return Int::Small((value as i64).wrapping_neg());
            }
        }
        Int::Big(BigInt { negative, magnitude: magnitude.to_vec() })
    }

    /// Builds an integer from big-endian two's complement bytes (the compact encoding's
    /// layout for long `i` operands).
    pub fn from_twos_complement_be(bytes: &[u8]) -> Int {
        let negative = bytes.first().is_some_and(|&b| b & 0x80 != 0);
        let mut magnitude: Vec<u8> = bytes.iter().rev().copied().collect();
        if negative {
            // Negate: invert every byte, then add one.
            let mut carry = true;
            for b in &mut magnitude {
                let (sum, overflow) = (!*b).overflowing_add(u8::from(carry));
                *b = sum;
                carry = overflow;
            }
        }
        Int::from_sign_magnitude(negative, &magnitude)
    }

    /// The value as an `i64`, if it is small.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Int::Small(n) => Some(*n),
            Int::Big(_) => None,
        }
    }
}

impl BigInt {
    /// The decimal digits of the number, with a leading `-` when negative.
    pub fn to_decimal(&self) -> String {
        // Repeated division by 10^9 over 32-bit limbs, most significant limb first.
        let mut limbs: Vec<u32> = self
            .magnitude
            .chunks(4)
            .map(|c| c.iter().rev().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)))
            .rev()
            .collect();
        let mut groups = Vec::new();
        while limbs.iter().any(|&l| l != 0) {
            let mut rem = 0u64;
            for limb in &mut limbs {
                let cur = (rem << 32) | u64::from(*limb);
                *limb = (cur / 1_000_000_000) as u32;
                rem = cur % 1_000_000_000;
            }
            groups.push(rem as u32);
            let zeros = limbs.iter().take_while(|&&l| l == 0).count();
            limbs.drain(..zeros);
        }
        let mut out = String::new();
        if self.negative {
            out.push('-');
        }
        match groups.split_last() {
            None => out.push('0'),
            Some((most, rest)) => {
                out.push_str(&most.to_string());
                for g in rest.iter().rev() {
                    out.push_str(&format!("{g:09}"));
                }
            }
        }
        out
    }

    /// An approximation as a float, used only to order bignums against floats.
    pub fn to_f64(&self) -> f64 {
        let value = self.magnitude.iter().rev().fold(0.0, |acc, &b| acc * 256.0 + f64::from(b));
        if self.negative { -value } else { value }
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Int::Small(n) => write!(f, "{n}"),
            Int::Big(b) => f.write_str(&b.to_decimal()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_values_never_take_the_big_form() {
        assert_eq!(Int::from_sign_magnitude(false, &[1, 0, 0]), Int::Small(1));
        assert_eq!(Int::from_sign_magnitude(true, &[0, 0, 0, 0, 0, 0, 0, 0x80]), Int::Small(i64::MIN));
        assert!(matches!(Int::from_sign_magnitude(false, &[0, 0, 0, 0, 0, 0, 0, 0x80]), Int::Big(_)));
    }

    #[test]
    fn twos_complement_decodes_both_signs() {
        assert_eq!(Int::from_twos_complement_be(&[0xff, 0xff]), Int::Small(-1));
        assert_eq!(Int::from_twos_complement_be(&[0x08, 0x00]), Int::Small(2048));
        assert_eq!(Int::from_twos_complement_be(&[0xff, 0, 0, 0, 1]), Int::Small(-4294967295));
        let big = Int::from_twos_complement_be(&[0x80, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(big.to_string(), "-2361183241434822606848");
    }

    #[test]
    fn decimal_of_a_bignum_is_exact() {
        let n = Int::from_sign_magnitude(false, &[0, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(n.to_string(), "18446744073709551616");
        let n = Int::from_sign_magnitude(true, &[0xff; 16]);
        assert_eq!(n.to_string(), "-340282366920938463463374607431768211455");
    }
}
