import Crypto

/// SHA-256 of some bytes, as 64 lowercase hex digits.
public func sha256Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
  SHA256.hash(data: Array(bytes)).map { byte in
    let hex = String(byte, radix: 16)
    return byte < 16 ? "0" + hex : hex
  }.joined()
}
