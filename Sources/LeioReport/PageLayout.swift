import Foundation

/// The page frame of Leio's web pages: skip link, navigation, main landmark, and the footer with the disclaimer.
/// Works without JavaScript; responsive; prints cleanly. The server wraps the document in its response.
public enum PageLayout {
  /// The public pages, in navigation order.
  public static let navigation = [
    ("/", "Staging calculator"), ("/grade", "Grade"), ("/classify", "Uterine criteria"), ("/plan", "Follow-up plan"),
    ("/learn", "Learn about LMS"),
  ]

  /// The page's stylesheet (inline, so the Content-Security-Policy allows it by hash).
  public static let style = """
    :root{--ink:#1b1f24;--muted:#4a5560;--line:#8c959f;--accent:#0b5394;--warn:#8a4b00;--bad:#b00020}
    *{box-sizing:border-box}body{font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;background:#fff}
    a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus{outline:3px solid #f1a33c;outline-offset:2px}
    .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
    header.site{background:#0b3d6e;color:#fff;padding:.6rem 1rem}header.site a{color:#fff;margin-right:1rem;font-weight:600}
    main{max-width:60rem;margin:0 auto;padding:1rem 1.2rem 3rem}h1{font-size:1.7rem}
    fieldset{border:1px solid var(--line);margin:1rem 0;padding:.8rem}legend{font-weight:700}
    .field{margin:.6rem 0}label{display:block;font-weight:600}input,select{font:inherit;padding:.35rem;border:1px solid var(--line);border-radius:4px;min-width:14rem;max-width:100%}
    input[type=checkbox]{min-width:0;width:auto}.hint{color:var(--muted);font-size:.9rem}.error{color:var(--bad);font-weight:600}[aria-invalid=true]{border:2px solid var(--bad)}
    button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.5rem 1.1rem;cursor:pointer}
    .result{border:2px solid var(--accent);border-radius:6px;padding:1rem;margin:1rem 0}.stage{font-size:1.5rem;font-weight:700;color:var(--accent)}
    table{border-collapse:collapse;width:100%}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
    .signout{display:inline}.signout button{background:#fff;color:#0b3d6e;padding:.15rem .6rem;font-size:.9rem}.registry-nav{display:inline;border-left:2px solid #fff;padding-left:1rem}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
    form.inline{display:inline}form.inline button{padding:.1rem .5rem;font-size:.9rem}
    .legend{font-size:.85rem;color:var(--muted)}.legend span{margin-right:1rem}svg.timeline{display:block;max-width:44rem}
    .badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;font-weight:700}.badge.overdue{background:var(--bad);color:#fff}.badge.due{background:var(--warn);color:#fff}
    .banner,.disagreement{border-left:6px solid var(--warn);background:#fff6e8;padding:.6rem 1rem}footer{color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);margin-top:2rem;padding-top:1rem}
    @media (max-width:40rem){input,select{min-width:0;width:100%}header.site a{display:inline-block;margin:.2rem .6rem .2rem 0}table{display:block;overflow-x:auto}}
    @media print{header.site,nav,form,.skip{display:none}main{padding:0}}
    """

  /// The whole document: `navigation` is the extra part of the site navigation (the registry link, or a signed-in
  /// account's registry navigation).
  public static func document(title: String, body: String, navigation extra: HTML) -> String {
    var html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">"
    html += "<title>\(HTML.escape(title)) · Leio</title><style>\(style)</style></head><body>"
    html += "<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"site\"><nav aria-label=\"Main\">"
    html += navigation.map { "<a href=\"\($0.0)\">\(HTML.escape($0.1))</a>" }.joined()
    html += extra.rendered
    html += "</nav></header><main id=\"main\"><h1>\(HTML.escape(title))</h1>\(body)"
    html +=
      "<footer><p>Leio is educational and registry software, not a medical device. Discuss every result with your care team.</p></footer></main></body></html>\n"
    return html
  }
}
