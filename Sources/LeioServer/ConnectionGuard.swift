import Foundation
import HTTPTypes
import Hummingbird
public import NIOCore
import NIOHTTPTypes

/// Limits on connections, so that clients that open sockets and never finish a request cannot exhaust the
/// server's file descriptors (slow-loris): `leio serve --request-timeout --max-connections`.
public struct ConnectionLimits: Sendable {
  /// A request must arrive whole — head and body — within this long of the connection opening or of the previous
  /// response; a keep-alive connection with no request is closed after it too.
  public var requestTimeout: TimeAmount
  /// Open connections beyond this are answered `503 Service Unavailable` (with `Retry-After`) and closed at once.
  public var maximumConnections: Int

  public init(requestTimeout: TimeAmount = .seconds(30), maximumConnections: Int = 1024) {
    self.requestTimeout = requestTimeout
    self.maximumConnections = maximumConnections
  }
}

/// Counts open connections across the server's event loops.
final class ConnectionCounter: @unchecked Sendable {
  // Guarded by `lock`.
  private let lock = NSLock()
  private var open = 0

  /// Adds one; returns the count with it.
  func opened() -> Int {
    lock.withLock {
      open += 1
      return open
    }
  }
  func closed() { lock.withLock { open -= 1 } }
  var count: Int { lock.withLock { open } }
}

/// One per connection, right after HTTP decoding: refuses a connection over the cap with a complete 503 response,
/// and closes one whose request does not arrive whole within the request timeout.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let limits: ConnectionLimits
  private let counter: ConnectionCounter
  private var counted = false
  private var refused = false
  private var deadline: Scheduled<Void>?
  /// Requests read whole and not yet answered; the clock runs only while there are none.
  private var unanswered = 0

  init(limits: ConnectionLimits, counter: ConnectionCounter) {
    self.limits = limits
    self.counter = counter
  }

  func handlerAdded(context: ChannelHandlerContext) {
    counted = true
    if counter.opened() > limits.maximumConnections {
      refused = true
      let body = ByteBuffer(
        string:
          #"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"The server has too many open connections; try again shortly."}"#
      )
      var head = HTTPResponse(status: .serviceUnavailable)
      head.headerFields = [
        .contentType: "application/problem+json", .contentLength: "\(body.readableBytes)", .connection: "close",
        .retryAfter: "5",
      ]
      context.write(wrapOutboundOut(.head(head)), promise: nil)
      context.write(wrapOutboundOut(.body(body)), promise: nil)
      context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
      return
    }
    arm(context)
  }

  func handlerRemoved(context: ChannelHandlerContext) { release() }

  func channelInactive(context: ChannelHandlerContext) {
    release()
    context.fireChannelInactive()
  }

  /// Stops the clock and gives the connection's place back (once, whichever of removal or close comes first).
  private func release() {
    deadline?.cancel()
    deadline = nil
    if counted {
      counted = false
      counter.closed()
    }
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    guard !refused else { return }  // a refused connection's request is never handled
    if case .end = unwrapInboundIn(data) {
      unanswered += 1
      deadline?.cancel()
      deadline = nil
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data) {
      unanswered = max(0, unanswered - 1)
      if unanswered == 0 { arm(context) }  // the next request must arrive in time too
    }
    context.write(data, promise: promise)
  }

  /// Starts the clock for the next request.
  private func arm(_ context: ChannelHandlerContext) {
    deadline?.cancel()
    let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
    deadline = context.eventLoop.scheduleTask(in: limits.requestTimeout) { loopBound.value.close(promise: nil) }
  }
}
