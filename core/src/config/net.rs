//! Address ranges in settings (`TESSERA_METRICS_FROM`): `10.0.0.0/8`, `::1/128`, or a single
//! address standing for itself.

use std::net::IpAddr;

/// An address range: the addresses whose first `prefix` bits are those of `base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    base: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// Reads `addr/prefix` or a bare address; none for anything else (a prefix longer than
    /// the address, host bits set beyond it).
    pub fn parse(text: &str) -> Option<Self> {
        let (addr, prefix) = match text.trim().split_once('/') {
            Some((addr, prefix)) => (addr.parse::<IpAddr>().ok()?, Some(prefix.parse::<u8>().ok()?)),
            None => (text.trim().parse::<IpAddr>().ok()?, None),
        };
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(bits);
        if prefix > bits {
            return None;
        }
        // `::ffff:10.0.0.0/104` is `10.0.0.0/8` (peers are compared as IPv4 when mapped).
        let (addr, prefix) = match addr {
            IpAddr::V6(v6) if prefix >= 96 && v6.to_ipv4_mapped().is_some() => {
                (IpAddr::V4(v6.to_ipv4_mapped().expect("mapped")), prefix - 96)
            }
            other => (other, prefix),
        };
        let range = IpRange { base: addr, prefix };
        // `10.1.2.3/8` is a typo for something: refuse rather than guess.
        (range.masked(addr) == Some(bits_of(addr))).then_some(range)
    }

    /// Whether `addr` is in the range (an IPv4 address mapped into IPv6 counts as IPv4).
    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = match addr {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
            v4 => v4,
        };
        self.masked(addr) == Some(bits_of(self.base))
    }

    /// `addr`'s first `prefix` bits (the rest zero), as a number; none across families.
    fn masked(&self, addr: IpAddr) -> Option<u128> {
        let width = match (self.base, addr) {
            (IpAddr::V4(_), IpAddr::V4(_)) => 32,
            (IpAddr::V6(_), IpAddr::V6(_)) => 128,
            _ => return None,
        };
        let host_bits = width - u32::from(self.prefix);
        let mask = if host_bits >= 128 { 0 } else { (u128::MAX >> host_bits) << host_bits };
        let mask = if width == 32 { mask & u128::from(u32::MAX) } else { mask };
        Some(bits_of(addr) & mask)
    }
}

fn bits_of(addr: IpAddr) -> u128 {
    match addr {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

impl std::fmt::Display for IpRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.base, self.prefix)
    }
}

/// Reads a comma-separated list of ranges; the first one that does not read is the error.
pub fn parse_ranges(text: &str) -> Result<Vec<IpRange>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| IpRange::parse(part).ok_or_else(|| part.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ranges_hold_their_addresses_and_no_others() {
        let private = IpRange::parse("10.0.0.0/8").unwrap();
        assert!(private.contains(ip("10.200.3.4")));
        assert!(!private.contains(ip("11.0.0.1")));
        assert!(private.contains(ip("::ffff:10.1.1.1")), "IPv4 mapped into IPv6");
        assert!(!private.contains(ip("::1")));
        let one = IpRange::parse("192.168.1.7").unwrap();
        assert!(one.contains(ip("192.168.1.7")) && !one.contains(ip("192.168.1.8")));
        let everything = IpRange::parse("0.0.0.0/0").unwrap();
        assert!(everything.contains(ip("203.0.113.9")));
        let loopback6 = IpRange::parse("::1/128").unwrap();
        assert!(loopback6.contains(ip("::1")) && !loopback6.contains(ip("::2")));
        let ula = IpRange::parse("fd00::/8").unwrap();
        assert!(ula.contains(ip("fd12:3456::1")) && !ula.contains(ip("fe80::1")));
        let mapped = IpRange::parse("::ffff:10.0.0.0/104").unwrap();
        assert!(mapped.contains(ip("10.9.8.7")) && mapped.contains(ip("::ffff:10.9.8.7")));
        assert!(!mapped.contains(ip("11.0.0.1")));
        let all6 = IpRange::parse("::/0").unwrap();
        assert!(all6.contains(ip("2001:db8::1")));
    }

    #[test]
    fn what_is_not_a_range_is_refused() {
        for bad in ["10.0.0.0/33", "10.1.2.3/8", "::1/129", "nowhere", "10.0.0.0/x", ""] {
            assert_eq!(IpRange::parse(bad), None, "{bad}");
        }
        assert_eq!(parse_ranges("127.0.0.0/8, ::1/128").unwrap().len(), 2);
        assert_eq!(parse_ranges("127.0.0.0/8,oops").unwrap_err(), "oops");
    }
}
