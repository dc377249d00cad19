import Foundation

/// Kaplan-Meier curves as an SVG picture for a slide: step curves with shaded confidence bands, a legend, axes
/// with ticks, and the numbers at risk beneath, one row per group. Self-contained, no script; text escaped.
public enum SurvivalPlot {
  static let palette = ["#0b5394", "#b45f06", "#38761d", "#990000", "#674ea7", "#1c7c8c", "#7f6000", "#4a4a4a"]

  /// The curves with their bands and numbers at risk, as an SVG picture; `note` (such as the log-rank p-value,
  /// written with ``RNumberFormat``) is printed in the lower left of the plot.
  public static func svg(
    _ curves: [(label: String, curve: KaplanMeierCurve)], title: String, timeLabel: String = "Time",
    note: String? = nil
  ) -> String {
    let width = 820.0
    let plotLeft = 70.0
    let plotRight = 790.0
    let plotTop = 50.0
    let plotBottom = 380.0
    let riskTop = 430.0
    let height = riskTop + 20 + Double(curves.count) * 18 + 10
    let maxTime = max(1, curves.flatMap(\.curve.time).max() ?? 1)
    let step = niceStep(maxTime / 6)
    let ticks = stride(from: 0.0, through: maxTime + 1e-9, by: step).map { $0 }
    let axisMax = max(maxTime, ticks.last ?? maxTime)
    func x(_ t: Double) -> Double { plotLeft + t / axisMax * (plotRight - plotLeft) }
    func y(_ s: Double) -> Double { plotBottom - s * (plotBottom - plotTop) }
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    var svg = frame(
      size: (width, height), plot: (plotLeft, plotRight, plotTop, plotBottom), title: title, timeLabel: timeLabel,
      valueLabel: "Survival probability", ticks: ticks.map { ($0, x($0)) },
      grid: stride(from: 0.0, through: 1.0, by: 0.2).map { (Int(($0 * 100).rounded()), y($0)) })
    if let note {
      svg += "<text x=\"\(f(plotLeft + 10))\" y=\"\(f(plotBottom - 10))\">\(escape(note))</text>"
    }
    for (index, item) in curves.enumerated() {
      let colour = palette[index % palette.count]
      let curve = item.curve
      // Confidence band: the step polygon of upper, then lower backwards.
      var upper: [(Double, Double)] = [(0, 1)]
      var lower: [(Double, Double)] = [(0, 1)]
      var line: [(Double, Double)] = [(0, 1)]
      var previous = (survival: 1.0, lower: 1.0, upper: 1.0)
      for row in curve.time.indices {
        let t = curve.time[row]
        line += [(t, previous.survival), (t, curve.survival[row])]
        if curve.lower[row].isFinite, curve.upper[row].isFinite {
          upper += [(t, previous.upper), (t, curve.upper[row])]
          lower += [(t, previous.lower), (t, curve.lower[row])]
          previous.lower = curve.lower[row]
          previous.upper = curve.upper[row]
        }
        previous.survival = curve.survival[row]
      }
      if let last = curve.time.last { line.append((last, previous.survival)) }
      let band = (upper + lower.reversed()).map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
      svg += "<g class=\"curve\" data-group=\"\(escape(item.label))\"><title>\(escape(item.label))</title>"
      svg += "<polygon points=\"\(band)\" fill=\"\(colour)\" fill-opacity=\"0.15\" stroke=\"none\"/>"
      svg +=
        "<polyline points=\"\(line.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
      for row in curve.time.indices where curve.nCensor[row] > 0 {
        svg +=
          "<line x1=\"\(f(x(curve.time[row])))\" y1=\"\(f(y(curve.survival[row]) - 4))\" x2=\"\(f(x(curve.time[row])))\" y2=\"\(f(y(curve.survival[row]) + 4))\" stroke=\"\(colour)\"/>"
      }
      svg += "</g>"
      // Legend.
      let legendY = plotTop + 6 + Double(index) * 18
      svg +=
        "<line x1=\"\(f(plotRight - 190))\" y1=\"\(f(legendY))\" x2=\"\(f(plotRight - 166))\" y2=\"\(f(legendY))\" stroke=\"\(colour)\" stroke-width=\"3\"/>"
      svg +=
        "<text x=\"\(f(plotRight - 160))\" y=\"\(f(legendY + 4))\">\(escape(item.label))\(curve.median.map { " (median \(format($0)))" } ?? "")</text>"
    }
    // Numbers at risk.
    svg += "<text x=\"\(f(plotLeft - 60))\" y=\"\(f(riskTop))\" font-weight=\"bold\">Number at risk</text>"
    for (index, item) in curves.enumerated() {
      let rowY = riskTop + 20 + Double(index) * 18
      svg +=
        "<text x=\"\(f(plotLeft - 60))\" y=\"\(f(rowY))\" fill=\"\(palette[index % palette.count])\">\(escape(String(item.label.prefix(9))))</text>"
      for t in ticks {
        svg +=
          "<text class=\"at-risk\" x=\"\(f(x(t)))\" y=\"\(f(rowY))\" text-anchor=\"middle\">\(item.curve.at(t).nRisk)</text>"
      }
    }
    return svg + "</svg>\n"
  }

  /// 1, 2, 2.5 or 5 × a power of ten.
  /// What both plots share, from the `<svg>` element to the axis labels: the title, horizontal grid lines labelled
  /// in percent (`grid`: label and vertical position), the time ticks (`ticks`: time and horizontal position), the
  /// two axes and their labels.
  static func frame(
    size: (width: Double, height: Double), plot: (left: Double, right: Double, top: Double, bottom: Double),
    title: String, timeLabel: String, valueLabel: String, ticks: [(time: Double, x: Double)],
    grid: [(percent: Int, y: Double)]
  ) -> String {
    func f(_ value: Double) -> String { String(format: "%.1f", value) }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(size.width)) \(Int(size.height))\" width=\"\(Int(size.width))\" height=\"\(Int(size.height))\" role=\"img\" aria-label=\"\(escape(title))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">"
    svg += "<title>\(escape(title))</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
    svg += "<text x=\"\(f(plot.left))\" y=\"28\" font-size=\"16\" font-weight=\"bold\">\(escape(title))</text>"
    for line in grid {
      svg +=
        "<line x1=\"\(f(plot.left))\" y1=\"\(f(line.y))\" x2=\"\(f(plot.right))\" y2=\"\(f(line.y))\" stroke=\"#e0e0e0\"/>"
      svg += "<text x=\"\(f(plot.left - 8))\" y=\"\(f(line.y + 4))\" text-anchor=\"end\">\(line.percent) %</text>"
    }
    for tick in ticks {
      svg +=
        "<line x1=\"\(f(tick.x))\" y1=\"\(f(plot.bottom))\" x2=\"\(f(tick.x))\" y2=\"\(f(plot.bottom + 5))\" stroke=\"#333\"/>"
      svg += "<text x=\"\(f(tick.x))\" y=\"\(f(plot.bottom + 20))\" text-anchor=\"middle\">\(format(tick.time))</text>"
    }
    svg +=
      "<line x1=\"\(f(plot.left))\" y1=\"\(f(plot.bottom))\" x2=\"\(f(plot.right))\" y2=\"\(f(plot.bottom))\" stroke=\"#333\"/>"
    svg +=
      "<line x1=\"\(f(plot.left))\" y1=\"\(f(plot.top))\" x2=\"\(f(plot.left))\" y2=\"\(f(plot.bottom))\" stroke=\"#333\"/>"
    svg +=
      "<text x=\"\(f((plot.left + plot.right) / 2))\" y=\"\(f(plot.bottom + 38))\" text-anchor=\"middle\">\(escape(timeLabel))</text>"
    return svg
      + "<text transform=\"translate(16 \(f((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(valueLabel))</text>"
  }

  static func niceStep(_ raw: Double) -> Double {
    let power = pow(10, floor(log10(max(raw, 1e-9))))
    let fraction = raw / power
    let nice: Double = fraction <= 1 ? 1 : (fraction <= 2 ? 2 : (fraction <= 2.5 ? 2.5 : (fraction <= 5 ? 5 : 10)))
    return nice * power
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
      of: ">", with: "&gt;"
    )
    .replacingOccurrences(of: "\"", with: "&quot;")
  }
}
