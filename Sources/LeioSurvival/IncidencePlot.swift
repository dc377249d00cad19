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
    var svg = SurvivalPlot.frame(
      size: (width, height), plot: (plotLeft, plotRight, plotTop, plotBottom), title: title, timeLabel: timeLabel,
      valueLabel: "Cumulative incidence", ticks: ticks.map { ($0, x($0)) },
      grid: stride(from: 0.0, through: 1.0 + 1e-9, by: 0.2).map { (Int(($0 * top * 100).rounded()), y($0 * top)) })
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
