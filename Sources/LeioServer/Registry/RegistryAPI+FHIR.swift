import Foundation
import Hummingbird
import LeioCore
import LeioFHIR
import LeioStore
import NIOCore

/// FHIR mCODE bundles over HTTP: `GET /api/v1/patients/{id}/fhir` (the patient's bundle) and `POST /api/v1/fhir`
/// (a bundle imported in one transaction).
extension RegistryAPI.Call {
  func getPatientsByIDFhir() async throws -> Response {
    let bundle = try await FHIRExchange.bundle(patient: id, registry: registry, by: actor)
    return Response(
      status: .ok, headers: [.contentType: "application/fhir+json", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: bundle.serialized())))
  }

  func postFhir() async throws -> Response {
    let dryRun: Bool
    switch query.get("dryRun") {
    case nil, "false"?: dryRun = false
    case "true"?: dryRun = true
    case let other?: throw Problem.malformed("dryRun must be true or false, not '\(other.excerpt())'.", field: "dryRun")
    }
    var data = Data()
    for try await buffer in request.body {
      guard data.count + buffer.readableBytes <= BundleReader.maximumBytes else {
        throw Problem(
          status: .contentTooLarge, type: "https://leio.invalid/problems/too-large", title: "Too large",
          detail: "A FHIR bundle is at most \(BundleReader.maximumBytes >> 20) MiB.")
      }
      data.append(contentsOf: buffer.readableBytesView)
    }
    guard !data.isEmpty else { throw Problem.malformed("The request body is empty; send the mCODE bundle (JSON).") }
    do {
      return try json(try await FHIRExchange.importBundle(data, into: registry, dryRun: dryRun, by: actor))
    } catch let error as FHIRBundleError {
      var problem = Problem(
        status: .unprocessableContent, type: "https://leio.invalid/problems/invalid-fhir-bundle",
        title: "Invalid FHIR bundle",
        detail: error.problems.first.map { "\($0.location): \($0.message)" } ?? "The bundle cannot be imported.",
        field: error.problems.first?.location)
      problem.problems = error.problems
      throw problem
    }
  }
}
