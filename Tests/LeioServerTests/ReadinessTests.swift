import Foundation
import HTTPTypes
import LeioServer
import LeioStore
import Testing

/// Issue 17 §3: `/readyz` is readiness, not liveness — 200 while the registry's database answers, 503 (with no
/// patient data) once it does not, while `/healthz` still says the process is alive.
@Suite("Readiness", .serialized)
struct ReadinessTests {
  @Test("ready while the database answers; 503 when it is gone; /healthz unaffected")
  func readiness() async throws {
    let harness = try await RegistryHarness.make()
    defer { try? FileManager.default.removeItem(at: harness.directory) }
    let ready = try await harness.call(.get, "/readyz")
    #expect(ready.status == 200 && ready.body == #"{"status":"ready"}"#)
    #expect(await harness.registry.ready())
    try await harness.registry.close()
    let gone = try await harness.call(.get, "/readyz")
    #expect(gone.status == 503 && gone.body == #"{"status":"unavailable"}"#, "\(gone)")
    let alive = try await harness.call(.get, "/healthz")
    #expect(alive.status == 200)
  }
}
