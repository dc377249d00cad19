public import Hummingbird
public import LeioStore
import NIOCore

/// The request context of Leio's routes: a 64 KiB body limit, and who is signed in (set by
/// ``IdentityMiddleware`` on the registry's routes only).
public struct LeioRequestContext: RequestContext {
  /// Largest request body accepted (413 above it).
  public static let maximumBody = 64 * 1024

  public var coreContext: CoreRequestContextStorage
  /// The signed-in account, from a session cookie or an API token.
  public var identity: Identity?
  /// The session cookie's token, when the identity came from one (sign-out ends that session).
  public var sessionToken: String?
  /// For a cookie-authenticated file upload: the CSRF token the handler must find in the form before using it.
  public var csrfToVerify: String?

  /// The client's address, recorded in the audit log (never in the access log) and keying sign-in lock-outs: the
  /// connection's peer, or — from a trusted proxy — the address the proxy saw (``ProxyMiddleware``).
  var remoteAddress: String?
  /// A trusted proxy said the client connected with HTTPS.
  var forwardedHTTPS = false
  /// The connection's own peer, whatever a proxy says.
  let peerAddress: String?

  public init(source: Source) {
    coreContext = .init(source: source)
    peerAddress = source.channel.remoteAddress.map { $0.ipAddress ?? "\($0)" }
    remoteAddress = peerAddress
  }

  public var maxUploadSize: Int { Self.maximumBody }

  /// Who acts, for the audit log.
  var auditContext: AuditContext {
    AuditContext(
      accountID: identity?.account.id, username: identity?.account.username ?? "anonymous", remote: remoteAddress)
  }
}
