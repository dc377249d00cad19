import Foundation
import Hummingbird
import LeioCore
import LeioNAACCR
import LeioReport
import LeioStore

/// `/import` (registrars and admins): upload a NAACCR XML file, read the dry run's report, then import it. The
/// uploaded file waits, for its own account only and at most an hour, between the two steps.
enum ImportPage {
  static let escape = HTML.escape

  /// Where uploads wait for their confirmation.
  static let pending = FileManager.default.temporaryDirectory.appendingPathComponent("leio-pending-imports")

  static func form(_ identity: Identity, message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
    var body = message ?? ""
    body +=
      "<p>A NAACCR XML file (base dictionary 180–260, plain or gzip, at most \(NAACCRUpload.maximumBytes >> 20) MiB): "
    body +=
      "patients by patientIdNumber, their leiomyosarcoma-family tumours by tumorRecordNumber, staged on import. The file is checked first and nothing is written until you confirm; a file with any bad record imports nothing.</p>"
    body +=
      "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\">\(RegistryPages.csrf(identity))"
    body +=
      "<div class=\"field\"><label for=\"file\">NAACCR XML file</label><input id=\"file\" name=\"file\" type=\"file\" accept=\".xml,.gz,application/xml,application/gzip\" required></div>"
    body += "<button type=\"submit\">Check the file</button></form>"
    return RegistryPages.page(title: "Import NAACCR XML", body: body, identity: identity, status: status)
  }

  static func reportTable(_ report: ImportReport, _ file: NAACCRExchange.ImportFile) -> String {
    let rows: [(String, String)] = [
      ("Tumours in the file", "\(file.tumours)"),
      ("GIST (not imported)", "\(file.refused)"), ("Other histologies (not imported)", "\(file.outOfScope)"),
      (
        "Patients: new / updated / unchanged",
        "\(report.patientsCreated) / \(report.patientsUpdated) / \(report.patientsUnchanged)"
      ),
      (
        "Tumours: new / updated / unchanged",
        "\(report.tumoursCreated) / \(report.tumoursUpdated) / \(report.tumoursUnchanged)"
      ),
      ("Follow-up events (vital status)", "\(report.eventsCreated)"),
    ]
    return "<table><caption>\(report.dryRun ? "What the import would do" : "What was imported")</caption><tbody>"
      + rows.map { "<tr><th scope=\"row\">\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined()
      + "</tbody></table>"
  }

  static func problems(_ title: String, _ lines: [String]) -> String {
    "<div class=\"error\" role=\"alert\"><h2>\(escape(title))</h2><ul>"
      + lines.prefix(200).map { "<li>\(escape($0))</li>" }.joined()
      + (lines.count > 200 ? "<li>… and \(lines.count - 200) more.</li>" : "") + "</ul></div>"
  }

  /// The waiting upload of `account` named `token` (32 hex digits), or `nil`.
  static func pendingFile(account: String, token: String) -> URL? {
    guard token.utf8.count == 32, token.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }),
      account.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ".") })
    else { return nil }
    return pending.appendingPathComponent("\(account)-\(token).xml")
  }

  /// Removes waiting uploads older than an hour.
  static func sweep() {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: pending.path) else { return }
    for name in names {
      let path = pending.appendingPathComponent(name).path
      if let date = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
        date.timeIntervalSinceNow < -3600
      {
        try? manager.removeItem(atPath: path)
      }
    }
  }
}

/// A `multipart/form-data` body read from a file (memory-mapped): its text fields and where the file part lies.
struct MultipartForm {
  var fields: [(name: String, value: String)] = []
  var file: Range<Int>?
  let data: Data

  /// Parses `url` with `boundary`.
  ///
  /// - Throws: ``Problem`` (400) for a body that is not multipart with that boundary.
  init(url: URL, boundary: String) throws {
    data = try Data(contentsOf: url, options: .alwaysMapped)
    let malformed = Problem.malformed("The upload is not a well-formed multipart/form-data body.")
    let delimiter = Data("--\(boundary)".utf8)
    let separator = Data("\r\n\r\n".utf8)
    guard let first = data.range(of: delimiter), first.lowerBound == data.startIndex else { throw malformed }
    var position = first.upperBound
    while true {
      guard data.count - position >= 2 else { throw malformed }
      if data[position] == UInt8(ascii: "-"), data[position + 1] == UInt8(ascii: "-") { return }  // the last one
      guard data[position] == 0x0d, data[position + 1] == 0x0a,
        let headersEnd = data.range(of: separator, in: (position + 2)..<data.endIndex)
      else { throw malformed }
      let headers = String(decoding: data[(position + 2)..<headersEnd.lowerBound], as: UTF8.self)
      guard let next = data.range(of: Data("\r\n".utf8) + delimiter, in: headersEnd.upperBound..<data.endIndex) else {
        throw malformed
      }
      let content = headersEnd.upperBound..<next.lowerBound
      guard let name = headers.firstMatch(of: /name="([^"]*)"/)?.1 else { throw malformed }
      if headers.contains("filename=") {
        if name == "file" { file = content }
      } else {
        guard content.count <= 4096 else { throw malformed }
        fields.append((String(name), String(decoding: data[content], as: UTF8.self)))
      }
      position = next.upperBound
    }
  }

  /// The boundary of a `multipart/form-data` content type.
  static func boundary(_ contentType: String?) -> String? {
    guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
      let match = contentType.firstMatch(of: /boundary="?([^";]+)"?/)
    else { return nil }
    let boundary = String(match.1)
    return boundary.count <= 200 ? boundary : nil
  }
}

extension RegistryWeb.Call {
  func getImport() async throws -> Response { ImportPage.form(identity) }

  func postImport() async throws -> Response {
    guard let boundary = MultipartForm.boundary(request.headers[.contentType]) else {
      throw Problem.malformed("Send the file with the import form (multipart/form-data).")
    }
    let upload = try await NAACCRUpload.saveBody(request, limit: NAACCRUpload.maximumBytes)
    defer { try? FileManager.default.removeItem(at: upload.deletingLastPathComponent()) }
    let form = try MultipartForm(url: upload, boundary: boundary)
    // Cookie sessions: the CSRF token must be the form's first part (AccessMiddleware left it to this handler).
    if let expected = context.csrfToVerify {
      guard let first = form.fields.first, first.name == "_csrf",
        AccessMiddleware.constantTimeEqual(first.value, expected)
      else {
        throw Problem.status(
          .forbidden, detail: "The form is missing its security token or it has expired; reload the page and try again."
        )
      }
    }
    guard let part = form.file, !part.isEmpty else {
      return ImportPage.form(
        identity, message: ImportPage.problems("No file", ["Choose a NAACCR XML file to import."]),
        status: .unprocessableContent)
    }
    ImportPage.sweep()
    try FileManager.default.createDirectory(at: ImportPage.pending, withIntermediateDirectories: true)
    let token = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    guard let pending = ImportPage.pendingFile(account: identity.account.id, token: token) else {
      throw Problem.status(.internalServerError, detail: "the upload could not be stored.")
    }
    try form.data[part].write(to: pending)
    do {
      let (report, file) = try await NAACCRExchange.importFile(
        path: pending.path, into: registry, dryRun: true, by: actor)
      var body = ImportPage.reportTable(report, file)
      body +=
        "<form method=\"post\" action=\"/import/confirm\">\(RegistryPages.csrf(identity))<input type=\"hidden\" name=\"upload\" value=\"\(token)\"><button type=\"submit\">Import these records</button></form>"
      body += "<p><a href=\"/import\">Choose another file</a></p>"
      return RegistryPages.page(title: "Import NAACCR XML: check", body: body, identity: identity)
    } catch let error as NAACCRError {
      try? FileManager.default.removeItem(at: pending)
      return ImportPage.form(
        identity, message: ImportPage.problems("The file cannot be read", [error.description]),
        status: .unprocessableContent)
    } catch RegistryError.invalidImport(let problems) {
      try? FileManager.default.removeItem(at: pending)
      return ImportPage.form(
        identity, message: ImportPage.problems("Nothing can be imported: \(problems.count) bad record(s)", problems),
        status: .unprocessableContent)
    }
  }

  func postImportConfirm() async throws -> Response {
    let form = try await WebController<LeioRequestContext>.form(request, context)
    guard let pending = ImportPage.pendingFile(account: identity.account.id, token: form["upload"] ?? ""),
      FileManager.default.fileExists(atPath: pending.path)
    else {
      return ImportPage.form(
        identity,
        message: ImportPage.problems(
          "The checked file is no longer here", ["Upload it again (checks expire after an hour)."]),
        status: .notFound)
    }
    defer { try? FileManager.default.removeItem(at: pending) }
    do {
      let (report, file) = try await NAACCRExchange.importFile(
        path: pending.path, into: registry, dryRun: false, by: actor)
      let body = ImportPage.reportTable(report, file) + "<p><a href=\"/patients\">Patients</a></p>"
      return RegistryPages.page(title: "Import NAACCR XML: done", body: body, identity: identity)
    } catch RegistryError.invalidImport(let problems) {
      return ImportPage.form(
        identity, message: ImportPage.problems("Nothing was imported: \(problems.count) bad record(s)", problems),
        status: .unprocessableContent)
    }
  }
}
