extension Array where Element == UInt8 {
  /// Whether `other` is this very array, not a copy: the same storage and count.
  ///
  /// Meaningful only while something holds both arrays, as the caches that ask do: storage a
  /// held array owns cannot be reused for another.
  func sharesStorage(with other: [UInt8]) -> Bool {
    count == other.count
      && withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
      }
  }
}
