import Foundation
import Hummingbird
import LeioCore
import LeioNAACCR
import LeioStore
import NIOCore

/// The import's answer: what was (or, in a dry run, would be) written, and what the file held.
struct NAACCRImportResult: Codable, Sendable {
  let report: ImportReport
  let tumoursRead: Int
  let refused: Int
  let outOfScope: Int
}

/// Uploads of NAACCR files (the API's body, the import page's form): streamed to a temporary file.
enum NAACCRUpload {
  /// The largest NAACCR file accepted by the import (the API's 64 KiB JSON limit does not apply).
  static let maximumBytes = 256 << 20

  /// Streams the request body to a new temporary file; 413 past `limit`.
  static func saveBody(_ request: Request, limit: Int) async throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-upload-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("upload.xml")
    guard FileManager.default.createFile(atPath: file.path, contents: nil),
      let handle = FileHandle(forWritingAtPath: file.path)
    else { throw Problem.status(.internalServerError, detail: "the upload could not be stored.") }
    defer { try? handle.close() }
    var total = 0
    do {
      for try await buffer in request.body {
        total += buffer.readableBytes
        guard total <= limit else {
          throw Problem(
            status: .contentTooLarge, type: "https://leio.invalid/problems/too-large", title: "Too large",
            detail: "A NAACCR file for import is at most \(limit >> 20) MiB.")
        }
        try handle.write(contentsOf: buffer.readableBytesView)
      }
    } catch {
      try? FileManager.default.removeItem(at: directory)
      throw error
    }
    guard total > 0 else {
      try? FileManager.default.removeItem(at: directory)
      throw Problem.malformed("The request body is empty; send the NAACCR XML file (plain or gzip).")
    }
    return file
  }

}

/// NAACCR XML over HTTP: `POST /api/v1/import/naaccr` (the file as the body, streamed to a temporary file under its
/// own size limit) and `GET /api/v1/export/naaccr`.
extension RegistryAPI.Call {
  func postImportNaaccr() async throws -> Response {
    let dryRun: Bool
    switch query.get("dryRun") {
    case nil, "false"?: dryRun = false
    case "true"?: dryRun = true
    case let other?: throw Problem.malformed("dryRun must be true or false, not '\(other.excerpt())'.", field: "dryRun")
    }
    let file = try await NAACCRUpload.saveBody(request, limit: NAACCRUpload.maximumBytes)
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    do {
      let (report, read) = try await NAACCRExchange.importFile(
        path: file.path, into: registry, dryRun: dryRun, by: actor)
      return try json(
        NAACCRImportResult(
          report: report, tumoursRead: read.tumours, refused: read.refused, outOfScope: read.outOfScope))
    } catch let error as NAACCRError {
      throw Problem(
        status: .unprocessableContent, type: "https://leio.invalid/problems/invalid-naaccr",
        title: "Invalid NAACCR file", detail: error.description)
    }
  }

  func getExportNaaccr() async throws -> Response {
    let backup = try await registry.export(scope: .clinical, by: actor)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leio-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("registry.xml").path
    let output = try AtomicOutput(path: path)
    _ = try NAACCRExchange.export(backup, to: output)
    try output.commit()
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return Response(
      status: .ok,
      headers: [
        .contentType: "application/xml",
        .contentDisposition: "attachment; filename=\"leio-registry-naaccr.xml\"",
        .cacheControl: "no-store",
      ],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }
}
