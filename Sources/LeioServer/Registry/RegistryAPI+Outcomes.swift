import Foundation
import Hummingbird
import LeioCore
import LeioStore
import NIOCore

/// `GET /api/v1/export/outcomes[?from=&to=&site=]`: the outcomes dataset as CSV (registrar, admin; audited).
extension RegistryAPI.Call {
  func getExportOutcomes() async throws -> Response {
    let filter: OutcomeDataset.Filter
    do {
      filter = OutcomeDataset.Filter(
        from: try query.get("from").map { try CalendarDate(parsing: $0, field: "from") },
        to: try query.get("to").map { try CalendarDate(parsing: $0, field: "to") },
        siteGroup: try query.get("site").map { text in
          guard let group = SiteGroup(rawValue: text) else {
            throw StagingError.invalidValue(field: "site", value: text, expected: SiteGroup.allCases.map(\.rawValue))
          }
          return group
        })
    } catch let error as StagingError {
      throw Problem.malformed(error.description, field: error.field)
    }
    let dataset = try await registry.outcomes(filter, by: actor)
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/csv; charset=utf-8",
        .contentDisposition: "attachment; filename=\"leio-outcomes.csv\"", .cacheControl: "no-store",
      ],
      body: .init(byteBuffer: ByteBuffer(string: dataset.csv)))
  }
}
