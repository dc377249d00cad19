import Foundation

/// Loads a JSON document from `Resources/Knowledge` in the LeioCore bundle.
enum KnowledgeResource {
  static func data(_ name: String) -> Result<Data, KnowledgeError> {
    guard
      let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Knowledge")
        ?? Bundle.module.url(forResource: name, withExtension: "json"),
      let data = try? Data(contentsOf: url)
    else { return .failure(.malformed("\(name).json is missing from the LeioCore bundle")) }
    return .success(data)
  }

  static func decode<T: Decodable>(_ name: String, as type: T.Type) -> Result<T, KnowledgeError> {
    data(name).flatMap { data in
      do { return .success(try JSONDecoder().decode(T.self, from: data)) } catch {
        return .failure(.malformed("\(name).json: \(error)"))
      }
    }
  }
}
