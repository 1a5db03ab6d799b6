//! Cheap hashers for the detector's tables, whose keys are already hashes
//! (shingles) or small indices (sentence pairs).

use std::hash::{BuildHasherDefault, Hasher};

/// Keys of the frequency table are already well-mixed hashes: hashing them
/// again (SipHash) would double the cost of the largest loop.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8 | u64::from(*b)).rotate_left(5);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type Fast = BuildHasherDefault<Prehashed>;

/// Pairs of sentence indices: mixed once, cheaply.
#[derive(Default)]
pub struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        let z = self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z ^ (z >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8 | u64::from(*b)).rotate_left(5);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = self.0.rotate_left(32) ^ u64::from(n);
    }
}

pub type Fast2 = BuildHasherDefault<PairHasher>;
