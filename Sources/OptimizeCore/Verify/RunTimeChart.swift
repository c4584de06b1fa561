import Foundation

/// An SVG chart of run times per mode: every run as a dot, the min–max range as a bar, the
/// median as a tick, with the numbers written out. Plain SVG, no script or external font, so it
/// shows in a browser and on GitHub.
public struct RunTimeChart: Sendable {
  /// The report to draw.
  public var report: VerifyReport

  /// Creates a chart.
  public init(report: VerifyReport) {
    self.report = report
  }

  private let width = 720.0
  private let left = 110.0
  private let right = 690.0
  private let rowHeight = 74.0
  private let top = 56.0

  /// The SVG document.
  public func svg() -> String {
    let scale = axisMaximum()
    let height = top + rowHeight * Double(report.modes.count) + 40
    var parts = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
      text(
        left, 24, "Run times per mode (seconds), \(report.runsPerMode) runs each", size: 15, weight: "bold"),
      text(left, 42, subtitle(), size: 12, color: "#444444"),
    ]
    let axisY = top + rowHeight * Double(report.modes.count)
    for tick in ticks(scale) {
      let x = position(tick, scale)
      parts.append(line(x, top - 4, x, axisY, color: "#e5e7eb"))
      let label = tick == tick.rounded() ? String(format: "%.0f", tick) : number(tick)
      parts.append(text(x, axisY + 16, label, size: 11, color: "#555555", anchor: "middle"))
    }
    parts.append(line(left, axisY, right, axisY, color: "#9ca3af"))
    for (row, mode) in report.modes.enumerated() {
      let y = top + rowHeight * Double(row) + 26
      let color = mode.mode == .baseline ? "#6b7280" : "#15803d"
      parts.append(text(left - 10, y + 4, mode.mode.rawValue, size: 13, weight: "bold", anchor: "end"))
      guard !mode.seconds.isEmpty else { continue }
      let low = position(mode.minimum, scale)
      let high = position(mode.maximum, scale)
      parts.append(
        "<rect x=\"\(fixed(low))\" y=\"\(fixed(y - 7))\" width=\"\(fixed(max(high - low, 1)))\" height=\"14\" "
          + "rx=\"3\" fill=\"\(color)\" fill-opacity=\"0.18\"/>")
      for seconds in mode.seconds {
        parts.append(
          "<circle cx=\"\(fixed(position(seconds, scale)))\" cy=\"\(fixed(y))\" r=\"4\" fill=\"\(color)\" "
            + "fill-opacity=\"0.75\"><title>\(number(seconds)) s</title></circle>")
      }
      let median = position(mode.median, scale)
      parts.append(line(median, y - 12, median, y + 12, color: color, width: 3))
      parts.append(
        text(
          left, y + 30,
          "min \(number(mode.minimum)) s · median \(number(mode.median)) s · max \(number(mode.maximum)) s",
          size: 12, color: "#333333"))
    }
    parts.append("</svg>")
    return parts.joined(separator: "\n") + "\n"
  }

  private func subtitle() -> String {
    guard let ratio = report.medianSpeedup, let percent = report.percentLessTime else {
      return "no completed runs to compare"
    }
    return
      "median speed-up \(String(format: "%.2f", ratio))× (\(String(format: "%.1f", percent))% less time) "
      + "on \(report.cores) cores"
  }

  private func axisMaximum() -> Double {
    let largest = report.modes.map(\.maximum).max() ?? 0
    guard largest > 0 else { return 1 }
    let step = niceStep(largest / 5)
    return (largest / step).rounded(.up) * step
  }

  private func niceStep(_ raw: Double) -> Double {
    let magnitude = pow(10, floor(log10(raw)))
    for factor in [1.0, 2, 2.5, 5, 10] where raw <= factor * magnitude { return factor * magnitude }
    return 10 * magnitude
  }

  private func ticks(_ maximum: Double) -> [Double] {
    let step = niceStep(maximum / 5)
    return stride(from: 0, through: maximum + step / 2, by: step).map { $0 }
  }

  private func position(_ value: Double, _ maximum: Double) -> Double {
    left + (right - left) * value / maximum
  }

  private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String, width: Double = 1)
    -> String
  {
    "<line x1=\"\(fixed(x1))\" y1=\"\(fixed(y1))\" x2=\"\(fixed(x2))\" y2=\"\(fixed(y2))\" stroke=\"\(color)\" "
      + "stroke-width=\"\(fixed(width))\"/>"
  }

  private func text(
    _ x: Double, _ y: Double, _ content: String, size: Int, weight: String = "normal",
    color: String = "#111111",
    anchor: String = "start"
  ) -> String {
    let escaped = content.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
      of: "<", with: "&lt;")
    return "<text x=\"\(fixed(x))\" y=\"\(fixed(y))\" font-size=\"\(size)\" font-weight=\"\(weight)\" "
      + "fill=\"\(color)\" text-anchor=\"\(anchor)\">\(escaped)</text>"
  }

  private func fixed(_ value: Double) -> String { String(format: "%.1f", value) }

  private func number(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
  }
}
