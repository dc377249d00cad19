import Crypto
import Foundation
import HTTPTypes
public import Hummingbird
import LeioCore
import LeioReport

/// Adds the browser security headers to every response (pages, API answers, problems, downloads):
///
/// - `Content-Security-Policy`: nothing loads but the page's own stylesheet (allowed by its SHA-256, so no inline
///   script or other inline style can run even if markup were injected), images from this origin or `data:`, forms
///   posting to this origin only, no framing (`frame-ancestors 'none'`), no `<base>`.
/// - `X-Frame-Options: DENY` (older browsers), `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`
///   (patient ids in paths never leave in a Referer to another site; `no-referrer` would make browsers send `Origin: null` on the site's own form posts, which the CSRF check refuses), `Cross-Origin-Opener-Policy: same-origin`.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  public init() {}

  public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    var response = try await next(request, context)
    for (name, value) in SecurityHeaders.all where response.headers[name] == nil { response.headers[name] = value }
    return response
  }
}

/// The header values of ``SecurityHeadersMiddleware``.
enum SecurityHeaders {
  /// The policy: the pages' two stylesheets by hash, nothing else inline.
  static let contentSecurityPolicy: String = {
    let hashes = [PageLayout.style, CareSummaryHTML.style].map {
      "'sha256-\(Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString())'"
    }
    return "default-src 'none'; style-src \(hashes.joined(separator: " ")); img-src 'self' data:; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'"
  }()

  static let all: [(HTTPField.Name, String)] = [
    (.contentSecurityPolicy, contentSecurityPolicy),
    (HTTPField.Name("X-Frame-Options")!, "DENY"),
    (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
    (HTTPField.Name("Referrer-Policy")!, "same-origin"),
    (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
  ]
}
