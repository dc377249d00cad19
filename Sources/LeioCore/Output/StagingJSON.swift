import Foundation

// The staging results as JSON without `JSONEncoder`: keys in sorted order, optional values left out when nil —
// the same bytes as their synthesized `Encodable` conformances under `[.sortedKeys, .withoutEscapingSlashes]`
// (checked by LeioCoreTests on every worked example). A field added to a type must be added here too; that test
// fails until it is.

extension RuleStep: JSONWritable {
  /// Writes the value as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("because")
    output.value(because)
    output.key("decisions")
    output.value(decisions)
    output.field("output", self.output)
    output.key("rule")
    output.value(rule)
    output.key("section")
    output.value(section)
    output.endObject()
  }
}

extension StagingWarning: JSONWritable {
  /// Writes the value as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("code")
    output.value(code)
    output.key("message")
    output.value(message)
    output.key("section")
    output.value(section)
    output.endObject()
  }
}

extension SummaryStageResult: JSONWritable {
  /// Writes the value as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("category")
    output.value(category.rawValue)
    output.field("code", code?.rawValue)
    output.key("estimated")
    output.value(estimated)
    output.key("label")
    output.value(label)
    output.key("notes")
    output.value(notes)
    output.key("steps")
    output.value(steps)
    output.endObject()
  }
}

extension SummaryStageNote: JSONWritable {
  /// Writes the value as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("rule")
    output.value(rule)
    output.key("section")
    output.value(section)
    output.key("systems")
    output.value(systems.map(\.rawValue))
    output.key("text")
    output.value(text)
    output.endObject()
  }
}

extension StagingResult: JSONWritable {
  /// Writes the value as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("decisions")
    output.value(decisions)
    output.field("grade", grade?.rawValue)
    output.field("m", m?.rawValue)
    output.field("n", n?.rawValue)
    output.field("reason", reason)
    output.field("siteGroup", siteGroup?.rawValue)
    output.key("sources")
    output.value(sources)
    output.key("stageGroup")
    output.value(stageGroup.rawValue)
    output.key("status")
    output.value(status.rawValue)
    output.key("steps")
    output.value(steps)
    output.key("summaryStage")
    summaryStage.write(to: &output)
    output.key("system")
    output.value(system.rawValue)
    output.key("systemLabel")
    output.value(systemLabel)
    output.field("t", t?.rawValue)
    output.key("warnings")
    output.value(warnings)
    output.endObject()
  }
}

extension StagingReport: JSONWritable {
  /// Writes the value as JSON with sorted keys, the same bytes `JSONEncoder` gives with `.sortedKeys`.
  public func write(to output: inout JSONOutput) {
    output.beginObject()
    output.key("results")
    output.value(results)
    output.field("siteGroup", siteGroup?.rawValue)
    output.key("summaryStage")
    summaryStage.write(to: &output)
    output.endObject()
  }
}
