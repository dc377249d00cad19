public import Foundation

/// What a prognosis model says about a covariate profile: the survival (Cox) or the cumulative incidence of the
/// cause (Fine-Gray) of similar patients in the model's data at each horizon with a 95 % interval, in words with the
/// data it comes from, the model's validation figures, and the caveat that goes with it.
public struct PrognosisPrediction: Encodable, Sendable, Equatable {
  /// The covariate values used.
  public var profile: [String: String]
  /// `survival` (Cox) or `cumulativeIncidence` (Fine-Gray: of the model's cause, other causes competing).
  public var measure: String
  /// The estimate at each horizon.
  public var horizons: [Point]
  /// The statement, in words.
  public var statement: String
  /// The model's validation figures (apparent and optimism-corrected).
  public var validation: PrognosisModel.Validation
  /// What the figure is and is not.
  public var caveat: String

  /// The estimate at one horizon.
  public struct Point: Encodable, Sendable, Equatable {
    /// The horizon.
    public var time: Double
    /// Survival, or the cumulative incidence of the cause.
    public var estimate: Double
    /// Lower 95 % limit (from H ± 1.96·se(H) for the cumulative hazard H: R's `survfit` "log" interval for survival).
    public var lower: Double
    /// Upper 95 % limit.
    public var upper: Double
  }

  /// The caveat shown with every prediction (reference §7.1 P-5 / D-19: relative survival and population figures are
  /// not individual predictions; §8 D-20: decisions belong to the care team).
  public static let caveat =
    "Educational information, not a medical device. This describes what happened to patients with the same recorded characteristics in this registry's own data; it is not a prediction for this person, not a probability of cure (reference D-19), and it is only as good as the registry's data and the model's validation figures shown with it. Decisions belong to the patient's sarcoma team (D-20)."
}

extension PrognosisModel {
  /// Reads a model file, refusing another schema version.
  public static func read(_ data: Data) throws -> PrognosisModel {
    struct Version: Decodable { var schemaVersion: Int }
    guard let version = try? JSONDecoder().decode(Version.self, from: data).schemaVersion else {
      throw PrognosisModelError.data("not a Leio model file (JSON with a schemaVersion, from leio model fit).")
    }
    guard version == currentSchemaVersion else { throw PrognosisModelError.schemaVersion(version) }
    let model: PrognosisModel
    do { model = try JSONDecoder().decode(PrognosisModel.self, from: data) } catch {
      throw PrognosisModelError.data("the model file is damaged: \(error.localizedDescription)")
    }
    try model.checkStructure()
    return model
  }

  /// Refuses a file whose parts do not fit together (a hand-edited or damaged file), so that prediction never reads
  /// past an array: one coefficient, mean and name per design column, a p × p variance, baseline arrays of one
  /// length, terms that add up to the design's columns, finite numbers.
  func checkStructure() throws {
    let p = names.count
    let columns = terms.reduce(0) { $0 + max(0, ($1.levels?.count ?? 2) - 1) }
    let baselineLengths = [baseline.cumulativeHazard.count, baseline.hazardVariance.count]
    guard coefficients.count == p, means.count == p, variance.count == p * p, columns == p,
      baselineLengths.allSatisfy({ $0 == baseline.time.count }), baseline.meanHazard.count == baseline.time.count * p,
      terms.allSatisfy({ $0.levels?.isEmpty != true }),
      (coefficients + means + variance + baseline.time + baseline.cumulativeHazard + baseline.hazardVariance
        + baseline.meanHazard).allSatisfy(\.isFinite), data.maximumTime.isFinite
    else { throw PrognosisModelError.data("the model file is damaged: its parts do not fit together.") }
  }

  /// The design row of a profile, refused when a term is missing, not a number or level, or outside the range of the
  /// model's data.
  public func row(for profile: [String: String]) throws -> [Double] {
    var row: [Double] = []
    for term in terms {
      guard let value = profile[term.name]?.trimmedBlanks, !value.isEmpty, value != "NA" else {
        throw PrognosisModelError.profile("the profile has no value for '\(term.name)'.")
      }
      if let levels = term.levels {
        guard levels.contains(value) else {
          throw PrognosisModelError.outOfRange(
            "'\(term.name)' is \(value.quotedExcerpt), which the model's data never had (levels: \(levels.joined(separator: ", ")))."
          )
        }
        row += levels.dropFirst().map { $0 == value ? 1 : 0 }
      } else {
        guard let number = Double(value), number.isFinite else {
          throw PrognosisModelError.profile("'\(term.name)' needs a number, not \(value.quotedExcerpt).")
        }
        if let minimum = term.minimum, let maximum = term.maximum, number < minimum || number > maximum {
          throw PrognosisModelError.outOfRange(
            "'\(term.name)' is \(value), outside the model's data (\(SurvivalPlot.format(minimum)) to \(SurvivalPlot.format(maximum)))."
          )
        }
        row.append(number)
      }
    }
    return row
  }

  /// The survival (Cox) or cumulative incidence of the cause (Fine-Gray) of `profile` at `times` (the calibration
  /// horizons when empty), with 95 % intervals from the variance of the predicted cumulative hazard H (Tsiatis 1981:
  /// the baseline's variance plus the coefficients', as R's `survfit(coxph, newdata)` with Breslow's estimator; for
  /// Fine-Gray the same form with crr's robust variance of the coefficients and the censoring weights taken as known).
  /// The interval is H ± 1.96·se(H), mapped to exp(−H) or 1 − exp(−H). A time past the longest follow-up is refused.
  public func predict(_ profile: [String: String], at times: [Double] = []) throws -> PrognosisPrediction {
    let x = try row(for: profile)
    let p = coefficients.count
    let z = (0..<p).map { x[$0] - means[$0] }
    let scale = exp(zip(z, coefficients).reduce(0) { $0 + $1.0 * $1.1 })
    let horizons = times.isEmpty ? calibration.map(\.horizon) : times
    let incidence = kind == "finegray"
    let points = try horizons.map { t -> PrognosisPrediction.Point in
      guard t <= data.maximumTime else {
        throw PrognosisModelError.outOfRange(
          "\(SurvivalPlot.format(t)) \(timeUnit) is past the longest follow-up in the data (\(SurvivalPlot.format(data.maximumTime)) \(timeUnit))."
        )
      }
      guard let k = baseline.time.lastIndex(where: { $0 <= t }) else {
        return PrognosisPrediction.Point(
          time: t, estimate: incidence ? 0 : 1, lower: incidence ? 0 : 1, upper: incidence ? 0 : 1)
      }
      let hazard = scale * baseline.cumulativeHazard[k]
      let d = (0..<p).map { j in scale * (z[j] * baseline.cumulativeHazard[k] - baseline.meanHazard[k * p + j]) }
      var variance = scale * scale * baseline.hazardVariance[k]
      for a in 0..<p { for b in 0..<p { variance += d[a] * self.variance[a * p + b] * d[b] } }
      let width = 1.959963984540054 * variance.squareRoot()
      let (low, high) = (max(0, hazard - width), hazard + width)
      return incidence
        ? PrognosisPrediction.Point(time: t, estimate: 1 - exp(-hazard), lower: 1 - exp(-low), upper: 1 - exp(-high))
        : PrognosisPrediction.Point(time: t, estimate: exp(-hazard), lower: exp(-high), upper: min(1, exp(-low)))
    }
    let corrected = { (name: String) in validation.indexes.first { $0.name == name }?.corrected ?? .nan }
    let years =
      data.years.map { $0.count == 2 && $0[0] != $0[1] ? ", diagnosed \($0[0])–\($0[1])" : ", diagnosed \($0[0])" }
      ?? ""
    var statement =
      "In this registry's data (\(data.n) patients\(years), \(data.events) events\(incidence ? " of cause \(cause ?? 0)" : "")), patients like this one had "
    statement += points.map {
      String(
        format: "%.0f %% (95 %% CI %.0f–%.0f %%) %@ at %@ %@", $0.estimate * 100, $0.lower * 100, $0.upper * 100,
        incidence ? "cumulative incidence of \(event) = \(cause ?? 0)" : "survival", SurvivalPlot.format($0.time),
        timeUnit)
    }.joined(separator: "; ")
    if incidence {
      statement += String(
        format:
          ", other causes competing. The model's optimism-corrected competing-risks C is %.3f (calibration slope %.2f; %d bootstrap resamples).",
        corrected("competingC"), corrected("calibrationSlope"), validation.bootstrap - validation.failed)
    } else {
      statement += String(
        format:
          ". The model's optimism-corrected Harrell's C is %.3f (Uno's C %.3f; calibration slope %.2f; %d bootstrap resamples).",
        corrected("harrellC"), corrected("unoC"), corrected("calibrationSlope"),
        validation.bootstrap - validation.failed)
    }
    return PrognosisPrediction(
      profile: profile, measure: incidence ? "cumulativeIncidence" : "survival", horizons: points,
      statement: statement, validation: validation, caveat: PrognosisPrediction.caveat)
  }
}
