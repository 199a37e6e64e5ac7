//! Helpers shared by the unit tests.

/// A deterministic xorshift64 generator for generated test inputs, so a
/// failure is replayed from its seed. Every number drawn steps it.
pub(crate) struct XorShift(u64);

impl XorShift {
    /// A generator from `seed` (made odd: xorshift stays at zero from zero).
    pub(crate) fn new(seed: u64) -> XorShift {
        XorShift(seed | 1)
    }

    /// The next number.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
