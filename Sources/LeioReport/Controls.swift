import Foundation

/// Labelled form controls: each with its label, its hint, and its error beside it (announced, and linked from the
/// error summary by its id). The server's calculators and registry forms all use these.
public enum Controls {
  /// The one renderer of a labelled control: `message` is the error of this field, shown beside it and announced.
  public static func labelled(
    _ name: String, _ label: String, value: String?, message: String?, hint: String = "", options: [String]? = nil,
    type: String = "text", id: String? = nil
  ) -> String {
    let id = id ?? name
    let invalid = message == nil ? "" : " aria-invalid=\"true\""
    let described = "\(id)-hint" + (message == nil ? "" : " \(id)-error")
    var html = "<div class=\"field\"><label for=\"\(id)\">\(HTML.escape(label))</label>"
    if let options {
      html +=
        "<select id=\"\(id)\" name=\"\(name)\" aria-describedby=\"\(described)\"\(invalid)><option value=\"\">— not given —</option>"
      html +=
        options.map { option(value == $0, value: $0, label: $0) }.joined() + "</select>"
    } else {
      html +=
        "<input id=\"\(id)\" name=\"\(name)\" type=\"\(type)\" value=\"\(HTML.escape(value ?? ""))\" aria-describedby=\"\(described)\"\(invalid)>"
    }
    html += "<div class=\"hint\" id=\"\(id)-hint\">\(HTML.escape(hint))</div>"
    if let message { html += "<p class=\"error\" id=\"\(id)-error\">\(HTML.escape(message))</p>" }
    return html + "</div>"
  }

  /// An `<option>`.
  public static func option(_ selected: Bool, value: String, label: String) -> String {
    "<option value=\"\(HTML.escape(value))\"\(selected ? " selected" : "")>\(HTML.escape(label))</option>"
  }
}
