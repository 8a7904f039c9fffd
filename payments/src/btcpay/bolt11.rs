//! Lightning payment requests (BOLT11), read for what we keep of them: the network, the amount
//! in millisatoshis, the payment hash, when it was made and when it expires. The checksum is
//! checked (a request mangled on the way is refused); the node's signature is not: the request
//! comes from our own BTCPay store, never from a customer. The sandbox writes requests of the
//! same shape with [`encode`].

use bitcoin::bech32::primitives::decode::CheckedHrpstring;
use bitcoin::bech32::{Checksum, Fe32, Fe32IterExt as _, Hrp};

/// Bech32's checksum without its length limit: BOLT11 requests carry route hints and can be
/// longer than the 1023 characters of a bech32 string (BOLT 11 sets no limit; the ones wallets
/// exchange as QR codes fit in 7089).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bolt11Bech32 {}

impl Checksum for Bolt11Bech32 {
    type MidstateRepr = u32;
    const CODE_LENGTH: usize = 7089;
    const CHECKSUM_LENGTH: usize = 6;
    const GENERATOR_SH: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    const TARGET_RESIDUE: u32 = 1;
}

/// A BOLT11 payment request, the parts we read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRequest {
    /// The currency prefix after `ln`: `bc` (bitcoin), `tb` (testnet), `tbs` (signet), `bcrt`
    /// (regtest).
    pub currency: String,
    /// What it asks for, when it names an amount.
    pub amount_msat: Option<u64>,
    /// Lower-case hex, 64 digits.
    pub payment_hash: String,
    /// Unix seconds.
    pub timestamp: u64,
    /// Seconds after `timestamp` (3600 when the request does not say).
    pub expiry_secs: u64,
}

impl PaymentRequest {
    /// Unix seconds after which it can no longer be paid.
    pub fn expires_at(&self) -> u64 {
        self.timestamp.saturating_add(self.expiry_secs)
    }

    /// Whether it can still be paid at `now` (unix seconds).
    pub fn payable_at(&self, now: i64) -> bool {
        u64::try_from(now).is_ok_and(|now| now < self.expires_at())
    }

    /// Whether it pays on `network`.
    pub fn is_for(&self, network: bitcoin::Network) -> bool {
        self.currency == currency_prefix(network)
    }
}

/// The BOLT11 currency prefix of a network.
pub fn currency_prefix(network: bitcoin::Network) -> &'static str {
    match network {
        bitcoin::Network::Bitcoin => "bc",
        bitcoin::Network::Regtest => "bcrt",
        bitcoin::Network::Signet => "tbs",
        _ => "tb",
    }
}

/// Words in a signature (65 bytes, 520 bits).
const SIGNATURE_WORDS: usize = 104;
/// Words in the timestamp (35 bits).
const TIMESTAMP_WORDS: usize = 7;
/// Tagged field types.
const TAG_PAYMENT_HASH: u8 = 1;
const TAG_DESCRIPTION: u8 = 13;
const TAG_EXPIRY: u8 = 6;

/// Whether `request` is a BOLT11 request that can still be paid now; false for anything that
/// does not read.
pub fn payable_now(request: &str) -> bool {
    parse(request).is_ok_and(|r| r.payable_at(chrono::Utc::now().timestamp()))
}

/// Reads a BOLT11 request (with or without a `lightning:` prefix, either case).
pub fn parse(request: &str) -> Result<PaymentRequest, String> {
    let request = request.trim();
    let request = request
        .strip_prefix("lightning:")
        .or_else(|| request.strip_prefix("LIGHTNING:"))
        .unwrap_or(request)
        .to_ascii_lowercase();
    let checked = CheckedHrpstring::new::<Bolt11Bech32>(&request)
        .map_err(|err| format!("not a bech32 string with a valid checksum: {err}"))?;
    let hrp = checked.hrp().to_lowercase();
    let rest = hrp.strip_prefix("ln").ok_or("its prefix is not ln")?;
    let split = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
    let (currency, amount) = rest.split_at(split);
    if !["bc", "tb", "tbs", "bcrt"].contains(&currency) {
        return Err(format!("{currency:?} is not a bitcoin network's prefix"));
    }
    let amount_msat = if amount.is_empty() { None } else { Some(amount_msat(amount)?) };
    let words: Vec<u8> =
        checked.data_part_ascii_no_checksum().iter().map(|&c| Fe32::from_char_unchecked(c).to_u8()).collect();
    if words.len() < TIMESTAMP_WORDS + SIGNATURE_WORDS {
        return Err("too short for a timestamp and a signature".into());
    }
    let timestamp = word_int(&words[..TIMESTAMP_WORDS]);
    let mut fields = &words[TIMESTAMP_WORDS..words.len() - SIGNATURE_WORDS];
    let (mut payment_hash, mut expiry_secs) = (None, 3600);
    while !fields.is_empty() {
        if fields.len() < 3 {
            return Err("a tagged field is cut short".into());
        }
        let (tag, len) = (fields[0], usize::from(fields[1]) * 32 + usize::from(fields[2]));
        let data = fields.get(3..3 + len).ok_or("a tagged field is longer than the request")?;
        match tag {
            // A payment hash of another length is skipped, as the spec says.
            TAG_PAYMENT_HASH if len == 52 && payment_hash.is_none() => {
                payment_hash = Some(hex::encode(&words_to_bytes(data)[..32]));
            }
            TAG_EXPIRY => expiry_secs = word_int(data),
            _ => {}
        }
        fields = &fields[3 + len..];
    }
    Ok(PaymentRequest {
        currency: currency.to_string(),
        amount_msat,
        payment_hash: payment_hash.ok_or("it has no payment hash")?,
        timestamp,
        expiry_secs,
    })
}

/// `2500u` and the like, in millisatoshis.
fn amount_msat(amount: &str) -> Result<u64, String> {
    let bad = || format!("{amount:?} is not a BOLT11 amount");
    let (digits, multiplier) = match amount.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&amount[..i], Some(c)),
        _ => (amount, None),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
        return Err(bad());
    }
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let msat = match multiplier {
        None => n.checked_mul(100_000_000_000),
        Some('m') => n.checked_mul(100_000_000),
        Some('u') => n.checked_mul(100_000),
        Some('n') => n.checked_mul(100),
        // Picobitcoin: a tenth of a millisatoshi, so only multiples of ten are amounts.
        Some('p') if n.is_multiple_of(10) => Some(n / 10),
        _ => None,
    };
    msat.filter(|msat| *msat > 0).ok_or_else(bad)
}

/// The BOLT11 amount part for a number of millisatoshis, in the largest unit that is exact.
fn amount_part(msat: u64) -> String {
    for (unit, per) in [("m", 100_000_000), ("u", 100_000), ("n", 100)] {
        if msat.is_multiple_of(per) {
            return format!("{}{unit}", msat / per);
        }
    }
    format!("{}p", msat * 10)
}

fn word_int(words: &[u8]) -> u64 {
    words.iter().fold(0u64, |acc, w| acc.saturating_mul(32).saturating_add(u64::from(*w)))
}

fn words_to_bytes(words: &[u8]) -> Vec<u8> {
    let (mut bytes, mut acc, mut bits) = (Vec::with_capacity(words.len() * 5 / 8), 0u32, 0u32);
    for w in words {
        acc = (acc << 5) | u32::from(*w);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    bytes
}

fn bytes_to_words(bytes: &[u8]) -> Vec<u8> {
    let (mut words, mut acc, mut bits) = (Vec::with_capacity(bytes.len() * 8 / 5 + 1), 0u32, 0u32);
    for b in bytes {
        acc = (acc << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            words.push(((acc >> bits) & 31) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        words.push(((acc << (5 - bits)) & 31) as u8);
    }
    words
}

fn int_words(mut n: u64, at_least: usize) -> Vec<u8> {
    let mut words = Vec::new();
    while n > 0 || words.len() < at_least {
        words.push((n % 32) as u8);
        n /= 32;
    }
    words.reverse();
    words
}

fn tagged(tag: u8, data: &[u8]) -> Vec<u8> {
    let mut field = vec![tag, (data.len() / 32) as u8, (data.len() % 32) as u8];
    field.extend_from_slice(data);
    field
}

/// Writes a request of BOLT11's shape for the sandbox: its network, amount, payment hash,
/// description, time and expiry, with a checksum any wallet accepts. The signature is 65 bytes
/// derived from the rest, not a node's: nobody can pay a sandbox request with real money.
pub fn encode(
    network: bitcoin::Network,
    amount_msat: u64,
    payment_hash: &[u8; 32],
    description: &str,
    timestamp: u64,
    expiry_secs: u64,
) -> String {
    use sha2::{Digest as _, Sha256};
    let hrp = format!("ln{}{}", currency_prefix(network), amount_part(amount_msat));
    let mut words = int_words(timestamp, TIMESTAMP_WORDS);
    words.extend(tagged(TAG_PAYMENT_HASH, &bytes_to_words(payment_hash)));
    // At most 100 bytes, cut on a character: the field's length must fit in two words.
    let mut end = description.len().min(100);
    while !description.is_char_boundary(end) {
        end -= 1;
    }
    let description = &description[..end];
    words.extend(tagged(TAG_DESCRIPTION, &bytes_to_words(description.as_bytes())));
    words.extend(tagged(TAG_EXPIRY, &int_words(expiry_secs, 1)));
    let mut signature = Vec::with_capacity(65);
    signature.extend_from_slice(&Sha256::digest([hrp.as_bytes(), &words].concat()));
    signature.extend_from_slice(&Sha256::digest(payment_hash));
    signature.push(0);
    words.extend(bytes_to_words(&signature));
    let hrp = Hrp::parse(&hrp).expect("a BOLT11 prefix is a valid human-readable part");
    words
        .into_iter()
        .map(|w| Fe32::try_from(w).expect("a five-bit word"))
        .with_checksum::<Bolt11Bech32>(&hrp)
        .chars()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first example of BOLT 11 ("Please make a donation of any amount using payment_hash
    /// 0001020304050607080900010203040506070809000102030405060708090102 to me @03e7156ae3…").
    const SPEC_EXAMPLE: &str = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql";

    #[test]
    fn the_spec_example_reads_as_the_spec_says() {
        let request = parse(SPEC_EXAMPLE).unwrap();
        assert_eq!(request.currency, "bc");
        assert_eq!(request.amount_msat, None);
        assert_eq!(request.payment_hash, "0001020304050607080900010203040506070809000102030405060708090102");
        assert_eq!(request.timestamp, 1_496_314_658);
        assert_eq!(request.expiry_secs, 3600);
        assert_eq!(parse(&format!("LIGHTNING:{}", SPEC_EXAMPLE.to_uppercase())).unwrap(), request);
        let mut mangled = SPEC_EXAMPLE.to_string();
        mangled.replace_range(40..41, "x");
        assert!(parse(&mangled).is_err(), "a bad checksum is refused");
    }

    #[test]
    fn amounts_read_in_every_unit_and_nonsense_is_refused() {
        assert_eq!(amount_msat("2500u"), Ok(250_000_000));
        assert_eq!(amount_msat("20m"), Ok(2_000_000_000));
        assert_eq!(amount_msat("1"), Ok(100_000_000_000));
        assert_eq!(amount_msat("10n"), Ok(1000));
        assert_eq!(amount_msat("10p"), Ok(1));
        for bad in ["11p", "0u", "01m", "u", "2500x", "-1m"] {
            assert!(amount_msat(bad).is_err(), "{bad}");
        }
        for msat in [1, 10, 100, 1000, 123_456_789, 250_000_000, 2_000_000_000] {
            assert_eq!(amount_msat(&amount_part(msat)), Ok(msat), "{msat}");
        }
    }

    #[test]
    fn what_the_sandbox_writes_reads_back() {
        let hash = [7u8; 32];
        let written =
            encode(bitcoin::Network::Regtest, 1_234_567_000, &hash, "2 × Fado night", 1_800_000_000, 900);
        assert!(written.starts_with("lnbcrt12345670n1"), "{written}");
        let read = parse(&written).unwrap();
        assert_eq!(read.amount_msat, Some(1_234_567_000));
        assert_eq!(read.payment_hash, hex::encode(hash));
        assert_eq!(
            (read.timestamp, read.expiry_secs, read.expires_at()),
            (1_800_000_000, 900, 1_800_000_900)
        );
        assert!(read.is_for(bitcoin::Network::Regtest) && !read.is_for(bitcoin::Network::Bitcoin));
        assert!(read.payable_at(1_800_000_899) && !read.payable_at(1_800_000_900));

        // Long texts in any script are cut to what a field holds; the request still reads.
        let long = "能".repeat(400);
        let written = encode(bitcoin::Network::Bitcoin, 1_000, &hash, &long, 1_800_000_000, 60);
        assert_eq!(parse(&written).unwrap().amount_msat, Some(1_000));
    }

    #[test]
    fn requests_longer_than_a_bech32_string_read() {
        // Route hints make requests long: a 1,500-character one (the description stands in).
        let hash = [1u8; 32];
        let hrp = Hrp::parse("lnbc10u").unwrap();
        let mut words = int_words(1_800_000_000, TIMESTAMP_WORDS);
        words.extend(tagged(TAG_PAYMENT_HASH, &bytes_to_words(&hash)));
        for _ in 0..8 {
            words.extend(tagged(TAG_DESCRIPTION, &bytes_to_words(&[b'x'; 100])));
        }
        words.extend(bytes_to_words(&[0u8; 65]));
        let long: String = words
            .into_iter()
            .map(|w| Fe32::try_from(w).unwrap())
            .with_checksum::<Bolt11Bech32>(&hrp)
            .chars()
            .collect();
        assert!(long.len() > 1023, "{}", long.len());
        let read = parse(&long).unwrap();
        assert_eq!((read.amount_msat, read.payment_hash), (Some(1_000_000), hex::encode(hash)));
    }
}
