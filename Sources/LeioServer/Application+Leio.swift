public import Hummingbird
import Foundation
import LeioCore
public import Logging

/// Builds Leio's router: `/healthz`, the JSON API under `/api/v1`, and the web pages.
public func buildRouter() -> Router<LeioRequestContext> {
  let router = Router(context: LeioRequestContext.self)
  router.add(middleware: ProblemMiddleware())
  router.get("healthz") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
  }
  APIController<LeioRequestContext>().addRoutes(to: router.group("api/v1"))
  WebController<LeioRequestContext>().addRoutes(to: router)
  return router
}

/// The application `leio serve` runs: graceful shutdown on SIGINT and SIGTERM (swift-service-lifecycle).
public func buildApplication(host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
  Application(router: buildRouter(), configuration: .init(address: .hostname(host, port: port), serverName: "Leio"), logger: logger)
}
