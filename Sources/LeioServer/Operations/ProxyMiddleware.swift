import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// Behind a reverse proxy that terminates TLS (`leio serve --trusted-proxy ADDRESS`): for requests whose connection
/// comes from one of the trusted addresses — and only those — the client's address is the right-most entry of
/// `X-Forwarded-For` (the one the proxy itself appended: entries to its left are whatever the client sent), and
/// `X-Forwarded-Proto: https` marks the request as HTTPS, so cookies carry `Secure`.
///
/// Without it every client would share the proxy's address, so one guesser's failed sign-ins would lock every user
/// out. The same-origin check needs no header of the proxy's: it compares `Origin` with `Host`, which the proxy
/// passes on (`proxy_set_header Host $http_host;` in nginx, see docs/deployment.md).
public struct ProxyMiddleware: RouterMiddleware {
  public typealias Context = LeioRequestContext
  let trusted: Set<String>

  /// - Parameter trusted: the proxies' addresses as the server sees them (`127.0.0.1`, `::1`, `10.0.0.5`).
  public init(trusted: Set<String>) { self.trusted = trusted }

  public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    guard let peer = context.peerAddress, trusted.contains(peer) else { return try await next(request, context) }
    var context = context
    if let forwarded = request.headers[values: Self.forwardedFor].last,
      let client = forwarded.split(separator: ",").last.map({ String($0).trimmingCharacters(in: .whitespaces) }),
      Self.isAddress(client)
    {
      context.remoteAddress = client
    }
    context.forwardedHTTPS = request.headers[Self.forwardedProto]?.lowercased() == "https"
    return try await next(request, context)
  }

  static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
  static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

  /// An IPv4 or IPv6 address as text (what a proxy writes), not a name or anything longer.
  public static func isAddress(_ text: String) -> Bool {
    text.count <= 45 && (try? SocketAddress(ipAddress: text, port: 0)) != nil
  }
}
