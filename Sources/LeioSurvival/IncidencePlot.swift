import Foundation

/// Cumulative incidence curves as an SVG picture: rising step lines (the corners of ``CumulativeIncidenceCurve``
/// drawn as given), a legend below the axis with each curve's value at the last follow-up, axes with ticks. Self-contained, no
/// script; text escaped.
public enum IncidencePlot {
  /// The curves as an SVG picture; the vertical axis ends at the smallest of 10 %, 20 %, 50 % and 100 % above the
  /// highest curve. `note` (such as Gray's test) is printed in the upper left of the plot.
  public static func svg(
    _ curves: [(label: String, curve: CumulativeIncidenceCurve)], title: String, timeLabel: String = "Time",
    note: String? = nil
  ) -> String {
    let (width, plotLeft, plotRight, plotTop, plotBottom) = (820.0, 70.0, 790.0, 50.0, 380.0)
    let height = plotBottom + 62 + Double(curves.count) * 18  // the legend sits below the axis, one row per curve
    let maxTime = max(1, curves.flatMap(\.curve.time).max() ?? 1)
    let step = SurvivalPlot.niceStep(maxTime / 6)
    let ticks = stride(from: 0.0, through: maxTime + 1e-9, by: step).map { $0 }
    let axisMax = max(maxTime, ticks.last ?? maxTime)
    let highest = curves.flatMap(\.curve.estimate).max() ?? 0
    let top = [0.1, 0.2, 0.5, 1.0].first { highest <= $0 } ?? 1
    func x(_ t: Double) -> Double { plotLeft + t / axisMax * (plotRight - plotLeft) }
    func y(_ p: Double) -> Double { plotBottom - p / top * (plotBottom - plotTop) }
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    let escape = SurvivalPlot.escape
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">"
    svg += "<title>\(escape(title))</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
    svg += "<text x=\"\(f(plotLeft))\" y=\"28\" font-size=\"16\" font-weight=\"bold\">\(escape(title))</text>"
    for fraction in stride(from: 0.0, through: 1.0 + 1e-9, by: 0.2) {
      let p = fraction * top
      svg +=
        "<line x1=\"\(f(plotLeft))\" y1=\"\(f(y(p)))\" x2=\"\(f(plotRight))\" y2=\"\(f(y(p)))\" stroke=\"#e0e0e0\"/>"
      svg +=
        "<text x=\"\(f(plotLeft - 8))\" y=\"\(f(y(p) + 4))\" text-anchor=\"end\">\(Int((p * 100).rounded())) %</text>"
    }
    for t in ticks {
      svg +=
        "<line x1=\"\(f(x(t)))\" y1=\"\(f(plotBottom))\" x2=\"\(f(x(t)))\" y2=\"\(f(plotBottom + 5))\" stroke=\"#333\"/>"
      svg +=
        "<text x=\"\(f(x(t)))\" y=\"\(f(plotBottom + 20))\" text-anchor=\"middle\">\(SurvivalPlot.format(t))</text>"
    }
    svg +=
      "<line x1=\"\(f(plotLeft))\" y1=\"\(f(plotBottom))\" x2=\"\(f(plotRight))\" y2=\"\(f(plotBottom))\" stroke=\"#333\"/>"
    svg +=
      "<line x1=\"\(f(plotLeft))\" y1=\"\(f(plotTop))\" x2=\"\(f(plotLeft))\" y2=\"\(f(plotBottom))\" stroke=\"#333\"/>"
    svg +=
      "<text x=\"\(f((plotLeft + plotRight) / 2))\" y=\"\(f(plotBottom + 38))\" text-anchor=\"middle\">\(escape(timeLabel))</text>"
    svg +=
      "<text transform=\"translate(16 \(f((plotTop + plotBottom) / 2))) rotate(-90)\" text-anchor=\"middle\">Cumulative incidence</text>"
    if let note { svg += "<text x=\"\(f(plotLeft + 10))\" y=\"\(f(plotTop + 16))\">\(escape(note))</text>" }
    for (index, item) in curves.enumerated() {
      let colour = SurvivalPlot.palette[index % SurvivalPlot.palette.count]
      let points = zip(item.curve.time, item.curve.estimate).map { "\(f(x($0))),\(f(y($1)))" }
      svg += "<g class=\"curve\" data-group=\"\(escape(item.label))\"><title>\(escape(item.label))</title>"
      svg +=
        "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/></g>"
      let legendY = plotBottom + 58 + Double(index) * 18
      let last = item.curve.estimate.last.map { " (\(Int(($0 * 100).rounded())) % at last follow-up)" } ?? ""
      svg +=
        "<line x1=\"\(f(plotLeft))\" y1=\"\(f(legendY))\" x2=\"\(f(plotLeft + 24))\" y2=\"\(f(legendY))\" stroke=\"\(colour)\" stroke-width=\"3\"/>"
      svg += "<text x=\"\(f(plotLeft + 30))\" y=\"\(f(legendY + 4))\">\(escape(item.label + last))</text>"
    }
    return svg + "</svg>\n"
  }
}
