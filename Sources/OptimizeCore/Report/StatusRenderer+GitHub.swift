extension StatusRenderer {
  /// GitHub Actions workflow commands: `::error file=…,line=…::` for each drifted place,
  /// `::warning file=…,line=…::` for each manual one, and an error for a required phase that is
  /// not applied.
  ///
  /// - Parameter required: the phase `--check --phase N` requires, if any.
  public static func githubAnnotations(_ report: StatusReport, required: Int? = nil) -> String {
    var text = ""
    if report.interruptedTransaction {
      text += "::error title=optimize::a killed run left .optimize/journal; run `optimize recover`\n"
    }
    if let error = report.ledgerError { text += "::error title=optimize::\(escape(error))\n" }
    for phase in report.phases {
      if phase.phase == required, phase.appliedAt == nil, phase.state != .satisfied {
        text +=
          "::error title=optimize phase \(phase.phase)::Phase \(phase.phase) is not applied; run "
          + "`optimize apply --phase \(phase.phase)` and commit the result\n"
      }
      for patch in phase.patches where patch.state == .drifted || patch.state == .manual {
        let command = patch.state == .drifted ? "error" : "warning"
        let places = patch.places.filter { $0.message != "our edit is in place" }
        for place in places.isEmpty ? [nil] : places.map(Optional.some) {
          var properties: [String] = []
          if let place {
            properties.append("file=\(escapeProperty(place.location.path))")
            properties.append("line=\(place.location.line)")
          }
          properties.append("title=\(escapeProperty("optimize: \(patch.id) \(patch.state.rawValue)"))")
          let message =
            place.map { patch.state == .drifted ? $0.message : "\(patch.reason): \($0.message)" }
            ?? patch.reason
          text += "::\(command) \(properties.joined(separator: ","))::\(escape(message))\n"
        }
      }
    }
    return text
  }

  /// Escapes a workflow command's message.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// Escapes a workflow command's property value.
  static func escapeProperty(_ text: String) -> String {
    escape(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
