import Foundation
public import Hummingbird
import LeioCore
public import LeioFHIR

/// An RFC 9457 problem: the error body of every failed API request
/// (`application/problem+json`), naming the offending field where there is one.
public struct Problem: HTTPResponseError, Codable, Sendable, Equatable {
  /// A URI reference for the problem type.
  public var type: String
  public var title: String
  /// HTTP status code.
  public var statusCode: Int
  /// What went wrong, in a sentence the caller can act on.
  public var detail: String
  /// The input field that caused it, when known.
  public var field: String?
  /// Every problem of a refused document (a FHIR bundle), each with its FHIRPath location.
  public var problems: [FHIRProblem]?

  public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

  enum CodingKeys: String, CodingKey {
    case type, title, detail, field, problems
    case statusCode = "status"
  }

  public init(status: HTTPResponse.Status, type: String, title: String, detail: String, field: String? = nil) {
    (self.statusCode, self.type, self.title, self.detail, self.field) = (status.code, type, title, detail, field)
  }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(self)
    return Response(
      status: status, headers: [.contentType: "application/problem+json"],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// Invalid clinical input (422), with the field.
  static func invalid(_ error: StagingError) -> Problem {
    Problem(
      status: .unprocessableContent, type: "https://leio.invalid/problems/invalid-clinical-input",
      title: "Invalid clinical input", detail: error.description, field: error.field.isEmpty ? nil : error.field)
  }

  /// A body that is not the expected JSON (400).
  static func malformed(_ detail: String, field: String? = nil) -> Problem {
    Problem(
      status: .badRequest, type: "https://leio.invalid/problems/malformed-request", title: "Malformed request",
      detail: detail, field: field)
  }

  /// The generic problem for a status (404, 405, 413, 500…), without internal detail.
  static func status(_ status: HTTPResponse.Status, detail: String? = nil) -> Problem {
    Problem(status: status, type: "about:blank", title: status.reasonPhrase, detail: detail ?? status.reasonPhrase)
  }
}
