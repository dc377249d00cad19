import Foundation

/// One step of an explanation: the rule that fired and why.
public struct RuleStep: Sendable, Hashable, Codable {
  /// The rule: `table-id#row` for a table row, or a named rule such as `site`.
  public var rule: String
  /// The clinical-reference section.
  public var section: String
  /// The rule in words, with the values used.
  public var because: String
  /// What the step produced (`T2b`, `IIIA`), if anything.
  public var output: String?
  /// DECISION identifiers of the reference behind the step.
  public var decisions: [String]

  /// A step: the rule, its section, why it fired, what it gave, and the decisions applied.
  public init(rule: String, section: String, because: String, output: String?, decisions: [String]) {
    self.rule = rule
    self.section = section
    self.because = because
    self.output = output
    self.decisions = decisions
  }
}

/// Something the user should know about a result.
public struct StagingWarning: Sendable, Hashable, Codable {
  /// Stable identifier, e.g. `sizeAtCutPoint`.
  public var code: String
  /// The warning in words.
  public var message: String
  /// The clinical-reference section.
  public var section: String

  /// A warning: its code, message and section.
  public init(code: String, message: String, section: String) {
    self.code = code
    self.message = message
    self.section = section
  }
}

/// Collects steps, warnings and sources while a case is staged.
///
/// When not recording (batch staging) it holds no log at all: nothing is
/// allocated, copied or released, and no text is built.
struct Trace: Sendable {
  struct Log: Sendable {
    var steps: [RuleStep] = []
    var warnings: [StagingWarning] = []
    var sources: [String] = []
  }

  private(set) var log: Log?

  init(recording: Bool) { log = recording ? Log() : nil }

  var isRecording: Bool { log != nil }
  var steps: [RuleStep] { log?.steps ?? [] }
  var warnings: [StagingWarning] { log?.warnings ?? [] }
  var sources: [String] { log?.sources ?? [] }

  /// Appends steps recorded elsewhere (e.g. by FNCLCC grading).
  mutating func append(steps: [RuleStep]) { log?.steps += steps }

  /// Records that `row` of `table` fired.
  mutating func record(_ table: RuleTable, row index: Int, inputs: @autoclosure () -> String = "") {
    guard log != nil else { return }
    let row = table.rows[index]
    let output: String? =
      switch row.outcome {
      case .value(let code, _): code
      case .error: nil
      }
    let detail = inputs()
    log?.steps.append(
      RuleStep(
        rule: "\(table.id)#\(row.number)", section: row.section,
        because: detail.isEmpty ? "\(table.title): \(row.because)" : "\(table.title): \(row.because) (\(detail))",
        output: output, decisions: row.decisions))
    for source in table.sources where log?.sources.contains(source) == false { log?.sources.append(source) }
  }

  /// Records a step that is not a table row.
  mutating func note(
    _ rule: String, _ section: String, _ because: @autoclosure () -> String,
    output: String? = nil, decisions: [String] = []
  ) {
    guard log != nil else { return }
    log?.steps.append(RuleStep(rule: rule, section: section, because: because(), output: output, decisions: decisions))
  }

  /// Records a warning.
  mutating func warn(_ code: String, _ section: String, _ message: @autoclosure () -> String) {
    guard let log, !log.warnings.contains(where: { $0.code == code }) else { return }
    self.log?.warnings.append(StagingWarning(code: code, message: message(), section: section))
  }

  /// Appends another trace's contents.
  mutating func append(_ other: Trace) {
    guard let otherLog = other.log, log != nil else { return }
    log?.steps += otherLog.steps
    for warning in otherLog.warnings where log?.warnings.contains(warning) == false { log?.warnings.append(warning) }
    for source in otherLog.sources where log?.sources.contains(source) == false { log?.sources.append(source) }
  }
}
