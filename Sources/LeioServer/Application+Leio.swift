public import Hummingbird
import Foundation
import LeioCore
public import Logging

/// Builds Leio's router: `/healthz`, the JSON API under `/api/v1`, and the web pages.
///
/// With `baselineRoute`, also `POST /bench/baseline`: it reads the body within the same limit and answers a fixed
/// JSON document through the same middleware, so `Benchmarks/load.sh` can compare the stage endpoint with the
/// cost of Hummingbird alone, in one binary. Off unless asked for (`leio serve --benchmark-baseline`).
public func buildRouter(baselineRoute: Bool = false) -> Router<LeioRequestContext> {
  let router = Router(context: LeioRequestContext.self)
  router.add(middleware: ProblemMiddleware())
  router.get("healthz") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
  }
  if baselineRoute {
    router.post("bench/baseline") { request, context in
      var request = request
      _ = try await request.collectBody(upTo: context.maxUploadSize)
      return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
  }
  APIController<LeioRequestContext>().addRoutes(to: router.group("api/v1"))
  WebController<LeioRequestContext>().addRoutes(to: router)
  return router
}

/// The application `leio serve` runs: graceful shutdown on SIGINT and SIGTERM (swift-service-lifecycle).
public func buildApplication(host: String, port: Int, logger: Logger, baselineRoute: Bool = false) -> some ApplicationProtocol {
  Application(router: buildRouter(baselineRoute: baselineRoute), configuration: .init(address: .hostname(host, port: port), serverName: "Leio"), logger: logger)
}
