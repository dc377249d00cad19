import Foundation
public import Hummingbird
import HummingbirdCore
import LeioCore
public import LeioStore
public import LeioSurvival
public import Logging

/// Builds Leio's router: `/healthz` (liveness), `/readyz` (readiness: the registry's database answers), the JSON API
/// under `/api/v1`, and the web pages.
///
/// With `baselineRoute`, also `POST /bench/baseline`: it reads the body within the same limit and answers a fixed
/// JSON document through the same middleware, so `Benchmarks/load.sh` can compare the stage endpoint with the
/// cost of Hummingbird alone, in one binary. Off unless asked for (`leio serve --benchmark-baseline`).
///
/// With a `registry`, also the registry: `/login`, the patient pages and `/api/v1/patients…`, each behind its
/// permission. `secureCookies` marks the session cookie `Secure` (off only for plain HTTP on loopback; behind a
/// proxy in `trustedProxies`, on when the proxy forwards HTTPS: ``ProxyMiddleware``). A
/// `prognosis` model (`leio model fit` on `leio export outcomes` data) is shown on the case pages.
public func buildRouter(
  baselineRoute: Bool = false, registry: Registry? = nil, secureCookies: Bool = true,
  prognosis: PrognosisModel? = nil, metrics: ServerMetrics? = nil, trustedProxies: Set<String> = []
) -> Router<LeioRequestContext> {
  let router = Router(context: LeioRequestContext.self)
  if !trustedProxies.isEmpty { router.add(middleware: ProxyMiddleware(trusted: trustedProxies)) }
  router.add(middleware: SecurityHeadersMiddleware())
  router.add(middleware: ProblemMiddleware(metrics: metrics))
  router.get("healthz") { _, _ in
    Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
  }
  // Readiness, distinct from liveness: with a registry, the database must answer (503 while it does not), so a load
  // balancer stops sending requests to a process whose database is gone.
  router.get("readyz") { _, _ in
    let ready = await registry?.ready() ?? true
    return Response(
      status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(string: ready ? #"{"status":"ready"}"# : #"{"status":"unavailable"}"#)))
  }
  if baselineRoute {
    router.post("bench/baseline") { request, context in
      var request = request
      _ = try await request.collectBody(upTo: context.maxUploadSize)
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
  }
  APIController<LeioRequestContext>().addRoutes(to: router.group("api/v1"))
  WebController<LeioRequestContext>().addRoutes(to: router)
  if let registry {
    RegistryAPI.addRoutes(to: router, registry: registry)
    RegistryWeb.addRoutes(to: router, registry: registry, secureCookies: secureCookies, prognosis: prognosis)
  }
  return router
}

/// The application `leio serve` runs: graceful shutdown on SIGINT and SIGTERM (swift-service-lifecycle).
///
/// `limits` bound what a client can hold open: a request must arrive whole within the request timeout (also the
/// keep-alive idle timeout), and connections past the cap get a 503 and are closed (``ConnectionGuard``).
public func buildApplication(
  host: String, port: Int, logger: Logger, baselineRoute: Bool = false, registry: Registry? = nil,
  limits: ConnectionLimits = ConnectionLimits(), prognosis: PrognosisModel? = nil, metrics: ServerMetrics? = nil,
  trustedProxies: Set<String> = []
) -> some ApplicationProtocol {
  let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
  let counter = ConnectionCounter()
  let http1 = HTTP1Channel.Configuration(
    additionalChannelHandlers: [ConnectionGuard(limits: limits, counter: counter)], idleTimeout: limits.requestTimeout)
  return Application(
    router: buildRouter(
      baselineRoute: baselineRoute, registry: registry, secureCookies: !loopback, prognosis: prognosis,
      metrics: metrics, trustedProxies: trustedProxies),
    server: .http1(configuration: http1),
    configuration: .init(address: .hostname(host, port: port), serverName: "Leio", backlog: 1024), logger: logger)
}

/// The router of the operations port (`leio serve --metrics-port`): `GET /metrics` only, in the Prometheus text
/// format. It listens on its own address (loopback unless told otherwise), apart from the application's port, so a
/// reverse proxy that publishes Leio does not publish its metrics.
public func buildMetricsRouter(metrics: ServerMetrics, registry: Registry?) -> Router<LeioRequestContext> {
  let router = Router(context: LeioRequestContext.self)
  router.get("metrics") { _, _ in
    Response(
      status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: await metrics.render(registry: registry))))
  }
  return router
}

/// The operations server: ``buildMetricsRouter(metrics:registry:)`` on `host:port`.
public func buildMetricsApplication(
  host: String, port: Int, logger: Logger, metrics: ServerMetrics, registry: Registry?
)
  -> some ApplicationProtocol
{
  Application(
    router: buildMetricsRouter(metrics: metrics, registry: registry),
    configuration: .init(address: .hostname(host, port: port), serverName: "Leio"), logger: logger)
}
