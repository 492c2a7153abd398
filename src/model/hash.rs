//! Feature hashing: features are 64-bit hashes built without allocating strings.
//!
//! A feature is `feature(TEMPLATE_ID, value_hash)`, where `value_hash` comes from [`hash_str`] on a
//! token property or from [`mix`] of several. At 64 bits, collisions among the few million
//! features a model holds are negligible.

/// FNV-1a over bytes, then a finaliser so that short strings spread over all 64 bits.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finalize(h)
}

#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Combine two hashes, order-sensitively.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    finalize(a.rotate_left(23) ^ b.wrapping_add(0x9e37_79b9_7f4a_7c15))
}

/// A feature of template `template` with value `value`.
#[inline]
pub fn feature(template: u32, value: u64) -> u64 {
    mix(0x5851_f42d_4c95_7f2d ^ template as u64, value)
}

/// splitmix64's finaliser.
#[inline]
fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A `Hasher` that passes already-hashed `u64` keys through: hashing them again is wasted work.
#[derive(Default, Clone, Copy)]
pub struct PrehashedHasher(u64);

impl std::hash::Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(bytes) ^ self.0.rotate_left(7);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type PrehashedMap<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<PrehashedHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_separate_equal_values() {
        let v = hash_str("talks");
        assert_ne!(feature(1, v), feature(2, v));
        assert_eq!(feature(1, v), feature(1, hash_str("talks")));
    }

    #[test]
    fn mix_is_order_sensitive() {
        let (a, b) = (hash_str("a"), hash_str("b"));
        assert_ne!(mix(a, b), mix(b, a));
    }
}
