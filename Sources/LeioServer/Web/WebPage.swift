import Foundation
import Hummingbird
import LeioReport

/// Web responses: a page of the public site (the calculators and education pages), or any HTML document.
enum WebPage {
  /// A public page: the site navigation ends with the registry link.
  static func page(title: String, body: String, status: HTTPResponse.Status = .ok) -> Response {
    response(
      PageLayout.document(title: title, body: body, navigation: "<a href=\"/patients\">Registry</a>"), status: status,
      private: false)
  }

  /// An HTML document; `private` pages (a signed-in account's) are never stored by caches.
  static func response(_ html: String, status: HTTPResponse.Status = .ok, private: Bool) -> Response {
    Response(
      status: status,
      headers: [.contentType: "text/html; charset=utf-8", .cacheControl: `private` ? "no-store" : "no-cache"],
      body: .init(byteBuffer: ByteBuffer(string: html)))
  }
}
