import Foundation

/// A prognosis model fitted on a registry's own data (`leio model fit`), as its JSON file holds it: a Cox model with
/// its Breslow baseline hazard and the terms needed to predict for a new patient, a summary of the data, and the
/// internal validation (bootstrap optimism, as R's `rms::validate` and `rms::calibrate`). Predictions are refused
/// outside the covariate range the model saw.
public struct PrognosisModel: Codable, Sendable, Equatable {
  /// The schema version of the model file this code writes and reads.
  public static let currentSchemaVersion = 1

  /// The model file's schema version.
  public var schemaVersion: Int
  /// The model: `cox` (proportional hazards, Efron ties, Breslow baseline), or `finegray` (subdistribution hazards
  /// of ``cause``, as `cmprsk::crr`).
  public var kind: String
  /// The cause a `finegray` model predicts (a status code of the event column); nil for `cox`.
  public var cause: Int?
  /// The time column, and what one unit of it is (`days`, `months`…), as given when fitting.
  public var time: String
  /// The unit of time.
  public var timeUnit: String
  /// The event column.
  public var event: String
  /// The covariates, in model order.
  public var terms: [Term]
  /// The design columns (a categorical term: name + level).
  public var names: [String]
  /// The coefficients (log hazard ratios), one per design column.
  public var coefficients: [Double]
  /// Their variance matrix (row-major).
  public var variance: [Double]
  /// The design's column means (the baseline is at these values).
  public var means: [Double]
  /// The baseline cumulative hazard and the terms of its variance.
  public var baseline: Baseline
  /// What data the model was fitted on.
  public var data: DataSummary
  /// Discrimination and calibration, apparent and corrected for optimism.
  public var validation: Validation
  /// Calibration at each horizon.
  public var calibration: [Calibration]

  /// A covariate: a number with the range seen, or categories with their levels (the first is the reference).
  public struct Term: Codable, Sendable, Equatable {
    /// Column name.
    public var name: String
    /// The smallest value seen (a numeric term).
    public var minimum: Double?
    /// The largest value seen (a numeric term).
    public var maximum: Double?
    /// The levels seen, reference first (a categorical term).
    public var levels: [String]?
  }

  /// The Breslow baseline at the design means, at every event time, with what the variance of a prediction needs
  /// (Tsiatis 1981, as R's `survfit.coxph`).
  public struct Baseline: Codable, Sendable, Equatable {
    /// Event times, ascending.
    public var time: [Double]
    /// Cumulative hazard H₀(t) at the means.
    public var cumulativeHazard: [Double]
    /// Σ dₖ / S₀(tₖ)² up to t.
    public var hazardVariance: [Double]
    /// Σ x̄(tₖ)·dₖ / S₀(tₖ) up to t (centred covariates; times × columns, row-major).
    public var meanHazard: [Double]
  }

  /// The data the model was fitted on.
  public struct DataSummary: Codable, Sendable, Equatable {
    /// Rows used.
    public var n: Int
    /// Events.
    public var events: Int
    /// Rows dropped for a missing value.
    public var dropped: Int
    /// The longest follow-up.
    public var maximumTime: Double
    /// The first and last year of diagnosis, when the data had a year column.
    public var years: [Int]?
  }

  /// One validation index: apparent (on the data that fitted the model), the bootstrap optimism, and the corrected
  /// value (apparent − optimism), as `rms::validate` reports them.
  public struct Index: Codable, Sendable, Equatable {
    /// `harrellC`, `unoC` (Cox), `competingC` (Fine-Gray) or `calibrationSlope`.
    public var name: String
    /// On the fitting data.
    public var apparent: Double
    /// Mean over resamples of (on the resample − on the original data).
    public var optimism: Double
    /// apparent − optimism.
    public var corrected: Double
  }

  /// The internal validation.
  public struct Validation: Codable, Sendable, Equatable {
    /// Bootstrap resamples asked for.
    public var bootstrap: Int
    /// Resamples whose model could not be fitted (a level absent, no events), left out.
    public var failed: Int
    /// The seed of the resampling (the same seed gives the same figures).
    public var seed: UInt64
    /// The horizon of Uno's C.
    public var horizon: Double
    /// Harrell's C and Uno's C at the horizon (Cox) or the competing-risks C (Fine-Gray), and the calibration slope.
    public var indexes: [Index]
  }

  /// Calibration at a horizon: predicted against observed probability of the event by then.
  public struct Calibration: Codable, Sendable, Equatable {
    /// The horizon.
    public var horizon: Double
    /// Fifths of the predicted risk: mean predicted, Kaplan-Meier observed.
    public var groups: [Group]
    /// The smoothed curve (observed from a Cox model on a restricted cubic spline of log(−log S)), apparent and
    /// corrected for optimism, at points across the predicted risks.
    public var curve: [Point]
    /// Integrated calibration index: mean |observed − predicted| over the patients (apparent).
    public var ici: Double

    /// One fifth of the patients by predicted risk.
    public struct Group: Codable, Sendable, Equatable {
      /// Patients.
      public var n: Int
      /// Mean predicted probability of the event by the horizon.
      public var predicted: Double
      /// 1 − Kaplan-Meier at the horizon.
      public var observed: Double
    }

    /// A point of the smoothed curve.
    public struct Point: Codable, Sendable, Equatable {
      /// Predicted probability of the event.
      public var predicted: Double
      /// Observed (smoothed), on the fitting data.
      public var observed: Double
      /// Observed, corrected for optimism.
      public var corrected: Double
    }
  }
}

/// Why a model could not be fitted, read or used.
public enum PrognosisModelError: Error, Equatable, CustomStringConvertible {
  /// A file written by another schema version.
  case schemaVersion(Int)
  /// A profile without a value for a term, or with a value that is not a number or a level.
  case profile(String)
  /// A profile outside the model's data.
  case outOfRange(String)
  /// The data cannot give a model.
  case data(String)

  /// The value in words, as messages and pages show it.
  public var description: String {
    switch self {
    case .schemaVersion(let version):
      "the model file has schema version \(version); this Leio reads version \(PrognosisModel.currentSchemaVersion). Fit the model again."
    case .profile(let detail): detail
    case .outOfRange(let detail):
      "no prediction: \(detail) The model only speaks for patients like those it was fitted on."
    case .data(let detail): detail
    }
  }
}
