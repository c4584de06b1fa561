extension YAMLEventList {
  /// A collection that holds an event.
  struct Ancestor {
    /// The collection's start event.
    var index: Int
    /// For a mapping, the key and the value of the entry that holds the event.
    var entry: (key: Int, value: Int)?
  }

  /// The index of the scalar event that starts at byte `offset`, found by halving: events come
  /// in source order.
  func scalarIndex(startingAt offset: Int) -> Int? {
    let records = records
    var low = 0
    var high = records.count
    while low < high {
      let middle = (low + high) / 2
      if Int(records[middle].start) < offset { low = middle + 1 } else { high = middle }
    }
    while low < records.count, Int(records[low].start) == offset {
      if records[low].type == .scalar { return low }
      low += 1
    }
    return nil
  }

  /// The collections that hold event `target`, outermost first, found by stepping over whole
  /// siblings; nil when no node starts at `target`.
  func ancestors(of target: Int) -> [Ancestor]? {
    let records = records
    var chain: [Ancestor] = []
    var index = 0
    while index < target {
      let record = records[index]
      let end = Int(record.link)
      switch record.type {
      case .mappingStart, .sequenceStart:
        guard target < end else {
          index = end + 1
          continue
        }
        var child = index + 1
        var found: Int?
        while child < end {
          let next = next(after: child)
          if record.type == .mappingStart {
            let after = self.next(after: next)
            if target < after {
              chain.append(Ancestor(index: index, entry: (child, next)))
              found = target < next ? child : next
              break
            }
            child = after
          } else {
            if target < next {
              chain.append(Ancestor(index: index, entry: nil))
              found = child
              break
            }
            child = next
          }
        }
        guard let found else { return nil }
        index = found
      default:
        index += 1
      }
    }
    return index == target ? chain : nil
  }
}
