public import Hummingbird

/// The request context of Leio's routes: a 64 KiB body limit.
public struct LeioRequestContext: RequestContext {
  /// Largest request body accepted (413 above it).
  public static let maximumBody = 64 * 1024

  public var coreContext: CoreRequestContextStorage

  public init(source: Source) { coreContext = .init(source: source) }

  public var maxUploadSize: Int { Self.maximumBody }
}
